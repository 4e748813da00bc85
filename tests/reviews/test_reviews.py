"""reviews.services.reviews: the dates worked out from the term, recording, and completing with every gate."""

import datetime

import pytest

from jointly.consultations.models import Consultation
from jointly.contracts.models import Contract
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.reviews.models import ImprovementPlan, Review
from jointly.reviews.services import reviews as services

from ..contracts.factories import ContractFactory
from .factories import ConsultationFactory, ReviewFactory, recorded

pytestmark = pytest.mark.django_db


def test_reviews_fall_yearly_and_six_months_before_the_end():
    contract = Contract(starts_on=datetime.date(2027, 4, 1), ends_on=datetime.date(2030, 3, 31))

    # The third anniversary is past the end; none is within 60 days of 30 September 2029.
    assert services.review_dates(contract) == [
        (Review.Kind.ANNUAL, datetime.date(2028, 4, 1)),
        (Review.Kind.ANNUAL, datetime.date(2029, 4, 1)),
        (Review.Kind.BEFORE_END, datetime.date(2029, 9, 30)),
    ]


def test_a_yearly_review_close_to_the_one_before_the_end_is_left_out():
    contract = Contract(starts_on=datetime.date(2027, 10, 1), ends_on=datetime.date(2029, 4, 30))

    assert services.review_dates(contract) == [(Review.Kind.BEFORE_END, datetime.date(2028, 10, 30))]


def test_scheduling_writes_each_review_still_to_come_once(trust, commissioner):
    contract = ContractFactory(trust=trust, status=Contract.Status.ACTIVE)

    made = services.reviews_schedule(contract=contract, by=commissioner, today=datetime.date(2028, 6, 1))
    again = services.reviews_schedule(contract=contract, by=commissioner, today=datetime.date(2028, 6, 1))

    assert [review.due_on for review in made] == [datetime.date(2029, 4, 1), datetime.date(2029, 9, 30)]
    assert again == []


def test_a_draft_contract_is_not_reviewed(trust, commissioner):
    with pytest.raises(FieldErrors) as refused:
        services.reviews_schedule(contract=ContractFactory(trust=trust), by=commissioner)
    assert "running contract" in str(refused.value)


def test_completing_lists_everything_missing_at_once(commissioner):
    review = ReviewFactory()

    with pytest.raises(FieldErrors) as refused:
        services.review_complete(review=review, by=commissioner)

    assert set(refused.value.errors) == {"outcomes_finding", "need_finding", "consultation", "finding", "decision", "decision_evidence"}
    review.refresh_from_db()
    assert review.status == Review.Status.PLANNED


def test_a_consultation_still_open_stops_completion(commissioner):
    review = ReviewFactory()
    open_one = ConsultationFactory(trust=review.contract.trust, status=Consultation.Status.OPEN)
    services.review_record(review=review, by=commissioner, **recorded(no_consultation_reason="", consultation=open_one))

    with pytest.raises(FieldErrors) as refused:
        services.review_complete(review=review, by=commissioner)

    assert set(refused.value.errors) == {"consultation"}
    assert "has not closed yet" in refused.value.errors["consultation"]


def test_another_trusts_consultation_is_refused(commissioner, other_trust):
    review = ReviewFactory()
    with pytest.raises(FieldErrors) as refused:
        services.review_record(review=review, by=commissioner, consultation=ConsultationFactory(trust=other_trust))
    assert set(refused.value.errors) == {"consultation"}


def test_a_complete_review_with_a_closed_consultation_is_completed(commissioner):
    review = ReviewFactory()
    closed = ConsultationFactory(trust=review.contract.trust)
    services.review_record(review=review, by=commissioner, **recorded(no_consultation_reason="", consultation=closed))

    done = services.review_complete(review=review, by=commissioner, today=datetime.date(2028, 4, 3))

    assert (done.status, done.completed_on, done.completed_by) == (Review.Status.COMPLETED, datetime.date(2028, 4, 3), commissioner)
    assert not ImprovementPlan.objects.exists()
    with pytest.raises(InvalidTransition):
        services.review_record(review=done, by=commissioner, finding="Changed afterwards")


def test_an_improve_decision_opens_an_improvement_plan(commissioner):
    review = ReviewFactory()
    services.review_record(review=review, by=commissioner, **recorded(decision=Review.Decision.IMPROVE))

    done = services.review_complete(review=review, by=commissioner, today=datetime.date(2028, 4, 3))

    plan = done.improvement_plan
    assert (plan.status, plan.contract_id, plan.aim) == (ImprovementPlan.Status.DRAFT, review.contract_id, "Valued, below target.")
    assert plan.review_by == datetime.date(2028, 7, 3)


def test_cancelling_needs_a_reason(commissioner):
    review = ReviewFactory()
    with pytest.raises(FieldErrors):
        services.review_cancel(review=review, by=commissioner, reason=" ")
    assert (
        services.review_cancel(review=review, by=commissioner, reason="Replaced by the review six months before the end").status
        == Review.Status.CANCELLED
    )


def test_an_extra_review_is_refused_on_a_day_already_taken(commissioner):
    review = ReviewFactory(kind=Review.Kind.OTHER)
    with pytest.raises(FieldErrors) as refused:
        services.review_create(contract=review.contract, by=commissioner, due_on=review.due_on)
    assert set(refused.value.errors) == {"due_on"}
