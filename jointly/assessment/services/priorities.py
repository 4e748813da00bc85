"""Priorities: create, change, propose, approve (recording the board's decision) and retire."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jointly.core.transitions import transition
from jointly.partnerships.models import Body

from ..models import Priority, PriorityTarget


def _check_same_trust(priority: Priority, *, evidence=(), findings=()):
    for item in evidence:
        if item.trust_id != priority.trust_id:
            raise ValidationError({"evidence": "Choose evidence from this trust's needs assessment."})
    for finding in findings:
        if finding.assessment.trust_id != priority.trust_id:
            raise ValidationError({"findings": "Choose findings from this trust's needs assessment."})


@transaction.atomic
def priority_create(
    *, trust, period: str, title: str, outcome_area, description: str = "", evidence=(), findings=(), by
) -> Priority:
    if outcome_area.trust_id not in (None, trust.pk):
        raise ValidationError({"outcome_area": "Choose one of this trust's outcome areas."})
    priority = Priority(
        trust=trust, period=period.strip(), title=title.strip(), description=description,
        outcome_area=outcome_area, created_by=by,
    )
    priority.full_clean()
    priority.save()
    _check_same_trust(priority, evidence=evidence, findings=findings)
    priority.evidence.set(evidence)
    priority.findings.set(findings)
    return priority


def _editable(priority: Priority):
    if priority.status not in (Priority.Status.DRAFT, Priority.Status.PROPOSED):
        raise ValidationError(
            f"This priority is {priority.get_status_display().lower()}; only draft or proposed priorities can be changed."
        )


@transaction.atomic
def priority_update(*, priority: Priority, by, evidence=None, findings=None, **fields) -> Priority:
    _editable(priority)
    for name in ("period", "title", "description", "outcome_area"):
        if name in fields:
            setattr(priority, name, fields[name])
    priority.full_clean()
    priority.save()
    if evidence is not None or findings is not None:
        _check_same_trust(priority, evidence=evidence or (), findings=findings or ())
    if evidence is not None:
        priority.evidence.set(evidence)
    if findings is not None:
        priority.findings.set(findings)
    return priority


@transaction.atomic
def priority_target_set(
    *, priority: Priority, indicator, baseline_value: float, baseline_period: str, target_value: float,
    target_period: str, direction: str, by,
) -> PriorityTarget:
    """Add a target, or change the one this priority already has for the indicator."""
    _editable(priority)
    if indicator.trust_id not in (None, priority.trust_id):
        raise ValidationError({"indicator": "Choose a published indicator or one of this trust's own."})
    target = PriorityTarget.objects.filter(priority=priority, indicator=indicator).first() or PriorityTarget(
        priority=priority, indicator=indicator
    )
    target.baseline_value, target.baseline_period = baseline_value, baseline_period.strip()
    target.target_value, target.target_period = target_value, target_period.strip()
    target.direction = direction
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def priority_target_remove(*, target: PriorityTarget, by) -> None:
    _editable(target.priority)
    target.delete()


def priority_propose(*, priority: Priority, by, reason: str = "") -> Priority:
    return transition(
        instance=priority, to=Priority.Status.PROPOSED, allowed_from=[Priority.Status.DRAFT], by=by, reason=reason
    )


def priority_withdraw(*, priority: Priority, by, reason: str = "") -> Priority:
    """Take a proposal back to draft, for example when the board asks for changes."""
    return transition(
        instance=priority, to=Priority.Status.DRAFT, allowed_from=[Priority.Status.PROPOSED], by=by, reason=reason
    )


def priority_approve(*, priority: Priority, approved_by_body: Body, meeting_date, minute_reference: str, by) -> Priority:
    """Record that the trust's board approved the priority at a meeting."""
    errors = {}
    if approved_by_body.trust_id != priority.trust_id:
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
        raise ValidationError(errors)
    return transition(
        instance=priority,
        to=Priority.Status.APPROVED,
        allowed_from=[Priority.Status.PROPOSED],
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
    return transition(
        instance=priority,
        to=Priority.Status.RETIRED,
        allowed_from=[Priority.Status.DRAFT, Priority.Status.PROPOSED, Priority.Status.APPROVED],
        by=by,
        reason=reason,
        changes={"retired_on": timezone.localdate()},
    )
