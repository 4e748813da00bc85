"""The award decision, by someone with authority and not conflicted, then an assessment summary
for every assessed bidder before the award notice."""

import datetime

import pytest
from django.core import mail

from jointly.accounts.services import assignment_grant
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.procurement.models import AssessmentSummary, Award, Opportunity, RouteKind
from jointly.procurement.services import award as services

from .evaluation_helpers import decided, evaluated, opportunity_in_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(trust, commissioner, evaluator):
    return evaluated(trust, commissioner, evaluator)


def test_the_decision_records_the_winner_and_moves_to_standstill(evaluation, board_member):
    decision = decided(evaluation, board_member, winner=evaluation.bids[2])
    evaluation.opportunity.refresh_from_db()
    assert evaluation.opportunity.status == Opportunity.Status.STANDSTILL
    (award,) = decision.awards.all()
    assert (award.bid, award.organisation, award.value, award.status) == (
        evaluation.bids[2],
        evaluation.bids[2].organisation,
        evaluation.bids[2].price,
        Award.Status.STANDSTILL,
    )
    assert decision.standstill_days == 8


def test_the_decision_needs_a_winner_reasons_and_a_full_standstill(evaluation, board_member):
    with pytest.raises(FieldErrors) as error:
        services.award_decide(opportunity=evaluation.opportunity, by=board_member, winners={}, reasons=" ", standstill_days=5)
    assert error.value.errors == {
        "winner_0": "Select the winning bid",
        "reasons": "Give the reasons for the decision",
        "standstill_days": "The standstill must be at least 8 working days for this route",
    }


def test_nobody_conflicted_may_decide(evaluation, board_member, commissioner):
    assignment_grant(person=board_member, kind="conflict", obj=evaluation.bids[1], by=commissioner)
    with pytest.raises(InvalidTransition) as error:
        decided(evaluation, board_member)
    assert "declared a conflict of interest" in str(error.value)


def test_no_decision_before_every_bid_is_moderated(trust, board_member):
    evaluation = opportunity_in_evaluation(trust)
    with pytest.raises(InvalidTransition) as error:
        decided(evaluation, board_member)
    assert "moderated scores for every criterion" in str(error.value)


def test_every_assessed_bidder_gets_its_summary_before_the_notice(
    evaluation, board_member, commissioner, tasks_run_at_once, django_capture_on_commit_callbacks
):
    decision = decided(evaluation, board_member, winner=evaluation.bids[2])
    with pytest.raises(FieldErrors) as error:
        services.award_notice_publish(decision=decision, by=commissioner)
    assert "assessment summary before the award notice" in str(error.value)
    with django_capture_on_commit_callbacks(execute=True):
        summaries = services.assessment_summaries_send(decision=decision, by=commissioner)
    assert len(summaries) == 3 == AssessmentSummary.objects.count()
    loser = AssessmentSummary.objects.get(bid=evaluation.bids[0])
    assert loser.content["won"] is False
    assert loser.content["bid"]["total"] == "67.50" and loser.content["winner"]["total"] == "77.50"
    assert loser.content["winner"]["criteria"][0]["reason"] == "Agreed: clear model."
    assert len(mail.outbox) == 3
    to_loser = next(m for m in mail.outbox if evaluation.bidders[0].email in m.to)
    assert "It was not successful this time" in to_loser.body and "The winning bid (Bidder 3) scored 77.50" in to_loser.body
    with pytest.raises(FieldErrors):
        services.assessment_summaries_send(decision=decision, by=commissioner)


def test_light_touch_has_no_mandatory_standstill(trust, commissioner, evaluator, board_member):
    evaluation = evaluated(trust, commissioner, evaluator, route=RouteKind.LIGHT_TOUCH)
    decision = decided(evaluation, board_member)
    assert decision.standstill_days == 0
    services.assessment_summaries_send(decision=decision, by=commissioner)
    decision = services.award_notice_publish(decision=decision, by=commissioner, today=datetime.date(2026, 12, 3))
    evaluation.opportunity.refresh_from_db()
    assert evaluation.opportunity.status == Opportunity.Status.AWARDED
    assert decision.awards.get().status == Award.Status.READY_FOR_CONTRACT


def test_light_touch_may_choose_a_voluntary_standstill(trust, commissioner, evaluator, board_member):
    evaluation = evaluated(trust, commissioner, evaluator, route=RouteKind.LIGHT_TOUCH)
    decision = decided(evaluation, board_member, standstill_days=5)
    assert decision.standstill_days == 5


def test_the_demo_evaluation_runs_to_a_decision_with_summaries(trust, commissioner, evaluator, participant, analyst, board_member):
    from jointly.procurement import demo_evaluation

    evaluation = opportunity_in_evaluation(trust)
    decision = demo_evaluation.evaluate(
        evaluation.opportunity,
        commissioner=commissioner,
        panel=[(evaluator, "officer"), (participant, "service_user"), (analyst, "officer")],
        conflicted=analyst,
        decider=board_member,
        decide=True,
    )
    assert decision.awards.count() == 1 and AssessmentSummary.objects.filter(decision=decision).count() == 3


def test_a_winner_for_each_lot(trust, commissioner, evaluator, board_member):
    from decimal import Decimal

    from jointly.procurement.models import Bid
    from jointly.procurement.selectors import evaluation as read

    from ..factories import OrganisationFactory
    from .evaluation_helpers import appoint, declare_none, moderate_all, score_all
    from .factories import BidFactory, LotFactory

    evaluation = opportunity_in_evaluation(trust, prices=("90000",))
    first_lot, second_lot = (LotFactory(opportunity=evaluation.opportunity, number=n, title=f"Area {n}") for n in (1, 2))
    Bid.objects.filter(pk=evaluation.bids[0].pk).update(lot=first_lot)
    evaluation.bids[0].refresh_from_db()
    evaluation.bids += [
        BidFactory(opportunity=evaluation.opportunity, lot=lot, organisation=OrganisationFactory(name=name), price=Decimal(price), status="submitted")
        for lot, name, price in ((first_lot, "Lot one rival", "80000"), (second_lot, "Lot two only", "50000"))
    ]
    (member,) = appoint(evaluation, commissioner, [(evaluator, "officer")])
    declare_none(member, evaluation)
    score_all(member, evaluation)
    moderate_all(member, evaluation)
    lots = read.evaluation_results(evaluation.opportunity)
    assert [(lot.lot.number, [r.bid.organisation.name for r in lot.results]) for lot in lots] == [
        (1, ["Lot one rival", "Bidder 1"]),
        (2, ["Lot two only"]),
    ]
    # Price is compared within the lot: the lot's lowest price (80,000), not the lowest of all.
    bidder_one = lots[0].results[1]
    assert next(line for line in bidder_one.lines if line.criterion == evaluation.price).weighted == Decimal("26.67")
    with pytest.raises(FieldErrors) as error:
        services.award_decide(opportunity=evaluation.opportunity, by=board_member, winners={first_lot.pk: evaluation.bids[2]}, reasons="Best.")
    assert error.value.errors == {
        f"winner_{first_lot.pk}": "Select one of the bids for this lot",
        f"winner_{second_lot.pk}": "Select the winning bid for lot 2",
    }
    decision = services.award_decide(
        opportunity=evaluation.opportunity,
        by=board_member,
        winners={first_lot.pk: evaluation.bids[1], second_lot.pk: evaluation.bids[2]},
        reasons="Best.",
    )
    assert [(a.lot.number, a.organisation.name) for a in decision.awards.all()] == [(1, "Lot one rival"), (2, "Lot two only")]
