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
from jointly.core.errors import save_form
from jointly.core.forms import VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, version_of

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
    return get_object_for(request.user, perm, Body.objects.select_related("trust", "reports_to"), trust__slug=trust_slug, slug=body_slug)


@login_required
def body_detail(request, trust_slug, body_slug):
    body = _body_for(request, Perm.TRUST_VIEW, trust_slug, body_slug)
    return render(
        request,
        "partnerships/body_detail.html",
        {
            "body": body,
            "trust": body.trust,
            # Each seat with what this person is offered on it: its moves, changing it, a report-back.
            "seats": [
                {
                    "seat": seat,
                    **actions(seat, request.user, edit_perm=Perm.TRUST_MANAGE),
                    "can_report_back": services.report_back_refusal(seat) is None and decide(request.user, Perm.SEAT_REPORT_BACK, seat).allowed,
                }
                for seat in selectors.body_seats(body=body)
            ],
            "papers": selectors.body_papers(body=body, user=request.user),
            "can_manage": decide(request.user, Perm.TRUST_MANAGE, body).allowed,
            "can_see_history": decide(request.user, Perm.AUDIT_VIEW, body).allowed,
            "page_title": body.name,
            "breadcrumbs": [("Partnerships", "/partnerships/"), (body.trust.name, body.trust.get_absolute_url()), (body.name, "")],
        },
    )


def _seat_for(request, perm, pk):
    return get_object_for(request.user, perm, Seat.objects.select_related("body__trust", "holder"), pk=pk)


def _seat_page(request, seat, form, *, page_title: str, action: str):
    return render(request, "partnerships/seat_form.html", {"form": form, "seat": seat, "page_title": page_title, "action": action})


@login_required
@require_http_methods(["GET", "POST"])
def seat_appoint(request, pk):
    seat = _seat_for(request, Perm.SEAT_MANAGE, pk)
    people = get_user_model().objects.filter(memberships__trust=seat.body.trust, is_active=True).order_by("full_name")
    form = SeatAppointForm(request.POST or None, people=people)
    appointed = save_form(
        request,
        form,
        lambda data: services.seat_appoint(
            seat=seat,
            holder=data["holder"],
            holder_organisation=data["holder"].organisation,
            term_start=data["term_start"],
            term_end=data["term_end"],
            by=request.user,
        ),
    )
    if appointed:
        messages.success(request, f"{appointed.holder} now holds the seat '{appointed.title}'.")
        return redirect(seat.body.get_absolute_url())
    return _seat_page(request, seat, form, page_title=f"Appoint to {seat.title}", action="Appoint")


@login_required
@require_http_methods(["GET", "POST"])
def seat_vacate(request, pk):
    seat = _seat_for(request, Perm.SEAT_MANAGE, pk)
    form = SeatVacateForm(request.POST or None)
    if save_form(request, form, lambda data: services.seat_vacate(seat=seat, by=request.user, reason=data["reason"])):
        messages.success(request, f"The term has ended. '{seat.title}' is now vacant.")
        return redirect(seat.body.get_absolute_url())
    return _seat_page(request, seat, form, page_title=f"End the term in {seat.title}", action="End the term")


@login_required
@require_http_methods(["GET", "POST"])
def report_back_create(request, pk):
    seat = _seat_for(request, Perm.SEAT_REPORT_BACK, pk)
    form = ReportBackForm(request.POST or None)
    recorded = save_form(
        request,
        form,
        lambda data: services.report_back_record(seat=seat, held_on=data["held_on"], summary=data["summary"], by=request.user),
    )
    if recorded:
        messages.success(request, "Report-back recorded.")
        return redirect(seat.body.get_absolute_url())
    return _seat_page(request, seat, form, page_title=f"Record a report-back for {seat.title}", action="Record report-back")


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


def _organisation_page(request, form, *, page_title: str, breadcrumbs: list, organisation=None):
    return render(
        request,
        "partnerships/organisation_form.html",
        {"form": form, "organisation": organisation, "page_title": page_title, "breadcrumbs": breadcrumbs},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not has_perm(request.user, Perm.ORGANISATION_CREATE):
        raise PermissionDenied("Your role cannot add organisations.")
    form = OrganisationForm(request.POST or None)
    organisation = save_form(request, form, lambda data: services.organisation_create(**data))
    if organisation:
        messages.success(request, f"{organisation.name} added.")
        return redirect(organisation.get_absolute_url())
    return _organisation_page(request, form, page_title="Add an organisation", breadcrumbs=[("Organisations", "/organisations/"), ("Add", "")])


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = get_object_for(request.user, Perm.ORGANISATION_EDIT, Organisation.objects.all(), slug=slug)
    # A provider may edit only their own; anyone else sees the public record.
    if not decide(request.user, Perm.ORGANISATION_VIEW_PRIVATE, organisation).allowed:
        raise PermissionDenied("Only the organisation's own people and its partner trusts' staff can change it.")
    # The form works on its own copy, so a refused change leaves `organisation` as it is stored.
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    # Saving refuses the change if someone else changed the organisation after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(organisation))
    saved = save_form(request, form, lambda data: services.organisation_update(organisation=organisation, **data))
    if saved:
        messages.success(request, "Changes saved.")
        return redirect(saved.get_absolute_url())
    return _organisation_page(
        request,
        form,
        organisation=organisation,
        page_title=f"Change {organisation.name}",
        breadcrumbs=[("Organisations", "/organisations/"), (organisation.name, organisation.get_absolute_url()), ("Change", "")],
    )
