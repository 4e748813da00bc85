"""The public directory: search, service and organisation pages, and "list your group". No account needed."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from jointly.accounts.permissions import Perm, decide
from jointly.core.errors import save_form
from jointly.core.pagination import paginate
from jointly.needs.vocabulary import HARD_TO_REACH
from jointly.partnerships.models import Organisation
from jointly.partnerships.services import find_duplicate_organisation

from . import selectors, services
from .forms import DirectoryFilterForm, ListingForm

LISTING_SESSION_KEY = "providers_listing_reference"


def _filters(form: DirectoryFilterForm) -> selectors.DirectoryFilters:
    if not form.is_bound:
        return selectors.DirectoryFilters()
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    return selectors.DirectoryFilters(
        query=data.get("q", "") or "",
        outcome=data.get("outcome", "") or "",
        age=data.get("age"),
        place=data.get("place", "") or "",
        sector=data.get("sector", "") or "",
        tier=data.get("tier", "") or "",
        group=data.get("group", "") or "",
        near=data.get("near", "") or "",
    )


def _chosen(form: DirectoryFilterForm, request) -> list[dict]:
    """The filters in use, each with a link that removes it."""
    chosen = []
    if not form.is_bound:
        return chosen
    for name in ("q", "near", "outcome", "age", "place", "tier", "sector", "group"):
        value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if value in (None, ""):
            continue
        field = form.fields[name]
        text = dict(field.choices).get(value, value) if hasattr(field, "choices") else value
        query = request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        chosen.append({"label": field.label, "text": f"{text}", "remove": f"?{query.urlencode()}"})
    return chosen


@require_GET
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = _filters(form)
    page = paginate(request, selectors.directory_search(filters))
    return render(
        request,
        "providers/directory.html",
        {
            "form": form,
            "page_obj": page,
            "near": selectors.parse_near(filters.near),
            "chosen": _chosen(form, request),
            "page_title": "Find services for children and families",
        },
    )


@require_GET
def service_detail(request, uuid):
    service = selectors.service_public(uuid=uuid)
    if service is None:
        raise Http404("No published service has this address.")
    return render(
        request,
        "providers/service_detail.html",
        {
            "service": service,
            "profile": service.organisation.provider_profile,
            "opening_times": selectors.sorted_opening_times(service),
            # The versions page's own check, so the link shows only to those it opens for.
            "can_see_versions": decide(request.user, Perm.DIRECTORY_CHANGES_VIEW, service).allowed,
            "hard_to_reach": HARD_TO_REACH,
            "page_title": service.name,
            "breadcrumbs": [
                ("Directory", reverse("providers:directory")),
                (service.organisation.name, reverse("providers:organisation", args=[service.organisation.slug])),
                (service.name, ""),
            ],
        },
    )


@require_GET
def organisation_detail(request, slug):
    profile = selectors.organisation_public(slug=slug)
    if profile is None:
        raise Http404("No published organisation has this address.")
    return render(
        request,
        "providers/organisation_detail.html",
        {
            "profile": profile,
            "organisation": profile.organisation,
            "hard_to_reach": HARD_TO_REACH,
            "can_see_versions": decide(request.user, Perm.DIRECTORY_CHANGES_VIEW, profile.organisation).allowed,
            "page_title": profile.organisation.name,
            "breadcrumbs": [("Directory", reverse("providers:directory")), (profile.organisation.name, "")],
        },
    )


def _registered(form: ListingForm) -> Organisation | None:
    """The organisation already registered with the charity or company number the group typed, if there is one."""
    data = form.cleaned_data
    existing, _ = find_duplicate_organisation(
        charity_number=data.get("charity_number", "").strip().upper(), company_number=data.get("company_number", "").strip().upper()
    )
    return existing


def _listing_problems(form: ListingForm, chosen: Organisation | None) -> dict:
    """The directory's refusals of what the form could read, for a form with errors of its own."""
    problems = services.listing_problems(
        organisation=form.organisation_data(),
        service=form.service_data(),
        submitter_name=form.cleaned_data.get("submitter_name", ""),
        existing_organisation=chosen,
    )
    if "name" in form.errors:
        # The activity is named after the group when left empty: with no group name, that is the name's problem.
        problems.pop("activity", None)
    return problems


@require_http_methods(["GET", "POST"])
def list_your_group(request):
    form = ListingForm(request.POST if request.method == "POST" else None)
    # A group whose number is already registered is offered that record instead of listing itself twice
    # (whatever else is wrong with the form, so the offer comes with the first errors, not after them);
    # the existing record is used only when the group chose it and its number really matches what they typed.
    registered = None
    if form.is_bound:
        form.is_valid()  # Cleans every field; the number is read even when others are wrong.
        registered = _registered(form)
    chosen = registered if registered is not None and registered.slug == request.POST.get("use_existing") else None
    revision = save_form(
        request,
        form,
        lambda data: services.listing_submit(
            organisation=form.organisation_data(),
            service=form.service_data(),
            submitter_name=data["submitter_name"],
            submitter_email=data["submitter_email"],
            existing_organisation=chosen,
        ),
        rename=ListingForm.FIELD_MAP,
        problems=lambda data: _listing_problems(form, chosen),
    )
    if revision:
        request.session[LISTING_SESSION_KEY] = revision.reference
        return redirect("providers:list-your-group-sent")
    return render(
        request,
        "providers/list_your_group.html",
        {
            "form": form,
            "duplicate": registered,
            "duplicate_listed": registered is not None and selectors.published_profiles().filter(organisation=registered).exists(),
            "page_title": "List your group in the directory",
            "breadcrumbs": [("Directory", reverse("providers:directory")), ("List your group", "")],
        },
    )


@require_GET
def list_your_group_sent(request):
    reference = request.session.get(LISTING_SESSION_KEY)
    if not reference:
        return redirect("providers:list-your-group")
    return render(request, "providers/list_your_group_sent.html", {"reference": reference, "page_title": "Your group has been sent for checking"})
