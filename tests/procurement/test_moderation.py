"""Moderation to consensus scores with reasons, and the arithmetic: weighted scores, totals, ranking."""

from decimal import Decimal

import pytest

from jointly.core.errors import FieldErrors
from jointly.procurement.models import ModeratedScore
from jointly.procurement.selectors import evaluation as read
from jointly.procurement.services import evaluation as services

from .evaluation_helpers import appoint, declare_none, moderate_all, opportunity_in_evaluation, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(trust, commissioner, evaluator, analyst):
    evaluation = opportunity_in_evaluation(trust)
    for member in appoint(evaluation, commissioner, [(evaluator, "officer"), (analyst, "officer")]):
        declare_none(member, evaluation)
    return evaluation


def test_moderation_waits_for_every_member_and_only_the_moderator_moderates(evaluation):
    moderator, other = evaluation.members
    score_all(moderator, evaluation)
    scores = {evaluation.quality.pk: (3, "Agreed."), evaluation.social_value.pk: (2, "Agreed.")}
    with pytest.raises(FieldErrors) as error:
        services.moderated_scores_save(moderator=moderator, bid=evaluation.bids[0], scores=scores, by=moderator.person)
    assert str(error.value) == "Every panel member must submit their scores before moderation"
    score_all(other, evaluation)
    with pytest.raises(FieldErrors) as error:
        services.moderated_scores_save(moderator=other, bid=evaluation.bids[0], scores=scores, by=other.person)
    assert "Only the panel's moderator" in str(error.value)
    with pytest.raises(FieldErrors) as error:
        services.moderated_scores_save(moderator=moderator, bid=evaluation.bids[0], scores={evaluation.quality.pk: (3, "")}, by=moderator.person)
    assert set(error.value.errors) == {
        f"reason_{evaluation.quality.pk}",
        f"score_{evaluation.social_value.pk}",
        f"reason_{evaluation.social_value.pk}",
    }
    services.moderated_scores_save(moderator=moderator, bid=evaluation.bids[0], scores=scores, by=moderator.person)
    assert ModeratedScore.objects.count() == 2


def test_the_arithmetic_and_ranking_worked_by_hand(evaluation):
    for member in evaluation.members:
        score_all(member, evaluation)
    first, second, third = evaluation.bids
    assert not read.moderation_complete(evaluation.opportunity)
    moderate_all(evaluation.members[0], evaluation, {first.pk: (4, 3), second.pk: (3, 2), third.pk: (2, 1)})
    assert read.moderation_complete(evaluation.opportunity)
    (lot,) = read.evaluation_results(evaluation.opportunity)
    totals = {r.bid.pk: (r.total, r.rank) for r in lot.results}
    # First: 4/4×50 = 50.00, 3/4×20 = 15.00, 60,000/90,000×30 = 20.00: 85.00.
    # Second: 37.50 + 10.00 + 18.00 = 65.50. Third: 25.00 + 5.00 + 30.00 = 60.00.
    assert totals == {first.pk: (Decimal("85.00"), 1), second.pk: (Decimal("65.50"), 2), third.pk: (Decimal("60.00"), 3)}
    quality = next(line for line in lot.results[0].lines if line.criterion == evaluation.quality)
    assert quality.working == "4 ÷ 4 × 50 = 50.00" and quality.reason == "Agreed: clear model."
    assert [r.bid.pk for r in lot.results] == [first.pk, second.pk, third.pk]


def test_a_conflicted_viewer_is_shown_no_result_for_that_bid(evaluation, trust, commissioner, board_member):
    for member in evaluation.members:
        score_all(member, evaluation)
    moderate_all(evaluation.members[0], evaluation)
    from jointly.accounts.services import assignment_grant

    assignment_grant(person=board_member, kind="conflict", obj=evaluation.bids[1], by=commissioner)
    shown = read.bids_for_viewer(board_member, evaluation.opportunity)
    (lot,) = read.evaluation_results(evaluation.opportunity, shown)
    assert [r.bid.pk for r in lot.results] == [evaluation.bids[2].pk, evaluation.bids[0].pk]
    # Ranks stay those among all the bids.
    assert [r.rank for r in lot.results] == [1, 2]


def test_service_users_part_is_recorded_with_its_outcome(evaluation, commissioner):
    import datetime

    with pytest.raises(FieldErrors) as error:
        services.selection_activity_record(
            opportunity=evaluation.opportunity, by=commissioner, kind="vote", held_on=None, who_took_part="", outcome=""
        )
    assert set(error.value.errors) == {"held_on", "who_took_part", "outcome", "votes_for"}
    vote = services.selection_activity_record(
        opportunity=evaluation.opportunity,
        by=commissioner,
        kind="vote",
        held_on=datetime.date.today(),
        who_took_part="Six young carers from the youth forum",
        outcome="Preferred Bidder 1's drop-in model",
        bid=evaluation.bids[0],
        votes_for=5,
        votes_against=1,
    )
    assert read.activities_for(evaluation.opportunity) == [vote]
    assert read.activities_for(evaluation.opportunity, visible_bid_ids={evaluation.bids[1].pk}) == []


def test_a_moderator_conflicted_with_a_bid_is_flagged_until_another_moderates_it(trust, commissioner, evaluator, analyst):
    from tests.conftest import signed_in_client

    evaluation = opportunity_in_evaluation(trust)
    moderator, other = appoint(evaluation, commissioner, [(evaluator, "officer"), (analyst, "officer")])
    conflicted = evaluation.bids[1]
    declare_none(moderator, evaluation, conflicted_with=(conflicted,))
    declare_none(other, evaluation)
    score_all(moderator, evaluation)
    score_all(other, evaluation)
    scores = {evaluation.quality.pk: (3, "Agreed."), evaluation.social_value.pk: (2, "Agreed.")}
    for bid in read.bids_for_member(moderator):
        services.moderated_scores_save(moderator=moderator, bid=bid, scores=scores, by=moderator.person)

    assert read.moderator_conflicts(evaluation.opportunity) == (moderator, 1)
    assert not read.moderation_complete(evaluation.opportunity)
    page = signed_in_client(commissioner).get(f"/procurement/opportunities/{evaluation.opportunity.pk}/evaluation/panel/").content.decode()
    assert "has declared a conflict of interest with 1 bid still to be moderated" in page
    assert conflicted.organisation.name not in page  # the count, never which bid

    deputy = services.panel_moderator_name(member=other, by=commissioner)
    services.moderated_scores_save(moderator=deputy, bid=conflicted, scores=scores, by=deputy.person)
    services.panel_moderator_name(member=moderator, by=commissioner)

    assert read.moderator_conflicts(evaluation.opportunity)[1] == 0
    assert read.moderation_complete(evaluation.opportunity)
