"""The trust's grant officers' pages (GRANTS_MANAGE): programmes, their criteria and questions, the panel, decisions.

Every page fetches its trust through `get_object_for`: another trust's pages are "not found",
a role without the permission is "forbidden" with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.models import Role, User
from jointly.accounts.permissions import Perm, get_object_for
from jointly.audit.history import may_open_history
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.core.transitions import actions
from jointly.partnerships.models import Trust

from . import selectors, services
from .forms import CriterionForm, DecisionForm, PanelMemberForm, ProgrammeForm, QuestionForm
from .models import GrantApplication


def _trust(request, slug) -> Trust:
    return get_object_for(request.user, Perm.GRANTS_MANAGE, Trust.objects.select_related("region"), slug=slug)


def _programme(trust, pk):
    return get_object_or_404(selectors.programme_with_parts(), pk=pk, trust=trust)


def _crumbs(trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Grant programmes", reverse("grants:manage", args=[trust.slug])), *more]


def _form_page(request, trust, form, *, title, crumbs, cancel_url, submit="Save", intro=""):
    return render(
        request,
        "core/form_page.html",
        {"trust": trust, "form": form, "cancel_url": cancel_url, "submit": submit, "intro": intro, "page_title": title, "breadcrumbs": crumbs},
    )


@login_required
def manage(request, slug):
    trust = _trust(request, slug)
    return render(
        request,
        "grants/manage.html",
        {
            "trust": trust,
            "page_obj": paginate(request, selectors.programmes_for(trust)),
            "page_title": f"Grant programmes: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Grant programmes", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_add(request, slug):
    trust = _trust(request, slug)
    form = ProgrammeForm(request.POST or None, trust=trust)
    programme = save_form(request, form, lambda _: services.programme_create(trust=trust, by=request.user, **form.programme_data()))
    if programme:
        messages.success(request, "Draft programme saved. Add its criteria and questions, then publish it.")
        return redirect("grants:programme-manage", trust.slug, programme.pk)
    return _form_page(
        request,
        trust,
        form,
        title="Add a grant programme",
        crumbs=_crumbs(trust, ("Add", "")),
        cancel_url=reverse("grants:manage", args=[trust.slug]),
    )


@login_required
def programme_manage(request, slug, pk):
    trust = _trust(request, slug)
    programme = _programme(trust, pk)
    return render(
        request,
        "grants/programme_manage.html",
        {
            "trust": trust,
            "programme": programme,
            "applications": selectors.decision_list(programme),
            "panel": services.panel_members(programme),
            **actions(programme, request.user, edit_perm=Perm.GRANTS_MANAGE),
            "can_see_history": may_open_history(request.user, programme),
            "page_title": programme.title,
            "breadcrumbs": _crumbs(trust, (programme.title, "")),
        },
    )


def _part_add(request, slug, pk, form_class, add, *, title, done):
    trust = _trust(request, slug)
    programme = _programme(trust, pk)
    detail = reverse("grants:programme-manage", args=[trust.slug, programme.pk])
    form = form_class(request.POST or None)
    if save_form(request, form, lambda data: add(programme=programme, by=request.user, **data)):
        messages.success(request, done)
        return redirect(detail)
    return _form_page(request, trust, form, title=title, crumbs=_crumbs(trust, (programme.title, detail), (title, "")), cancel_url=detail)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_add(request, slug, pk):
    return _part_add(request, slug, pk, CriterionForm, services.criterion_add, title="Add a criterion", done="Criterion added.")


@login_required
@require_http_methods(["GET", "POST"])
def question_add(request, slug, pk):
    return _part_add(request, slug, pk, QuestionForm, services.question_add, title="Add a question", done="Question added.")


@login_required
@require_http_methods(["GET", "POST"])
def programme_publish(request, slug, pk):
    trust = _trust(request, slug)
    programme = _programme(trust, pk)
    detail = reverse("grants:programme-manage", args=[trust.slug, programme.pk])
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.programme_publish(programme=programme, by=request.user)):
        messages.success(request, "Published: anyone can now read the programme, its criteria and questions, and organisations can apply.")
        return redirect(detail)
    return render(
        request,
        "core/confirm_page.html",
        {
            "trust": trust,
            "form": form,
            "button": "Publish",
            "cancel_url": detail,
            "message": "Publishing opens the programme to applications, with its criteria and questions, which then cannot change.",
            "page_title": f"Publish: {programme.title}",
            "breadcrumbs": _crumbs(trust, (programme.title, detail), ("Publish", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def panel_add(request, slug, pk):
    trust = _trust(request, slug)
    programme = _programme(trust, pk)
    detail = reverse("grants:programme-manage", args=[trust.slug, programme.pk])
    # Officers, VCS representatives, young people and parents of the trust.
    people = User.objects.filter(memberships__trust=trust, is_active=True).exclude(role=Role.ADMINISTRATOR).order_by("full_name").distinct()
    form = PanelMemberForm(request.POST or None, people=people)
    if save_form(request, form, lambda data: services.panel_add(programme=programme, person=data["person"], by=request.user)):
        messages.success(request, "Added to the panel.")
        return redirect(detail)
    return _form_page(
        request,
        trust,
        form,
        title="Add someone to the panel",
        crumbs=_crumbs(trust, (programme.title, detail), ("Add to the panel", "")),
        cancel_url=detail,
        intro="Young people and parents can sit on the panel. Each declares any conflicts of interest before reading applications.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request, slug, pk):
    trust = _trust(request, slug)
    application = get_object_or_404(
        selectors.with_answers(GrantApplication.objects.filter(status__in=["submitted", "awarded", "declined"])), pk=pk, programme__trust=trust
    )
    programme = application.programme
    detail = reverse("grants:programme-manage", args=[trust.slug, programme.pk])
    form = DecisionForm(request.POST or None)
    decided = save_form(
        request,
        form,
        lambda data: services.application_decide(
            application=application, by=request.user, award=data["outcome"] == "award", amount=data["amount"], feedback=data["feedback"]
        ),
    )
    if decided:
        messages.success(request, f"Decision recorded for {application.project_title}.")
        return redirect(detail)
    return render(
        request,
        "grants/decide.html",
        {
            "trust": trust,
            "programme": programme,
            "application": application,
            "scores": application.scores.select_related("person").order_by("pk"),
            "form": form if application.status == "submitted" else None,
            "page_title": f"Decide: {application.project_title}",
            "breadcrumbs": _crumbs(trust, (programme.title, detail), ("Decide", "")),
        },
    )
