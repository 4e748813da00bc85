"""Priority pages: the list, one priority with its targets and evidence, and its journey to the board."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.module_loading import import_string
from django.views.decorators.http import require_http_methods, require_POST

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm, VersionField
from jointly.core.pagination import paginate
from jointly.core.registry import registry
from jointly.core.transitions import actions, can_move, state_label, version_of
from jointly.needs.selectors import indicators_visible_to

from . import selectors
from .forms import ApprovalForm, PriorityForm, TargetForm
from .models import Priority
from .services import priorities as services
from .services.report_cards import report_card_refusal
from .views_common import HOME_CRUMB, chosen_trust, require_role

_CRUMB = ("Priorities", "/assessment/priorities/")


def _priority_for(request, perm, pk) -> Priority:
    return get_object_for(request.user, perm, selectors.priorities_visible_to(user=request.user), pk=pk)


@login_required
def priority_list(request):
    require_role(request.user, Perm.ASSESSMENT_VIEW)
    trust, trusts = chosen_trust(request)
    status = request.GET.get("status", "")
    priorities = selectors.priority_list(user=request.user, trust=trust, status=status) if trust else Priority.objects.none()
    return render(
        request,
        "assessment/priority_list.html",
        {
            "trust": trust,
            "trusts": trusts,
            "page_obj": paginate(request, priorities),
            "status": status,
            "statuses": Priority.Status.choices,
            "can_create": trust is not None and decide(request.user, Perm.ASSESSMENT_MANAGE, trust).allowed,
            "page_title": "Priorities for the Children and Young People's Plan",
            "breadcrumbs": [HOME_CRUMB, ("Priorities", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def priority_create(request):
    require_role(request.user, Perm.ASSESSMENT_MANAGE)
    trust, _ = chosen_trust(request)
    if trust is None:
        raise PermissionDenied("You are not a member of any trust, so you cannot add priorities.")
    form = PriorityForm(request.POST if request.method == "POST" else None, trust=trust)
    priority = save_form(request, form, lambda data: services.priority_create(trust=trust, by=request.user, **data))
    if priority:
        messages.success(request, "Priority saved as a draft. Add its targets, then propose it to the board.")
        return redirect(priority.get_absolute_url())
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "trust": trust,
            "page_title": "Add a priority",
            "cancel_url": _CRUMB[1],
            "breadcrumbs": [HOME_CRUMB, _CRUMB, ("Add a priority", "")],
        },
    )


def _thread(priority, targets, user) -> list[tuple[str, str]]:
    """Where the golden thread goes from a priority: its indicators here, then each later stage's pages, from the registry."""
    links = []
    if decide(user, Perm.PROFILE_VIEW, priority.trust).allowed:
        seen = set()
        for target in targets:
            if target.indicator_id not in seen:
                seen.add(target.indicator_id)
                links.append(
                    (f"Indicator: {target.indicator.name}", reverse("needs_profile:indicator", args=[priority.trust.slug, target.indicator_id]))
                )
    for dotted in registry().priority_links:
        links.extend(import_string(dotted)(priority, user))
    return links


def priority_page(request, priority, form=None):
    """A priority's page; `form` is a button sent and refused, whose errors the summary shows."""
    can_manage = decide(request.user, Perm.ASSESSMENT_MANAGE, priority).allowed
    targets = list(priority.targets.select_related("indicator"))
    return render(
        request,
        "assessment/priority_detail.html",
        {
            "priority": priority,
            "form": form,
            "targets": targets,
            "evidence": priority.evidence.select_related("source_organisation"),
            "findings": priority.findings.select_related("assessment"),
            "report_cards": priority.report_cards.all(),
            "thread": _thread(priority, targets, request.user),
            **actions(priority, request.user, edit_perm=Perm.ASSESSMENT_MANAGE),
            "can_start_card": can_manage and report_card_refusal(priority) is None,
            "can_see_history": decide(request.user, Perm.AUDIT_VIEW, priority).allowed,
            "page_title": priority.title,
            "breadcrumbs": [HOME_CRUMB, _CRUMB, (priority.title, "")],
        },
    )


@login_required
def priority_detail(request, pk):
    return priority_page(request, _priority_for(request, Perm.ASSESSMENT_VIEW, pk))


# The buttons on a priority's page, by move: the service, and what to say when it is done.
_MOVES = {
    "propose": (services.priority_propose, "Priority proposed to the board."),
    "withdraw": (services.priority_withdraw, "Proposal withdrawn; the priority is a draft again."),
    "retire": (services.priority_retire, "Priority retired."),
}


@login_required
@require_POST
def priority_move(request, pk, action):
    priority = _priority_for(request, Perm.ASSESSMENT_MANAGE, pk)
    service, done = _MOVES[action]
    form = ConfirmForm.from_request(request)
    if save_form(request, form, lambda _: service(priority=priority, by=request.user, reason=request.POST.get("reason", "").strip())):
        messages.success(request, done)
        return redirect(priority.get_absolute_url())
    return priority_page(request, priority, form)


@login_required
@require_http_methods(["GET", "POST"])
def priority_approve(request, pk):
    priority = _priority_for(request, Perm.PRIORITY_APPROVE, pk)
    if not can_move(priority, request.user, "approve"):
        # Nothing to record (a stale link, or approved already): say so on the priority's page
        # rather than offer a form that cannot succeed.
        messages.error(request, f"This priority is {state_label(priority)}; only a proposed priority can be approved.")
        return redirect(priority.get_absolute_url())
    form = ApprovalForm(request.POST if request.method == "POST" else None, trust=priority.trust)
    if save_form(request, form, lambda data: services.priority_approve(priority=priority, by=request.user, **data)):
        messages.success(request, "The board's approval is recorded.")
        return redirect(priority.get_absolute_url())
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "caption": priority.title,
            "page_title": "Record the board's approval",
            "intro": "Record the board meeting at which the trust board approved this priority for the plan.",
            "cancel_url": priority.get_absolute_url(),
            "submit_label": "Record approval",
            "breadcrumbs": [HOME_CRUMB, _CRUMB, (priority.title, priority.get_absolute_url()), ("Record approval", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_add(request, pk):
    priority = _priority_for(request, Perm.ASSESSMENT_MANAGE, pk)
    indicators = indicators_visible_to(user=request.user).filter(Q(trust__isnull=True) | Q(trust=priority.trust))
    form = TargetForm(request.POST if request.method == "POST" else None, indicators=indicators.order_by("name"))
    if save_form(request, form, lambda data: services.priority_target_set(priority=priority, by=request.user, **data)):
        messages.success(request, "Target saved.")
        return redirect(priority.get_absolute_url())
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "caption": priority.title,
            "page_title": "Add a target",
            "cancel_url": priority.get_absolute_url(),
            "breadcrumbs": [HOME_CRUMB, _CRUMB, (priority.title, priority.get_absolute_url()), ("Add a target", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def priority_edit(request, pk):
    priority = _priority_for(request, Perm.ASSESSMENT_MANAGE, pk)
    form = PriorityForm(
        request.POST if request.method == "POST" else None,
        trust=priority.trust,
        initial={
            "title": priority.title,
            "period": priority.period,
            "outcome_area": priority.outcome_area,
            "description": priority.description,
            "evidence": priority.evidence.all(),
        },
    )
    # Saving refuses the change if someone else changed the priority (or the board approved it) after this form was shown.
    form.fields["version"] = VersionField(initial=version_of(priority))
    if save_form(request, form, lambda data: services.priority_update(priority=priority, by=request.user, **data)):
        messages.success(request, "Priority saved.")
        return redirect(priority.get_absolute_url())
    return render(
        request,
        "assessment/form.html",
        {
            "form": form,
            "caption": priority.title,
            "page_title": "Change the priority",
            "cancel_url": priority.get_absolute_url(),
            "breadcrumbs": [HOME_CRUMB, _CRUMB, (priority.title, priority.get_absolute_url()), ("Change", "")],
        },
    )
