"""Reviews' clock: running contracts get their reviews planned; reviews due and improvement actions
due or overdue are reminded through the one reminders job (contracts/reminders.py)."""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.utils import timezone

from jointly.accounts.permissions import Perm
from jointly.accounts.selectors import organisation_emails, trust_staff_emails
from jointly.contracts.models import Contract
from jointly.contracts.reminders import Due, reminder_source
from jointly.core.scheduling import for_each_due, scheduled

from .models import ImprovementAction, ImprovementPlan, Review
from .services.reviews import reviews_schedule

# Days before a review is due (and one day after, when it is overdue).
REVIEW_STEPS = (30, 7, -1)
# Days before an improvement action is due, and after (overdue).
ACTION_STEPS = (7, -1)


@scheduled(every=timedelta(days=1))
def plan_contract_reviews() -> str:
    """Idempotent: a contract's reviews still to come are written once each (kind and date)."""
    today = timezone.localdate()
    unplanned = Contract.objects.filter(status=Contract.Status.ACTIVE).exclude(reviews__status=Review.Status.PLANNED).order_by("pk")

    def plan(contract):
        return len(reviews_schedule(contract=contract, today=today))

    return for_each_due(unplanned, plan).summary("contracts without a planned review")


@reminder_source
def reviews_due(today: datetime.date):
    days = {today + timedelta(days=step): step for step in REVIEW_STEPS}
    due = Review.objects.filter(
        status=Review.Status.PLANNED, due_on__in=list(days), contract__status__in=[Contract.Status.ACTIVE, Contract.Status.IN_NOTICE]
    )
    for review in due.select_related("contract__supplier"):
        step = days[review.due_on]
        contract = review.contract
        when = f"is overdue: it was due on {review.due_on:%-d %B %Y}" if step < 0 else f"is due in {step} days, on {review.due_on:%-d %B %Y}"
        yield Due(
            key=f"review:{review.pk}:due{step:+d}",
            kind="review_due",
            due_on=review.due_on,
            subject=f"{contract.reference}: the {review.get_kind_display().lower()} {when}",
            to=tuple(trust_staff_emails(contract.trust_id, Perm.CONTRACTS_MANAGE)),
            template="reviews/email/review_due.txt",
            context={"review": review, "contract": contract, "when": when},
            trust_id=contract.trust_id,
            contract_id=contract.pk,
        )


@reminder_source
def improvement_actions_due(today: datetime.date):
    days = {today + timedelta(days=step): step for step in ACTION_STEPS}
    due = ImprovementAction.objects.filter(
        status=ImprovementAction.Status.OPEN, due_on__in=list(days), plan__status=ImprovementPlan.Status.AGREED
    ).select_related("plan__contract__supplier")
    for action in due:
        step = days[action.due_on]
        contract = action.plan.contract
        when = f"was due on {action.due_on:%-d %B %Y} and is overdue" if step < 0 else f"is due in {step} days, on {action.due_on:%-d %B %Y}"
        yield Due(
            key=f"improvement-action:{action.pk}:due{step:+d}",
            kind="improvement_action",
            due_on=action.due_on,
            subject=f"{contract.reference}: an improvement action {when}",
            to=tuple(trust_staff_emails(contract.trust_id, Perm.CONTRACTS_MANAGE) + organisation_emails(contract.supplier)),
            template="reviews/email/action_due.txt",
            context={"action": action, "contract": contract, "when": when},
            trust_id=contract.trust_id,
            contract_id=contract.pk,
        )
