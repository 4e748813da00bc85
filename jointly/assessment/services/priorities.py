"""Priorities: create, change, propose, approve (recording the board's decision) and retire."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import edit, transition
from jointly.partnerships.models import Body

from ..models import Priority, PriorityTarget
from .common import assign, model_problems, relink

EDITABLE = ("period", "title", "description", "outcome_area")


def _problems(priority: Priority, *, evidence=(), findings=()) -> dict[str, str]:
    """Everything wrong with a priority and what it links to, as {field: message}."""
    errors = model_problems(priority)
    if priority.outcome_area_id and priority.outcome_area.trust_id not in (None, priority.trust_id):
        errors["outcome_area"] = "Choose one of this trust's outcome areas."
    if any(item.trust_id != priority.trust_id for item in evidence):
        errors["evidence"] = "Choose evidence from this trust's needs assessment."
    if any(finding.assessment.trust_id != priority.trust_id for finding in findings):
        errors["findings"] = "Choose findings from this trust's needs assessment."
    return errors


@transaction.atomic
def priority_create(*, trust, period: str, title: str, outcome_area, description: str = "", evidence=(), findings=(), by) -> Priority:
    priority = Priority(
        trust=trust,
        period=(period or "").strip(),
        title=(title or "").strip(),
        description=description,
        outcome_area=outcome_area,
        created_by=by,
    )
    errors = _problems(priority, evidence=evidence, findings=findings)
    if errors:
        raise FieldErrors(errors)
    priority.save()
    priority.evidence.set(evidence)
    priority.findings.set(findings)
    return priority


def priority_update(*, priority: Priority, by, evidence=None, findings=None, version: str | None = None, **fields) -> Priority:
    """Change a draft or proposed priority, on its locked row: a copy read before it was approved or retired is refused.

    `version` is the priority's version_of() when the form was shown: a change made since is refused.
    """
    with edit(priority, version=version) as row:
        assign(row, fields, editable=EDITABLE, strip=("period", "title"))
        errors = _problems(row, evidence=evidence or (), findings=findings or ())
        if errors:
            raise FieldErrors(errors)
        relinked = [relink(row, "evidence", evidence), relink(row, "findings", findings)]
        if any(relinked):
            # The evidence behind a priority is part of it: its version moves, so a form opened before is refused.
            row.updated_at = timezone.now()
    return row


@transaction.atomic
def priority_target_set(
    *,
    priority: Priority,
    indicator,
    baseline_value: float,
    baseline_period: str,
    target_value: float,
    target_period: str,
    direction: str,
    by,
) -> PriorityTarget:
    """Add a target, or change the one this priority already has for the indicator."""
    with edit(priority) as row:  # Locks the priority, and refuses once it is approved or retired.
        target = PriorityTarget.objects.filter(priority=row, indicator=indicator).first() or PriorityTarget(priority=row, indicator=indicator)
        target.baseline_value, target.baseline_period = baseline_value, (baseline_period or "").strip()
        target.target_value, target.target_period = target_value, (target_period or "").strip()
        target.direction = direction
        errors = model_problems(target)
        if indicator.trust_id not in (None, row.trust_id):
            errors["indicator"] = "Choose a published indicator or one of this trust's own."
        if errors:
            raise FieldErrors(errors)
        target.save()
    return target


@transaction.atomic
def priority_target_remove(*, target: PriorityTarget, by) -> None:
    with edit(target.priority):
        target.delete()


def priority_propose(*, priority: Priority, by, reason: str = "") -> Priority:
    return transition(instance=priority, move="propose", by=by, reason=reason)


def priority_withdraw(*, priority: Priority, by, reason: str = "") -> Priority:
    """Take a proposal back to draft, for example when the board asks for changes."""
    return transition(instance=priority, move="withdraw", by=by, reason=reason)


def priority_approve(*, priority: Priority, approved_by_body: Body, meeting_date, minute_reference: str, by) -> Priority:
    """Record that the trust's board approved the priority at a meeting."""
    errors = {}
    if approved_by_body is None:
        errors["approved_by_body"] = "Select the board that approved it"
    elif approved_by_body.trust_id != priority.trust_id:
        errors["approved_by_body"] = "Choose a board of this priority's trust."
    elif approved_by_body.kind != Body.Kind.BOARD:
        errors["approved_by_body"] = "Choose the trust board: only the board approves the plan's priorities."
    if meeting_date is None:
        errors["meeting_date"] = "Enter the date of the board meeting"
    elif meeting_date > timezone.localdate():
        errors["meeting_date"] = "The board meeting date must be today or in the past"
    if not (minute_reference or "").strip():
        errors["minute_reference"] = "Enter the minute reference, for example 2027/14"
    if errors:
        raise FieldErrors(errors)
    return transition(
        instance=priority,
        move="approve",
        by=by,
        reason=f"Approved by {approved_by_body.name} on {meeting_date:%-d %B %Y}, minute {minute_reference.strip()}",
        changes={
            "approved_by_body": approved_by_body,
            "approval_meeting_date": meeting_date,
            "approval_minute_reference": minute_reference.strip(),
            "approval_recorded_by": by,
            "approval_recorded_at": timezone.now(),
        },
    )


def priority_retire(*, priority: Priority, by, reason: str = "") -> Priority:
    return transition(instance=priority, move="retire", by=by, reason=reason, changes={"retired_on": timezone.localdate()})
