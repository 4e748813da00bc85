"""An organisation's own pages: the help it needs, its 'find partners' entry; and searching for partners."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide, get_object_for, has_perm, trust_ids_for
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, version_of
from jointly.needs.vocabulary import Group
from jointly.partnerships.models import Organisation, Trust
from jointly.providers.taxonomy import outcome_area_choices

from . import selectors, services
from .forms import ListingForm, SupportNeedForm
from .models import LookingFor, PartnerListing, SupportNeed


def _organisation(request, slug, perm: Perm) -> Organisation:
    return get_object_for(request.user, perm, Organisation.objects.select_related("support_need"), slug=slug)


@login_required
def home(request):
    """Where each person starts: their organisation's pages, and their trusts' staff pages."""
    user = request.user
    ids = trust_ids_for(user)
    trusts = Trust.objects.order_by("name") if ids is None else Trust.objects.filter(id__in=ids).order_by("name")
    organisation = user.organisation if user.organisation_id else None
    return render(
        request,
        "capacity/home.html",
        {
            "organisation": organisation,
            "can_report": organisation is not None and bool(decide(user, Perm.SUPPORT_NEEDS_REPORT, organisation)),
            "can_list": organisation is not None and bool(decide(user, Perm.ORGANISATION_EDIT, organisation)),
            "can_find": has_perm(user, Perm.PARTNERS_FIND),
            "manage_trusts": list(trusts) if has_perm(user, Perm.CAPACITY_MANAGE) else [],
            "summary_trusts": list(trusts) if has_perm(user, Perm.SUPPORT_NEEDS_VIEW) else [],
            "page_title": "Support for organisations",
            "breadcrumbs": [("Support for organisations", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_needs(request, slug):
    organisation = _organisation(request, slug, Perm.SUPPORT_NEEDS_REPORT)
    need = SupportNeed.objects.filter(organisation=organisation).first()
    initial = {"kinds": need.kinds, "other": need.other} if need else None
    form = SupportNeedForm(request.POST or None, initial=initial)
    if save_form(request, form, lambda data: services.support_need_report(organisation=organisation, by=request.user, **data)):
        messages.success(request, "Thank you: your answer is saved. Offers that give this help are listed below.")
        return redirect("capacity:support-needs", organisation.slug)
    return render(
        request,
        "capacity/support_needs.html",
        {
            "organisation": organisation,
            "need": need,
            "form": form,
            "offers": selectors.offers_meeting(need),
            "page_title": f"What help does {organisation.name} need?",
            "breadcrumbs": [(organisation.name, organisation.get_absolute_url()), ("Support needs", "")],
        },
    )


def _listing(organisation) -> PartnerListing | None:
    return PartnerListing.objects.filter(organisation=organisation).prefetch_related("outcome_rows__outcome", "group_rows").first()


def _listing_form(data, organisation, listing) -> ListingForm:
    if listing is not None:
        initial = {
            "can_offer": listing.can_offer,
            "looking_for": listing.looking_for,
            "outcomes": [row.outcome.slug for row in listing.outcome_rows.all()],
            "groups": [row.group for row in listing.group_rows.all()],
        }
    else:
        initial = selectors.listing_defaults(organisation)
    form = ListingForm(data, initial=initial)
    if listing is not None:
        # Saving refuses the change if someone else changed the entry (or took it out) after this form was shown.
        form.fields["version"] = VersionField(initial=version_of(listing))
    return form


def _listing_page(request, organisation, listing, listing_form, form):
    """The entry's page; `form` is the one whose errors the summary shows (the entry's form, or the opt-out button)."""
    return render(
        request,
        "capacity/listing.html",
        {
            "organisation": organisation,
            "listing": listing,
            "listing_form": listing_form,
            "form": form,
            **(actions(listing, request.user) if listing is not None else {"moves": {}}),
            "contact": selectors.public_contact(organisation),
            "page_title": f"Find partners: {organisation.name}",
            "breadcrumbs": [(organisation.name, organisation.get_absolute_url()), ("Find partners listing", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def listing_edit(request, slug):
    organisation = _organisation(request, slug, Perm.ORGANISATION_EDIT)
    listing = _listing(organisation)
    form = _listing_form(request.POST or None, organisation, listing)
    if save_form(request, form, lambda data: services.partner_listing_opt_in(organisation=organisation, by=request.user, **data)):
        messages.success(request, f"{organisation.name} is listed in find partners.")
        return redirect("capacity:listing", organisation.slug)
    return _listing_page(request, organisation, listing, form, form)


@login_required
@require_http_methods(["POST"])
def listing_opt_out(request, slug):
    organisation = _organisation(request, slug, Perm.ORGANISATION_EDIT)
    listing = _listing(organisation)
    if listing is None:
        return redirect("capacity:listing", organisation.slug)  # never listed: nothing to take out
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.partner_listing_opt_out(listing=listing, by=request.user)):
        messages.success(request, f"{organisation.name} is no longer listed in find partners.")
        return redirect("capacity:listing", organisation.slug)
    # The refusal shows above the entry's form, which is shown as stored.
    return _listing_page(request, organisation, listing, _listing_form(None, organisation, listing), form)


@login_required
def partners(request):
    if not has_perm(request.user, Perm.PARTNERS_FIND):
        raise PermissionDenied(f"Your role ({request.user.get_role_display().lower()}) cannot find partners for consortia and sub-contracting.")
    filters = {name: request.GET.get(name, "") for name in ("outcome", "place", "group", "looking_for")}
    page = paginate(request, selectors.partner_listings(**filters))
    for listing in page:
        listing.contact = selectors.public_contact(listing.organisation)
    own = request.user.organisation if request.user.organisation_id else None
    return render(
        request,
        "capacity/partners.html",
        {
            "page_obj": page,
            "filters": filters,
            "outcomes": outcome_area_choices(),
            "groups": Group.choices,
            "looking_for": LookingFor.choices,
            "places": selectors.place_choices(),
            "own": own if own and decide(request.user, Perm.ORGANISATION_EDIT, own) else None,
            "page_title": "Find partners for a consortium or sub-contracting",
            "breadcrumbs": [("Support for organisations", reverse("capacity:home")), ("Find partners", "")],
        },
    )
