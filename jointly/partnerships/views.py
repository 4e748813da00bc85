from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jointly.accounts.disclosure import withheld_fields
from jointly.accounts.permissions import Perm, decide, get_object_for, has_perm
from jointly.audit.services import audit_view
from jointly.core.pagination import paginate
from jointly.core.transitions import InvalidTransition

from . import selectors, services
from .forms import OrganisationForm, OrganisationSearchForm, ReportBackForm, SeatAppointForm, SeatVacateForm
from .models import Body, Organisation, Paper, Region, Seat, Trust


@login_required
def region_list(request):
    regions = selectors.regions_with_trusts()
    return render(
        request,
        "partnerships/region_list.html",
        {"regions": regions, "page_title": "Partnerships", "visible_trusts": _visible_trust_ids(request.user)},
    )


def _visible_trust_ids(user):
    return {trust.pk for trust in selectors.trusts_visible_to(user=user)}


@login_required
def region_detail(request, slug):
    region = get_object_for(request.user, Perm.ORGANISATION_VIEW, Region.objects.select_related("ons_region"), slug=slug)
    return render(
        request,
        "partnerships/region_detail.html",
        {
            "region": region,
            "trusts": region.trusts.select_related("area"),
            "visible_trusts": _visible_trust_ids(request.user),
            "page_title": region.name,
            "breadcrumbs": [("Partnerships", "/partnerships/"), (region.name, "")],
        },
    )


@login_required
def trust_detail(request, slug):
    trust = get_object_for(request.user, Perm.TRUST_VIEW, Trust.objects.select_related("area", "region"), slug=slug)
    return render(
        request,
        "partnerships/trust_detail.html",
        {
            "trust": trust,
            "partners": selectors.trust_partners(trust=trust),
            "bodies": selectors.trust_bodies(trust=trust),
            "can_see_representation": decide(request.user, Perm.REPRESENTATION_VIEW, trust).allowed,
            "can_manage": decide(request.user, Perm.TRUST_MANAGE, trust).allowed,
            "can_see_history": decide(request.user, Perm.AUDIT_VIEW, trust).allowed,
            "can_see_profile": decide(request.user, Perm.PROFILE_VIEW, trust).allowed,
            "cycle_links": selectors.cycle_links_for(trust=trust, user=request.user),
            "page_title": trust.name,
            "breadcrumbs": [("Partnerships", "/partnerships/"), (trust.region.name, trust.region.get_absolute_url()), (trust.name, "")],
        },
    )


@login_required
def representation(request, slug):
    trust = get_object_for(request.user, Perm.REPRESENTATION_VIEW, Trust.objects.select_related("region"), slug=slug)
    rows = selectors.representation_for(trust=trust)
    return render(
        request,
        "partnerships/representation.html",
        {
            "trust": trust,
            "rows": rows,
            "missing_vcs": [row for row in rows if row.missing_vcs],
            "vacancy_count": sum(len(row.vacancies) for row in rows),
            "ending_count": sum(len(row.ending_soon) for row in rows),
            "warning_days": settings.JOINTLY_TERM_ENDING_WARNING_DAYS,
            "page_title": f"Representation check: {trust.name}",
            "breadcrumbs": [("Partnerships", "/partnerships/"), (trust.name, trust.get_absolute_url()), ("Representation", "")],
        },
    )


def _body_for(request, perm, trust_slug, body_slug):
    return get_object_for(
        request.user, perm, Body.objects.select_related("trust", "reports_to"), trust__slug=trust_slug, slug=body_slug
    )


@login_required
def body_detail(request, trust_slug, body_slug):
    body = _body_for(request, Perm.TRUST_VIEW, trust_slug, body_slug)
    return render(
        request,
        "partnerships/body_detail.html",
        {
            "body": body,
            "trust": body.trust,
            "seats": selectors.body_seats(body=body),
            "papers": selectors.body_papers(body=body, user=request.user),
            "can_manage_seats": decide(request.user, Perm.SEAT_MANAGE, body).allowed,
            "can_manage": decide(request.user, Perm.TRUST_MANAGE, body).allowed,
            "can_see_history": decide(request.user, Perm.AUDIT_VIEW, body).allowed,
            "user_id": request.user.pk,
            "is_commissioner": has_perm(request.user, Perm.SEAT_MANAGE),
            "page_title": body.name,
            "breadcrumbs": [("Partnerships", "/partnerships/"), (body.trust.name, body.trust.get_absolute_url()), (body.name, "")],
        },
    )


def _seat_for(request, perm, pk):
    return get_object_for(request.user, perm, Seat.objects.select_related("body__trust", "holder"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def seat_appoint(request, pk):
    seat = _seat_for(request, Perm.SEAT_MANAGE, pk)
    people = get_user_model().objects.filter(memberships__trust=seat.body.trust, is_active=True).order_by("full_name")
    form = SeatAppointForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        holder = form.cleaned_data["holder"]
        try:
            services.seat_appoint(
                seat=seat,
                holder=holder,
                holder_organisation=holder.organisation,
                term_start=form.cleaned_data["term_start"],
                term_end=form.cleaned_data["term_end"],
                by=request.user,
            )
        except (InvalidTransition, services.PartnershipError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{holder} now holds the seat '{seat.title}'.")
            return redirect(seat.body.get_absolute_url())
    return render(
        request,
        "partnerships/seat_form.html",
        {"form": form, "seat": seat, "page_title": f"Appoint to {seat.title}", "action": "Appoint"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def seat_vacate(request, pk):
    seat = _seat_for(request, Perm.SEAT_MANAGE, pk)
    form = SeatVacateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.seat_vacate(seat=seat, by=request.user, reason=form.cleaned_data["reason"])
        except (InvalidTransition, services.PartnershipError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The term has ended. '{seat.title}' is now vacant.")
            return redirect(seat.body.get_absolute_url())
    return render(
        request,
        "partnerships/seat_form.html",
        {"form": form, "seat": seat, "page_title": f"End the term in {seat.title}", "action": "End the term"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_back_create(request, pk):
    seat = _seat_for(request, Perm.SEAT_REPORT_BACK, pk)
    form = ReportBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_back_record(
                seat=seat, held_on=form.cleaned_data["held_on"], summary=form.cleaned_data["summary"], by=request.user
            )
        except services.PartnershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Report-back recorded.")
            return redirect(seat.body.get_absolute_url())
    return render(
        request,
        "partnerships/seat_form.html",
        {"form": form, "seat": seat, "page_title": f"Record a report-back for {seat.title}", "action": "Record report-back"},
    )


@login_required
def paper_detail(request, pk):
    paper = get_object_for(request.user, Perm.PAPER_VIEW, Paper.objects.select_related("body__trust"), pk=pk)
    if paper.confidential:
        decision = decide(request.user, Perm.PAPER_VIEW_CONFIDENTIAL, paper)
        if not decision.allowed:
            raise PermissionDenied(decision.reason)
        audit_view(instance=paper, by=request.user)
    return render(
        request,
        "partnerships/paper_detail.html",
        {
            "paper": paper,
            "page_title": paper.title,
            "breadcrumbs": [
                ("Partnerships", "/partnerships/"),
                (paper.body.trust.name, paper.body.trust.get_absolute_url()),
                (paper.body.name, paper.body.get_absolute_url()),
                (paper.title, ""),
            ],
        },
    )


@login_required
def organisation_list(request):
    search = OrganisationSearchForm(request.GET or None)
    query = sector = ""
    if search.is_valid():
        query, sector = search.cleaned_data["q"], search.cleaned_data["sector"]
    page = paginate(request, selectors.organisations_matching(query=query, sector=sector))
    return render(
        request,
        "partnerships/organisation_list.html",
        {
            "page_obj": page,
            "search": search,
            "can_create": has_perm(request.user, Perm.ORGANISATION_CREATE),
            "page_title": "Organisations",
        },
    )


@login_required
def organisation_detail(request, slug):
    organisation = get_object_for(request.user, Perm.ORGANISATION_VIEW, Organisation.objects.all(), slug=slug)
    # The organisation's disclosure rule (partnerships/rules.py) names its private fields; history uses it too.
    can_see_private = not withheld_fields(request.user, organisation)
    return render(
        request,
        "partnerships/organisation_detail.html",
        {
            "organisation": organisation,
            "can_see_private": can_see_private,
            "can_edit": decide(request.user, Perm.ORGANISATION_EDIT, organisation).allowed,
            "can_see_history": decide(request.user, Perm.AUDIT_VIEW, organisation).allowed,
            "partnerships": selectors.organisation_partnerships(organisation=organisation, user=request.user),
            "page_title": organisation.name,
            "breadcrumbs": [("Organisations", "/organisations/"), (organisation.name, "")],
        },
    )


@login_required
def organisation_people(request, slug):
    organisation = get_object_for(request.user, Perm.ORGANISATION_VIEW_PRIVATE, Organisation.objects.all(), slug=slug)
    return render(
        request,
        "partnerships/organisation_people.html",
        {
            "organisation": organisation,
            "people": selectors.organisation_people(organisation=organisation),
            "page_title": f"People at {organisation.name}",
            "breadcrumbs": [("Organisations", "/organisations/"), (organisation.name, organisation.get_absolute_url()), ("People", "")],
        },
    )


def _save_organisation(request, form, organisation=None):
    data = form.cleaned_data
    try:
        if organisation is None:
            return services.organisation_create(**data)
        return services.organisation_update(organisation=organisation, **data)
    except services.DuplicateOrganisation as duplicate:
        form.add_error(
            duplicate.column if duplicate.column in form.fields else None,
            f"{duplicate.existing.name} is already registered with this {duplicate.field}. "
            "Use that record instead of adding it again.",
        )
        form.duplicate = duplicate.existing
    return None


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not has_perm(request.user, Perm.ORGANISATION_CREATE):
        raise PermissionDenied("Your role cannot add organisations.")
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = _save_organisation(request, form)
        if organisation:
            messages.success(request, f"{organisation.name} added.")
            return redirect(organisation.get_absolute_url())
    return render(
        request,
        "partnerships/organisation_form.html",
        {"form": form, "page_title": "Add an organisation", "breadcrumbs": [("Organisations", "/organisations/"), ("Add", "")]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = get_object_for(request.user, Perm.ORGANISATION_EDIT, Organisation.objects.all(), slug=slug)
    # A provider may edit only their own; anyone else sees the public record.
    if not decide(request.user, Perm.ORGANISATION_VIEW_PRIVATE, organisation).allowed:
        raise PermissionDenied("Only the organisation's own people and its partner trusts' staff can change it.")
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid():
        saved = _save_organisation(request, form, organisation)
        if saved:
            messages.success(request, "Changes saved.")
            return redirect(saved.get_absolute_url())
    return render(
        request,
        "partnerships/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "page_title": f"Change {organisation.name}",
            "breadcrumbs": [("Organisations", "/organisations/"), (organisation.name, organisation.get_absolute_url()), ("Change", "")],
        },
    )

