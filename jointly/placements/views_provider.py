"""A provider's pages (PLACEMENT_OFFER, its own organisation): the requests sent to it, one request's
pseudonymous statement (never the child's personal details), and its offer."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate

from . import selectors
from .forms import OfferForm
from .models import Offer, PlacementRequest
from .services import offers


def _organisation_id(user) -> int:
    if not has_perm(user, Perm.PLACEMENT_OFFER):
        raise PermissionDenied(decide(user, Perm.PLACEMENT_OFFER).reason)
    if not user.organisation_id:
        raise PermissionDenied("Only people who work for a provider can answer placement requests.")
    return user.organisation_id


@login_required
def provider_requests(request):
    organisation_id = _organisation_id(request.user)
    return render(
        request,
        "placements/provider_requests.html",
        {"page_obj": paginate(request, selectors.requests_sent_to(organisation_id)), "page_title": "Placement requests sent to your organisation"},
    )


def _crumbs(placement, *more):
    return [
        ("Placement requests", reverse("placements:provider-requests")),
        (placement.reference, reverse("placements:provider-request", args=[placement.pk])),
        *more,
    ]


@login_required
def provider_request(request, pk):
    placement = selectors.request_for_provider(request.user, pk)
    return render(
        request,
        "placements/provider_request.html",
        {
            "placement": placement,
            "offer": selectors.own_offer(placement, request.user.organisation_id),
            "page_title": f"Placement request {placement.reference}",
            "breadcrumbs": _crumbs(placement)[:1] + [(placement.reference, "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer(request, pk):
    placement = selectors.request_for_provider(request.user, pk)
    detail = reverse("placements:provider-request", args=[placement.pk])
    existing = selectors.own_offer(placement, request.user.organisation_id)
    initial = (
        {"weekly_price": existing.weekly_price, "starts_on": existing.starts_on, "how_outcomes_met": existing.how_outcomes_met} if existing else None
    )
    form = OfferForm(request.POST if request.method == "POST" else None, initial=initial)
    made = save_form(
        request, form, lambda data: offers.offer_make(request=placement, organisation=request.user.organisation, by=request.user, **data)
    )
    if made:
        messages.success(request, "Offer sent. The trust compares the offers and tells every provider the outcome.")
        return redirect(detail)
    return render(
        request,
        "core/form_page.html",
        {
            "trust": placement.trust,
            "form": form,
            "cancel_url": detail,
            "submit": "Send the offer",
            "intro": f"For {placement.get_kind_display().lower()} from {placement.starts_on:%-d %B %Y} for {placement.duration_weeks} weeks.",
            "page_title": f"Make an offer: {placement.reference}",
            "breadcrumbs": _crumbs(placement, ("Make an offer", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_withdraw(request, pk):
    """The offering provider withdraws its offer, only while the request is open for offers."""
    placement = selectors.request_for_provider(request.user, pk)
    offer = selectors.own_offer(placement, request.user.organisation_id)
    if offer is None or offer.status != Offer.Status.MADE or placement.status != PlacementRequest.Status.SENT:
        raise Http404("Not found.")
    detail = reverse("placements:provider-request", args=[placement.pk])
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: offers.offer_withdraw(offer=offer, by=request.user)):
        messages.success(request, "Offer withdrawn. The trust will not consider it.")
        return redirect(detail)
    return render(
        request,
        "core/confirm_page.html",
        {
            "trust": placement.trust,
            "form": form,
            "button": "Withdraw the offer",
            "cancel_url": detail,
            "message": (
                f"Your offer of £{offer.weekly_price:,.2f} a week will no longer be considered for {placement.reference}. "
                "You cannot make another offer for this request once it is withdrawn."
            ),
            "page_title": f"Withdraw your offer: {placement.reference}",
            "breadcrumbs": _crumbs(placement, ("Withdraw your offer", "")),
        },
    )
