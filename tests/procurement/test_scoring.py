"""Independent scoring: own scores with reasons, others' hidden until one's own are submitted; price by formula."""

from decimal import Decimal

import pytest

from jointly.core.errors import FieldErrors
from jointly.procurement.models import Score
from jointly.procurement.selectors import evaluation as read
from jointly.procurement.services import evaluation as services

from .evaluation_helpers import appoint, declare_none, opportunity_in_evaluation, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(trust, commissioner, evaluator, analyst):
    evaluation = opportunity_in_evaluation(trust)
    for member in appoint(evaluation, commissioner, [(evaluator, "officer"), (analyst, "officer")]):
        declare_none(member, evaluation)
    return evaluation


def test_every_score_needs_a_reason_and_must_be_on_the_scale(evaluation):
    member = evaluation.members[0]
    with pytest.raises(FieldErrors) as error:
        services.scores_save(
            member=member, bid=evaluation.bids[0], scores={evaluation.quality.pk: (5, "Good"), evaluation.social_value.pk: (2, "")}, by=member.person
        )
    assert error.value.errors == {
        f"score_{evaluation.quality.pk}": "The score for Quality of the service model must be from 0 to 4",
        f"reason_{evaluation.social_value.pk}": "Give the reason for the score for Social value",
    }
    assert not Score.objects.exists()


def test_price_is_not_scored_by_judgement(evaluation):
    assert [c.title for c in read.scorable_criteria(evaluation.opportunity, evaluation.bids[0])] == ["Quality of the service model", "Social value"]


def test_others_scores_are_hidden_until_ones_own_are_submitted(evaluation):
    first, second = evaluation.members
    score_all(first, evaluation)
    bid = evaluation.bids[0]
    services.scores_save(
        member=second, bid=bid, scores={evaluation.quality.pk: (1, "Thin."), evaluation.social_value.pk: (1, "Vague.")}, by=second.person
    )
    assert read.others_scores(second, bid) == []
    with pytest.raises(FieldErrors) as error:
        services.scores_submit(member=second, by=second.person)
    assert "Still to score: Bidder 2, Bidder 3" in str(error.value)
    score_all(second, evaluation, values=(1, 1))
    second.refresh_from_db()
    assert {(s.member_id, s.score) for s in read.others_scores(second, bid)} == {(first.pk, 3), (first.pk, 2)}
    # Submitted scores no longer change; the other evaluator's rows were never touched.
    with pytest.raises(FieldErrors):
        services.scores_save(member=second, bid=bid, scores={}, by=second.person)
    assert Score.objects.filter(member=first).count() == 6


def test_abnormally_low_prices_are_flagged_with_the_reason(evaluation, settings):
    flags = read.abnormally_low(evaluation.bids)
    # Mean of 90,000, 100,000 and 60,000 is 83,333.33; 80% of it is 66,666.67.
    assert list(flags) == [evaluation.bids[2].pk]
    assert "below 80% of the mean price of the 3 bids (£83,333.33; 80% is £66,666.67)" in flags[evaluation.bids[2].pk]
    settings.PROCUREMENT_ABNORMALLY_LOW_PERCENT = 70
    assert read.abnormally_low(evaluation.bids) == {}


def test_price_formula_lowest_over_price_times_weight(evaluation):
    (lot,) = read.evaluation_results(evaluation.opportunity)
    price_lines = {r.bid.pk: next(line for line in r.lines if line.criterion == evaluation.price) for r in lot.results}
    assert price_lines[evaluation.bids[0].pk].weighted == Decimal("20.00")
    assert price_lines[evaluation.bids[0].pk].working == "£60,000.00 (lowest price) ÷ £90,000.00 × 30 = 20.00"
    assert price_lines[evaluation.bids[2].pk].weighted == Decimal("30.00")
