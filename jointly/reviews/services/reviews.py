"""Reviews of running contracts: scheduled from the term, recorded, and completed with a decision."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.consultations.models import Consultation
from jointly.contracts.models import Contract
from jointly.contracts.services.contracts import add_years
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import edit, transition

from ..models import ImprovementPlan, Review

# Reviewed once a year from the start, and six months before the term ends, when there is still
# time to extend, re-commission or give notice. A yearly review this close to that one is left out.
BEFORE_END_MONTHS = 6
MERGE_WITHIN_DAYS = 60
# A plan opened by a review is itself reviewed three months on, unless the term ends first.
PLAN_REVIEW_DAYS = 91
# A consultation counts as children and families consulted once it has closed.
CONSULTED = (Consultation.Status.CLOSED, Consultation.Status.REPORTED)
RECORDED_FIELDS = (
    "outcomes_finding",
    "need_finding",
    "consultation",
    "no_consultation_reason",
    "families_said",
    "finding",
    "decision",
    "decision_evidence",
)


def months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def review_dates(contract: Contract) -> list[tuple[str, datetime.date]]:
    """When the contract is reviewed: each anniversary of the start within the term, and six months before its end."""
    before_end = months_before(contract.ends_on, BEFORE_END_MONTHS)
    dates = []
    year = 1
    while (anniversary := add_years(contract.starts_on, year)) < contract.ends_on:
        if abs((anniversary - before_end).days) > MERGE_WITHIN_DAYS:
            dates.append((Review.Kind.ANNUAL, anniversary))
        year += 1
    if before_end > contract.starts_on:
        dates.append((Review.Kind.BEFORE_END, before_end))
    return sorted(dates, key=lambda item: item[1])


def reviews_schedule(*, contract: Contract, by=None, today: datetime.date | None = None) -> list[Review]:
    """Plan the contract's reviews still to come (idempotent: each kind and date once)."""
    today = today or timezone.localdate()
    if contract.status != Contract.Status.ACTIVE:
        raise FieldErrors({NON_FIELD: "Only a signed, running contract is reviewed."})
    made = []
    existing = set(Review.objects.filter(contract=contract).values_list("kind", "due_on"))
    for kind, due_on in review_dates(contract):
        if due_on >= today and (kind, due_on) not in existing:
            made.append(Review.objects.create(contract=contract, kind=kind, due_on=due_on, created_by=by))
    return made


def review_create(*, contract: Contract, by, due_on: datetime.date | None, kind: str = Review.Kind.OTHER) -> Review:
    """A review when one is needed (a concern, a change of need), besides the scheduled ones."""
    errors = {}
    if not contract.is_running:
        errors[NON_FIELD] = "Only a signed, running contract is reviewed."
    if due_on is None:
        errors["due_on"] = "Enter the date the review is due by"
    elif due_on < contract.starts_on:
        errors["due_on"] = "The review must be due after the contract starts"
    elif Review.objects.filter(contract=contract, kind=kind, due_on=due_on).exists():
        errors["due_on"] = "There is already a review of this contract due that day"
    if errors:
        raise FieldErrors(errors)
    return Review.objects.create(contract=contract, kind=kind, due_on=due_on, created_by=by)


def review_record(*, review: Review, by, version: str | None = None, **fields) -> Review:
    """Save what the review has found so far (any of RECORDED_FIELDS); completing it checks it is whole."""
    unknown = set(fields) - set(RECORDED_FIELDS)
    if unknown:
        raise TypeError(f"review_record() got fields it does not record: {sorted(unknown)}")
    consultation = fields.get("consultation")
    if consultation is not None and consultation.trust_id != review.contract.trust_id:
        raise FieldErrors({"consultation": "Choose one of this trust's consultations"})
    if fields.get("decision") and fields["decision"] not in Review.Decision.values:
        raise FieldErrors({"decision": "Choose a decision from the list"})
    with edit(review, version=version) as row:
        for name, value in fields.items():
            setattr(row, name, value.strip() if isinstance(value, str) else value)
    return row


def completion_problems(review: Review) -> dict[str, str]:
    """Everything still missing before the review can be completed, at once."""
    errors = {}
    if not review.outcomes_finding.strip():
        errors["outcomes_finding"] = "Enter how the contract did against its outcomes and KPIs"
    if not review.need_finding.strip():
        errors["need_finding"] = "Enter whether the need the contract serves has changed"
    if review.consultation_id is None and not review.no_consultation_reason.strip():
        errors["consultation"] = "Choose the consultation with children and families, or record why they were not consulted"
    elif review.consultation_id is not None:
        if review.consultation.status not in CONSULTED:
            errors["consultation"] = f"The consultation “{review.consultation.title}” has not closed yet: complete the review once it has"
        elif not review.families_said.strip():
            errors["families_said"] = "Enter what children and families said"
    if not review.finding.strip():
        errors["finding"] = "Enter the review's overall finding"
    if not review.decision:
        errors["decision"] = "Choose the decision: continue, improve, extend, re-commission or decommission"
    if not review.decision_evidence.strip():
        errors["decision_evidence"] = "Enter the evidence for the decision"
    return errors


def review_complete(*, review: Review, by, today: datetime.date | None = None) -> Review:
    """Complete the review with its decision; an "improve" decision opens the improvement plan to agree with the provider."""
    today = today or timezone.localdate()
    review = Review.objects.select_related("contract", "consultation").get(pk=review.pk)
    problems = completion_problems(review)
    if problems:
        raise FieldErrors(problems)

    def still_whole(row):
        again = completion_problems(Review.objects.select_related("consultation").get(pk=row.pk))
        return next(iter(again.values()), None)

    with transaction.atomic():
        done = transition(
            instance=review,
            move="complete",
            by=by,
            reason=f"Decision: {review.get_decision_display()}",
            check=still_whole,
            changes={"completed_on": today, "completed_by": by},
        )
        if done.decision == Review.Decision.IMPROVE and not ImprovementPlan.objects.filter(review=done).exists():
            ImprovementPlan.objects.create(
                contract=review.contract,
                review=done,
                aim=done.finding,
                review_by=min(today + datetime.timedelta(days=PLAN_REVIEW_DAYS), review.contract.ends_on),
                created_by=by,
            )
    return done


def review_cancel(*, review: Review, by, reason: str) -> Review:
    if not (reason or "").strip():
        raise FieldErrors({"reason": "Enter why the review is cancelled"})
    return transition(instance=review, move="cancel", by=by, reason=reason.strip(), changes={"cancelled_reason": reason.strip()})
