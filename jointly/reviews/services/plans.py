"""Improvement plans: actions with owners and dates, agreed with the provider, tracked and closed."""

from __future__ import annotations

import datetime

from django.utils import timezone

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide
from jointly.contracts.models import Contract
from jointly.contracts.rules import contract_decision, is_party
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition

from ..models import ImprovementAction, ImprovementPlan, PlanComment


def _text(value) -> str:
    return (value or "").strip()


def plan_create(*, contract: Contract, by, aim: str, review_by: datetime.date | None, review=None) -> ImprovementPlan:
    errors = {}
    if not contract.is_running:
        errors[NON_FIELD] = "An improvement plan is for a signed, running contract."
    if not _text(aim):
        errors["aim"] = "Enter what the plan must achieve"
    if review_by is None:
        errors["review_by"] = "Enter when the plan is reviewed"
    elif review_by < timezone.localdate():
        errors["review_by"] = "The plan's review date must be today or later"
    if review is not None and review.contract_id != contract.pk:
        errors["review"] = "Choose a review of this contract"
    if errors:
        raise FieldErrors(errors)
    return ImprovementPlan.objects.create(contract=contract, review=review, aim=_text(aim), review_by=review_by, created_by=by)


def _open(plan: ImprovementPlan) -> None:
    if plan.is_closed:
        raise InvalidTransition(f"This improvement plan is {plan.get_status_display().lower()}, so it can no longer be changed.")


def action_add(*, plan: ImprovementPlan, by, text: str, owner_side: str, owner: str, due_on: datetime.date | None) -> ImprovementAction:
    _open(plan)
    errors = {}
    if not _text(text):
        errors["text"] = "Enter what will be done"
    if owner_side not in ImprovementAction.Side.values:
        errors["owner_side"] = "Choose whose action it is: the provider's or the trust's"
    if not _text(owner):
        errors["owner"] = "Enter who owns the action"
    if due_on is None:
        errors["due_on"] = "Enter the date the action is due by"
    if errors:
        raise FieldErrors(errors)
    return ImprovementAction.objects.create(plan=plan, text=_text(text), owner_side=owner_side, owner=_text(owner), due_on=due_on)


def action_finish(*, action: ImprovementAction, by, note: str = "", today: datetime.date | None = None) -> ImprovementAction:
    _open(action.plan)
    return transition(
        instance=action, move="finish", by=by, reason=_text(note) or "Done", changes={"done_on": today or timezone.localdate(), "note": _text(note)}
    )


def action_drop(*, action: ImprovementAction, by, note: str) -> ImprovementAction:
    _open(action.plan)
    if not _text(note):
        raise FieldErrors({"note": "Enter why the action is dropped"})
    return transition(instance=action, move="drop", by=by, reason=_text(note), changes={"note": _text(note)})


def may_comment(user, plan: ImprovementPlan) -> bool:
    """The trust's contract managers, and the provider parties' own people (the plan is agreed with them)."""
    if user.is_authenticated and user.role == Role.PROVIDER_USER:
        return is_party(user, plan.contract) and contract_decision(user, Perm.CONTRACTS_VIEW, plan.contract).allowed
    return decide(user, Perm.CONTRACTS_MANAGE, plan.contract).allowed


def plan_comment(*, plan: ImprovementPlan, by, text: str) -> PlanComment:
    if not may_comment(by, plan):
        raise InvalidTransition("Only the trust's contract managers and the provider can comment on this plan.")
    if not _text(text):
        raise FieldErrors({"text": "Enter your comment"})
    return PlanComment.objects.create(
        plan=plan, by=by, by_name=by.full_name or by.email, from_provider=by.role == Role.PROVIDER_USER, text=_text(text)
    )


def plan_accept(*, plan: ImprovementPlan, by) -> ImprovementPlan:
    """The provider accepts the plan as drafted: the trust can then record it as agreed."""
    if not (by.role == Role.PROVIDER_USER and is_party(by, plan.contract)):
        raise InvalidTransition("Only the provider's own people can accept the plan for the provider.")

    def acceptable(row):
        if row.status != ImprovementPlan.Status.DRAFT:
            return "This plan has already been agreed."
        if not row.actions.exists():
            return "The plan has no actions yet to accept."
        return None

    with edit(plan, check=acceptable) as row:
        row.provider_accepted_by = by
        row.provider_accepted_at = timezone.now()
    return row


def agreement_problems(plan: ImprovementPlan) -> dict[str, str]:
    errors = {}
    if not plan.actions.exists():
        errors["actions"] = "Add at least one action, with its owner and date"
    if plan.provider_accepted_at is None:
        errors[NON_FIELD] = "The provider has not accepted the plan yet: it is agreed with the provider, not imposed"
    return errors


def plan_agree(*, plan: ImprovementPlan, by, today: datetime.date | None = None) -> ImprovementPlan:
    plan = ImprovementPlan.objects.get(pk=plan.pk)
    problems = agreement_problems(plan)
    if problems:
        raise FieldErrors(problems)
    return transition(
        instance=plan,
        move="agree",
        by=by,
        check=lambda row: next(iter(agreement_problems(row).values()), None),
        changes={"agreed_on": today or timezone.localdate()},
    )


def plan_close(*, plan: ImprovementPlan, by, completed: bool, outcome: str, today: datetime.date | None = None) -> ImprovementPlan:
    """Close the plan as completed (every action done or dropped) or failed; the outcome is recorded either way."""
    errors = {}
    if not _text(outcome):
        errors["outcome"] = "Enter how the plan ended"
    if completed and plan.actions.filter(status=ImprovementAction.Status.OPEN).exists():
        errors[NON_FIELD] = "Some actions are still open: mark each done or dropped before closing the plan as completed"
    if errors:
        raise FieldErrors(errors)
    return transition(
        instance=plan,
        move="complete" if completed else "fail",
        by=by,
        reason=_text(outcome),
        changes={"outcome": _text(outcome), "closed_on": today or timezone.localdate()},
    )
