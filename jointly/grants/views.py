"""Open pages (published programmes, the 360Giving data) and an applicant organisation's own pages.

An applicant's application is fetched by its organisation, so another organisation's is "not found".
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, has_perm, require
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import available, version_of
from jointly.providers.feed import open_feed

from . import pdf, selectors, services, threesixty
from .forms import ApplicationForm
from .models import GrantApplication


def programme_list(request):
    return render(
        request,
        "grants/programmes.html",
        {"page_obj": paginate(request, selectors.public_programmes()), "page_title": "Grants", "breadcrumbs": [("Grants", "")]},
    )


def programme_detail(request, pk):
    programme = get_object_or_404(selectors.programme_with_parts(selectors.public_programmes()), pk=pk)
    own = None
    if request.user.is_authenticated and request.user.organisation_id:
        own = selectors.applications_of(request.user.organisation_id).filter(programme=programme).exclude(status="withdrawn").first()
    return render(
        request,
        "grants/programme.html",
        {
            "programme": programme,
            "own": own,
            "can_apply": programme.status == programme.Status.OPEN
            and (not request.user.is_authenticated or has_perm(request.user, Perm.GRANT_APPLY)),
            "page_title": programme.title,
            "breadcrumbs": [("Grants", reverse("grants:programmes")), (programme.title, "")],
        },
    )


def _applicant(request):
    if not has_perm(request.user, Perm.GRANT_APPLY) or not request.user.organisation_id:
        raise PermissionDenied("Only people who work for an organisation can apply for grants.")


def _own(request, pk) -> GrantApplication:
    _applicant(request)
    return get_object_or_404(selectors.with_answers(GrantApplication.objects.all()), pk=pk, organisation_id=request.user.organisation_id)


def _answers_initial(application) -> dict:
    initial = {"project_title": application.project_title, "summary": application.summary, "amount_requested": application.amount_requested or ""}
    initial.update({f"answer_{answer.question_id}": answer.text for answer in application.answers.all()})
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    _applicant(request)
    programme = get_object_or_404(selectors.programme_with_parts(selectors.public_programmes()), pk=pk)
    own = selectors.applications_of(request.user.organisation_id).filter(programme=programme).exclude(status="withdrawn").first()
    if own is not None:
        return redirect("grants:application", own.pk)
    form = ApplicationForm(request.POST or None, programme=programme)
    application = save_form(
        request,
        form,
        lambda data: services.application_start(programme=programme, organisation=request.user.organisation, by=request.user, **data),
    )
    if application:
        messages.success(request, "Draft saved. You can come back to it until the programme closes.")
        return redirect("grants:application", application.pk)
    return render(
        request,
        "grants/application_form.html",
        {
            "programme": programme,
            "form": form,
            "page_title": f"Apply: {programme.title}",
            "breadcrumbs": [
                ("Grants", reverse("grants:programmes")),
                (programme.title, reverse("grants:programme", args=[programme.pk])),
                ("Apply", ""),
            ],
        },
    )


@login_required
def my_applications(request):
    _applicant(request)
    return render(
        request,
        "grants/my_applications.html",
        {
            "page_obj": paginate(request, selectors.applications_of(request.user.organisation_id)),
            "page_title": "Your grant applications",
            "breadcrumbs": [("Grants", reverse("grants:programmes")), ("Your applications", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk):
    application = _own(request, pk)
    programme = selectors.programme_with_parts().get(pk=application.programme_id)
    form = ApplicationForm(request.POST or None, initial=_answers_initial(application), programme=programme)
    form.fields["version"] = VersionField(initial=version_of(application))
    open_for_changes = application.status in (application.Status.DRAFT, application.Status.SUBMITTED) and programme.status == programme.Status.OPEN
    if open_for_changes and save_form(request, form, lambda data: services.application_save(application=application, by=request.user, **data)):
        messages.success(request, "Saved.")
        return redirect("grants:application", application.pk)
    return render(
        request,
        "grants/application.html",
        {
            "application": application,
            "programme": programme,
            "form": form if open_for_changes else None,
            "moves": {move.name: move for move in available(application, request.user)},
            "page_title": application.project_title,
            "breadcrumbs": [("Your applications", reverse("grants:my-applications")), (application.project_title, "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_submit(request, pk):
    application = _own(request, pk)
    detail = reverse("grants:application", args=[application.pk])
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.application_submit(application=application, by=request.user)):
        messages.success(request, "Application sent. You can still change it until the programme closes.")
        return redirect(detail)
    return render(
        request,
        "core/confirm_page.html",
        {
            "trust": application.programme.trust,
            "form": form,
            "button": "Send the application",
            "cancel_url": detail,
            "message": "The panel reads it after the programme closes. You can change it until then.",
            "page_title": f"Send: {application.project_title}",
            "breadcrumbs": [("Your applications", reverse("grants:my-applications")), (application.project_title, detail), ("Send", "")],
        },
    )


def _awarded(request, pk) -> GrantApplication:
    application = get_object_or_404(GrantApplication.objects.select_related("programme__trust", "organisation"), pk=pk, status="awarded")
    if request.user.organisation_id != application.organisation_id:
        require(request.user, Perm.GRANTS_MANAGE, application.programme)
    return application


@login_required
def agreement_pdf(request, pk):
    application = _awarded(request, pk)
    response = HttpResponse(pdf.agreement_pdf(application), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="grant-agreement-{application.pk}.pdf"'
    return response


@login_required
def agreement(request, pk):
    """The short grant agreement, in plain English: also readable by the trust's grant officers."""
    application = _awarded(request, pk)
    return render(
        request,
        "grants/agreement.html",
        {
            "application": application,
            "programme": application.programme,
            "reference": threesixty.grant_id(application),
            "page_title": f"Grant agreement: {application.project_title}",
            "breadcrumbs": [("Grants", reverse("grants:programmes")), ("Grant agreement", "")],
        },
    )


@open_feed
def threesixty_grants(request):
    """Every awarded grant as one 360Giving package (no key; any site may read it)."""
    return JsonResponse(threesixty.package(threesixty.awarded_grants()), json_dumps_params={"ensure_ascii": False})


@open_feed
def threesixty_csv(request):
    response = HttpResponse(threesixty.csv_text(threesixty.awarded_grants()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="360giving-grants.csv"'
    return response
