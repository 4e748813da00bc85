"""Declarations: every evaluator declares for every bidder before seeing any bid; a conflict is enforced."""

import pytest
from django.core.exceptions import PermissionDenied

from jointly.accounts.models import Assignment
from jointly.accounts.permissions import Perm, decide, forget_assignments
from jointly.core.errors import FieldErrors
from jointly.procurement.models import Declaration
from jointly.procurement.selectors import evaluation as read
from jointly.procurement.services import evaluation as services

from .evaluation_helpers import appoint, declare_none, opportunity_in_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(trust, commissioner, evaluator):
    evaluation = opportunity_in_evaluation(trust)
    appoint(evaluation, commissioner, [(evaluator, "officer")])
    return evaluation


def test_before_declaring_for_every_bidder_a_member_sees_no_bid(evaluation):
    (member,) = evaluation.members
    assert read.bids_for_member(member) == []
    with pytest.raises(FieldErrors) as error:
        services.scores_save(member=member, bid=evaluation.bids[0], scores={}, by=member.person)
    assert "Declare for every bidder" in str(error.value)


def test_every_bidder_must_be_answered_and_a_conflict_explained(evaluation):
    (member,) = evaluation.members
    first, second, third = evaluation.bids
    with pytest.raises(FieldErrors) as error:
        services.declarations_record(member=member, answers={first.pk: (False, ""), second.pk: (True, " ")}, by=member.person)
    assert error.value.errors == {
        f"details_{second.pk}": "Say what your conflict of interest with Bidder 2 is",
        f"bid_{third.pk}": "Say whether you have a conflict of interest with Bidder 3",
    }
    assert not Declaration.objects.exists()


def test_a_declared_conflict_bars_the_bid_everywhere(evaluation, evaluator):
    (member,) = evaluation.members
    conflicted = evaluation.bids[1]
    declare_none(member, evaluation, conflicted_with=(conflicted,))
    assert Assignment.objects.get(kind=Assignment.Kind.CONFLICT).object_id == str(conflicted.pk)
    forget_assignments(evaluator)
    refusal = decide(evaluator, Perm.EVALUATION_TAKE_PART, conflicted)
    assert not refusal.allowed and "conflict of interest" in refusal.reason
    assert decide(evaluator, Perm.EVALUATION_TAKE_PART, evaluation.bids[0]).allowed
    member.refresh_from_db()
    assert [b.pk for b in read.bids_for_member(member)] == [evaluation.bids[0].pk, evaluation.bids[2].pk]
    with pytest.raises(FieldErrors) as error:
        services.scores_save(
            member=member, bid=conflicted, scores={evaluation.quality.pk: (3, "x"), evaluation.social_value.pk: (2, "y")}, by=evaluator
        )
    assert str(error.value) == "You cannot score this bid"


def test_declarations_are_made_once_and_only_while_bids_are_unsealed(evaluation, trust, commissioner, analyst):
    (member,) = evaluation.members
    declare_none(member, evaluation)
    with pytest.raises(FieldErrors) as error:
        declare_none(member, evaluation)
    assert "already declared" in str(error.value)

    from jointly.procurement.models import Opportunity

    sealed = opportunity_in_evaluation(trust)
    Opportunity.objects.filter(pk=sealed.opportunity.pk).update(status=Opportunity.Status.OPEN)
    sealed.opportunity.refresh_from_db()
    (early,) = appoint(sealed, commissioner, [(analyst, "officer")])
    with pytest.raises(FieldErrors):
        services.declarations_record(member=early, answers={}, by=analyst)
    with pytest.raises(PermissionDenied):  # BidsSealed: no one reads a bid before the closing time
        read.bids_to_declare(sealed.opportunity)


def test_a_conflict_found_later_bars_the_bid_and_removes_the_scores(evaluation, evaluator):
    from jointly.procurement.models import Score

    (member,) = evaluation.members
    member = declare_none(member, evaluation)
    bid = evaluation.bids[0]
    services.scores_save(member=member, bid=bid, scores={evaluation.quality.pk: (3, "x"), evaluation.social_value.pk: (2, "y")}, by=evaluator)
    with pytest.raises(FieldErrors) as error:
        services.conflict_declare_later(member=member, bid=bid, details=" ", by=evaluator)
    assert error.value.errors == {"details": "Say what your conflict of interest with Bidder 1 is"}
    services.conflict_declare_later(member=member, bid=bid, details="My sister runs it.", by=evaluator)
    assert not Score.objects.filter(member=member, bid=bid).exists()
    forget_assignments(evaluator)
    assert not decide(evaluator, Perm.EVALUATION_TAKE_PART, bid).allowed
    assert bid.pk not in {b.pk for b in read.bids_for_member(member)}
    with pytest.raises(FieldErrors):
        services.conflict_declare_later(member=member, bid=bid, details="Again.", by=evaluator)


def test_the_commissioner_can_name_another_moderator(evaluation, commissioner, analyst):
    (first,) = evaluation.members
    second = services.panel_appoint(opportunity=evaluation.opportunity, person=analyst, capacity="officer", by=commissioner)
    services.panel_moderator_name(member=second, by=commissioner)
    first.refresh_from_db()
    assert not first.is_moderator and second.is_moderator
