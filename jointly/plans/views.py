"""Staff pages for commissioning intentions: draft, change, publish, withdraw.

Every page fetches its trust through `get_object_for`: another trust's pages
are "not found", a role without the permission is "forbidden" with the reason.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from jointly.accounts.permissions import Perm, decide, get_object_for, has_perm
from jointly.assessment.models import Priority
from jointly.audit.history import may_open_history
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.transitions import actions, version_of
from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import Trust

from . import selectors, services
from .forms import IntentionForm, ReasonForm
from .models import CommissioningIntention


def _trust(request, slug: str, perm: Perm = Perm.PLANS_VIEW) -> Trust:
    return get_object_for(request.user, perm, Trust.objects.select_related("region"), slug=slug)


def _crumbs(trust: Trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Commissioning intentions", reverse("plans:intentions", args=[trust.slug])), *more]


def _intention(trust, pk) -> CommissioningIntention:
    return get_object_or_404(
        CommissioningIntention.objects.select_related("trust", "outcome_area").prefetch_related("priorities"), pk=pk, trust=trust
    )


@login_required
def intention_list(request, slug):
    trust = _trust(request, slug)
    status = request.GET.get("status", "")
    return render(
        request,
        "plans/intentions.html",
        {
            "trust": trust,
            "page_obj": paginate(request, selectors.intentions_for(trust=trust, status=status)),
            "status": status,
            "statuses": CommissioningIntention.Status.choices,
            "can_manage": has_perm(request.user, Perm.PLANS_MANAGE),
            "page_title": f"Commissioning intentions: {trust.name}",
            "breadcrumbs": _crumbs(trust)[:1] + [("Commissioning intentions", "")],
        },
    )


@login_required
def intention_detail(request, slug, pk):
    trust = _trust(request, slug)
    intention = _intention(trust, pk)
    return render(
        request,
        "plans/intention_manage.html",
        {
            "trust": trust,
            "intention": intention,
            **actions(intention, request.user, edit_perm=Perm.PLANS_MANAGE),
            "can_see_history": may_open_history(request.user, intention),
            "can_see_priorities": decide(request.user, Perm.ASSESSMENT_VIEW, trust).allowed,
            "page_title": intention.title,
            "breadcrumbs": _crumbs(trust, (intention.title, "")),
        },
    )


def _form(request, trust, intention=None):
    initial = None
    if intention is not None:
        initial = {name: getattr(intention, name) for name in services.EDITABLE}
        initial["priorities"] = list(intention.priorities.all())
    form = IntentionForm(
        request.POST or None,
        initial=initial,
        priorities=Priority.objects.filter(trust=trust).exclude(status=Priority.Status.RETIRED).order_by("title"),
        outcomes=OutcomeArea.objects.filter(Q(trust__isnull=True) | Q(trust=trust)).order_by("order", "name"),
    )
    if intention is not None:
        # Saving refuses the change if someone else changed the intention after this form was shown.
        form.fields["version"] = VersionField(initial=version_of(intention))
    return form


@login_required
@require_http_methods(["GET", "POST"])
def intention_add(request, slug):
    trust = _trust(request, slug, Perm.PLANS_MANAGE)
    form = _form(request, trust)
    intention = save_form(request, form, lambda data: services.intention_create(trust=trust, by=request.user, **data))
    if intention:
        messages.success(request, f"Draft intention saved: {intention.title}. Publish it to add it to the forward plan.")
        return redirect("plans:intention-manage", trust.slug, intention.pk)
    return render(
        request,
        "plans/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": reverse("plans:intentions", args=[trust.slug]),
            "page_title": "Add a commissioning intention",
            "breadcrumbs": _crumbs(trust, ("Add", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intention_edit(request, slug, pk):
    trust = _trust(request, slug, Perm.PLANS_MANAGE)
    intention = _intention(trust, pk)
    form = _form(request, trust, intention)
    changed = save_form(request, form, lambda data: services.intention_update(intention=intention, by=request.user, **data))
    if changed:
        messages.success(request, f"Intention changed (version {changed.version}).")
        return redirect("plans:intention-manage", trust.slug, changed.pk)
    detail = reverse("plans:intention-manage", args=[trust.slug, intention.pk])
    return render(
        request,
        "plans/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": detail,
            "intro": "Changing the title, kind, route, values, dates or priorities of a published intention makes a new version and tells subscribers."
            if intention.status == CommissioningIntention.Status.PUBLISHED
            else "",
            "page_title": f"Change: {intention.title}",
            "breadcrumbs": _crumbs(trust, (intention.title, detail), ("Change", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intention_publish(request, slug, pk):
    trust = _trust(request, slug, Perm.PLANS_MANAGE)
    intention = _intention(trust, pk)
    detail = reverse("plans:intention-manage", args=[trust.slug, intention.pk])
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: services.intention_publish(intention=intention, by=request.user)):
        messages.success(request, "Published in the forward plan. Subscribers will get it in their next email.")
        return redirect(detail)
    return render(
        request,
        "core/confirm_page.html",
        {
            "trust": trust,
            "intention": intention,
            "form": form,
            "button": "Publish",
            "cancel_url": detail,
            "message": "Publishing adds the intention to the open forward plan, its CSV and its feed, and emails subscribers.",
            "page_title": f"Publish: {intention.title}",
            "breadcrumbs": _crumbs(trust, (intention.title, detail), ("Publish", "")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def intention_withdraw(request, slug, pk):
    trust = _trust(request, slug, Perm.PLANS_MANAGE)
    intention = _intention(trust, pk)
    detail = reverse("plans:intention-manage", args=[trust.slug, intention.pk])
    form = ReasonForm(request.POST or None)
    if save_form(request, form, lambda data: services.intention_withdraw(intention=intention, by=request.user, reason=data["reason"])):
        messages.success(request, "Intention withdrawn.")
        return redirect(detail)
    return render(
        request,
        "plans/form.html",
        {
            "trust": trust,
            "form": form,
            "cancel_url": detail,
            "submit": "Withdraw",
            "page_title": f"Withdraw: {intention.title}",
            "breadcrumbs": _crumbs(trust, (intention.title, detail), ("Withdraw", "")),
        },
    )
