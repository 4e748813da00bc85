"""The bidders' view: a provider's opportunities, passport, bids, feedback and ratings; and the trust's
list of the ratings, for learning."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, has_perm, in_trust
from jointly.core.errors import save_form
from jointly.core.forms import GovukForm
from jointly.partnerships.models import Organisation, Trust

from . import bidders
from .models import Opportunity
from .services import ratings


def _bidder(request, slug) -> Organisation:
    """The organisation whose bidder's view this is: its own people only (administrators may look); 404 for anyone else."""
    user = request.user
    organisation = get_object_or_404(Organisation, slug=slug)
    if user.role == Role.ADMINISTRATOR:
        return organisation
    if user.organisation_id != organisation.pk:
        raise Http404("Not found.")
    if not has_perm(user, Perm.BID_SUBMIT):
        raise PermissionDenied(f"Your role ({user.get_role_display().lower()}) cannot make bids for this organisation.")
    return organisation


@login_required
@require_GET
def home(request):
    if not request.user.organisation_id or not has_perm(request.user, Perm.BID_SUBMIT):
        raise PermissionDenied("The bidders' view is for the people of organisations that bid.")
    # The person's own organisation's view, at the address the navigation links to.
    return _organisation_page(request, request.user.organisation.slug)


@login_required
@require_GET
def organisation(request, slug):
    return _organisation_page(request, slug)


def _organisation_page(request, slug):
    organisation = _bidder(request, slug)
    every = request.GET.get("all") == "1"
    fit = bidders.fit_of(organisation)
    passport = bidders.passport_status(organisation)
    return render(
        request,
        "procurement/bidders/organisation.html",
        {
            "organisation": organisation,
            "every": every,
            "fit_known": fit.known,
            "opportunities": list(bidders.open_opportunities(organisation, fit=fit, every=every)),
            "upcoming": list(bidders.upcoming_intentions(organisation, fit=fit, every=every)[:20]),
            "bids": bidders.bids_of(organisation),
            "passport": passport,
            "scores": [line for line in passport.lines if line.check],
            "page_title": f"Opportunities and bids: {organisation.name}",
            "breadcrumbs": [("Opportunities and bids", "")],
        },
    )


class RatingForm(GovukForm):
    rating = forms.TypedChoiceField(
        label="How would you rate the process?",
        choices=[("5", "5: very good"), ("4", "4: good"), ("3", "3: neither good nor poor"), ("2", "2: poor"), ("1", "1: very poor")],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="The time you were given, how proportionate the questions were, how clear the criteria were, and the feedback.",
    )
    comment = forms.CharField(
        label="What would have made it better? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The trust sees your rating and comment without your organisation's name.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def rate(request, slug, pk):
    organisation = _bidder(request, slug)
    opportunity = get_object_or_404(Opportunity.objects.select_related("trust"), pk=pk)
    refusal = bidders.rating_refusal(opportunity, organisation)
    if refusal and not opportunity.bids.filter(organisation=organisation).exists():
        raise Http404("Not found.")  # An opportunity the organisation did not bid for is not its to rate.
    if request.user.role == Role.ADMINISTRATOR and request.method == "POST":
        raise PermissionDenied("Only the organisation's own people can rate the process.")
    form = RatingForm(request.POST if request.method == "POST" else None)
    saved = save_form(
        request,
        form,
        lambda data: ratings.rating_record(opportunity=opportunity, organisation=organisation, by=request.user, **data),
    )
    if saved:
        messages.success(request, "Thank you: your rating is saved. The trust uses ratings to improve how it commissions.")
        return redirect("bidders:organisation", organisation.slug)
    return render(
        request,
        "procurement/bidders/rate.html",
        {
            "organisation": organisation,
            "opportunity": opportunity,
            "refusal": refusal,
            "form": form,
            "page_title": f"Rate the process: {opportunity.title}",
            "breadcrumbs": [("Opportunities and bids", reverse("bidders:organisation", args=[organisation.slug])), ("Rate the process", "")],
        },
    )


@login_required
@require_GET
def trust_ratings(request, slug):
    trust = get_object_or_404(Trust, slug=slug)
    if not in_trust(request.user, trust.pk):
        raise Http404("Not found.")
    if not has_perm(request.user, Perm.PROCUREMENT_VIEW):
        raise PermissionDenied(f"Your role ({request.user.get_role_display().lower()}) cannot see the progress of procurements.")
    per_opportunity, comments = bidders.ratings_for_trust(trust)
    return render(
        request,
        "procurement/bidders/ratings.html",
        {
            "trust": trust,
            "per_opportunity": per_opportunity,
            "comments": comments,
            "page_title": f"Bidders' ratings of the process: {trust.name}",
            "breadcrumbs": [(trust.name, reverse("partnerships:trust-detail", args=[trust.slug])), ("Bidders' ratings", "")],
        },
    )
