"""The panel's pages: declare conflicts for every applicant first, then read and score the rest.

A panel place is a PANEL_MEMBER assignment on the programme, so a young person or a parent
(participant role) takes part through it; a declared conflict bars them from that application.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, require
from jointly.core.errors import save_form

from . import selectors, services
from .forms import DeclarationForm, ScoreForm
from .models import GrantApplication, GrantProgramme


def _panel_programme(request, pk) -> GrantProgramme:
    programme = get_object_or_404(GrantProgramme.objects.select_related("trust").exclude(status="draft"), pk=pk)
    require(request.user, Perm.EVALUATION_TAKE_PART, programme)
    return programme


@login_required
def panel_home(request, pk):
    programme = _panel_programme(request, pk)
    declared = services.has_declared(request.user, programme)
    applications = selectors.panel_applications(request.user, programme) if declared else None
    return render(
        request,
        "grants/panel.html",
        {
            "programme": programme,
            "declared": declared,
            "applications": applications,
            "page_title": f"Panel: {programme.title}",
            "breadcrumbs": [
                ("Grants", reverse("grants:programmes")),
                (programme.title, reverse("grants:programme", args=[programme.pk])),
                ("Panel", ""),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare(request, pk):
    programme = _panel_programme(request, pk)
    if programme.status != GrantProgramme.Status.PANEL:
        raise PermissionDenied("Declarations open when the programme closes for applications.")
    # Only the applicants' names: nothing of any application shows before the declaration.
    applicants = list(programme.applications.filter(status__in=["submitted", "awarded", "declined"]).select_related("organisation").order_by("pk"))
    form = DeclarationForm(request.POST or None, applications=applicants)
    if save_form(request, form, lambda data: services.panel_declare(programme=programme, person=request.user, answers=form.answers(applicants))):
        messages.success(request, "Declarations recorded. You can now read the applications you have no conflict with.")
        return redirect("grants:panel", programme.pk)
    return render(
        request,
        "grants/declare.html",
        {
            "programme": programme,
            "form": form,
            "page_title": "Declare any conflicts of interest",
            "breadcrumbs": [("Panel", reverse("grants:panel", args=[programme.pk])), ("Declare conflicts", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk):
    application = get_object_or_404(GrantApplication.objects.select_related("programme__trust"), pk=pk)
    # A conflict bars the member here (403 with the reason), whatever their panel place.
    require(request.user, Perm.EVALUATION_TAKE_PART, application)
    programme = application.programme
    application = get_object_or_404(selectors.with_answers(selectors.panel_applications(request.user, programme)), pk=pk)
    mine = application.my_scores[0] if application.my_scores else None
    initial = {"score": str(mine.score), "reason": mine.reason} if mine else {}
    form = ScoreForm(request.POST or None, initial=initial, scale_max=programme.scale_max)
    if save_form(
        request, form, lambda data: services.panel_score(application=application, person=request.user, score=data["score"], reason=data["reason"])
    ):
        messages.success(request, f"Score saved for {application.project_title}.")
        return redirect("grants:panel", programme.pk)
    return render(
        request,
        "grants/score.html",
        {
            "programme": programme,
            "application": application,
            "criteria": programme.criteria.all(),
            "form": form if application.status == "submitted" and programme.status == "panel" else None,
            "page_title": application.project_title,
            "breadcrumbs": [("Panel", reverse("grants:panel", args=[programme.pk])), (application.project_title, "")],
        },
    )
