import datetime

import pytest

from jointly.assessment.models import Priority
from jointly.assessment.services.priorities import (
    priority_approve,
    priority_create,
    priority_propose,
    priority_retire,
    priority_target_set,
    priority_update,
    priority_withdraw,
)
from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.needs.models import OutcomeArea

from ..factories import BodyFactory
from .factories import BoardFactory, EvidenceFactory, IndicatorFactory, PriorityFactory, outcome

MEETING = datetime.date(2026, 3, 12)


@pytest.fixture
def board(trust):
    return BoardFactory(trust=trust)


@pytest.fixture
def proposed(trust, commissioner):
    return priority_propose(priority=PriorityFactory(trust=trust), by=commissioner)


def test_create_links_evidence_of_the_same_trust(trust, commissioner):
    evidence = EvidenceFactory(trust=trust)
    priority = priority_create(
        trust=trust,
        period="2027–2030",
        title="Fewer children missing school",
        outcome_area=outcome("enjoy-and-achieve"),
        evidence=[evidence],
        by=commissioner,
    )
    assert priority.status == Priority.Status.DRAFT
    assert list(priority.evidence.all()) == [evidence]


def test_create_refuses_another_trusts_evidence(trust, other_trust, commissioner):
    with pytest.raises(FieldErrors) as error:
        priority_create(
            trust=trust,
            period="2027–2030",
            title="X",
            outcome_area=outcome(),
            evidence=[EvidenceFactory(trust=other_trust)],
            by=commissioner,
        )
    assert "evidence" in error.value.errors
    assert not Priority.objects.exists()


def test_propose_then_approve_records_the_boards_decision(proposed, board, board_member):
    approved = priority_approve(priority=proposed, approved_by_body=board, meeting_date=MEETING, minute_reference=" 2026/14 ", by=board_member)
    assert approved.status == Priority.Status.APPROVED
    assert approved.approved_by_body == board
    assert approved.approval_meeting_date == MEETING
    assert approved.approval_minute_reference == "2026/14"
    assert approved.approval_recorded_by == board_member
    entry = (
        AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION, object_type="assessment.priority", object_id=str(approved.pk))
        .order_by("id")
        .last()
    )
    assert "minute 2026/14" in entry.reason


def test_approval_needs_a_board_of_the_same_trust(proposed, other_trust, commissioner):
    other_board = BoardFactory(trust=other_trust)
    with pytest.raises(FieldErrors) as error:
        priority_approve(priority=proposed, approved_by_body=other_board, meeting_date=MEETING, minute_reference="1", by=commissioner)
    assert error.value.errors["approved_by_body"] == "Choose a board of this priority's trust."
    proposed.refresh_from_db()
    assert proposed.status == Priority.Status.PROPOSED


def test_approval_needs_the_board_not_a_sub_group(proposed, trust, commissioner):
    group = BodyFactory(trust=trust)  # a commissioning group
    with pytest.raises(FieldErrors) as error:
        priority_approve(priority=proposed, approved_by_body=group, meeting_date=MEETING, minute_reference="1", by=commissioner)
    assert "trust board" in error.value.errors["approved_by_body"]


def test_approval_needs_date_and_minute(proposed, board, commissioner):
    with pytest.raises(FieldErrors) as error:
        priority_approve(priority=proposed, approved_by_body=board, meeting_date=None, minute_reference=" ", by=commissioner)
    assert set(error.value.errors) == {"meeting_date", "minute_reference"}


def test_a_draft_cannot_be_approved(trust, board, commissioner):
    draft = PriorityFactory(trust=trust)
    with pytest.raises(
        InvalidTransition, match=("This priority is draft, so you cannot approve it. You can approve it only when it is proposed to the board.")
    ):
        priority_approve(priority=draft, approved_by_body=board, meeting_date=MEETING, minute_reference="1", by=commissioner)


def test_withdraw_returns_a_proposal_to_draft(proposed, commissioner):
    assert priority_withdraw(priority=proposed, by=commissioner).status == Priority.Status.DRAFT


def test_retire_from_approved_and_not_twice(proposed, board, commissioner):
    approved = priority_approve(priority=proposed, approved_by_body=board, meeting_date=MEETING, minute_reference="1", by=commissioner)
    retired = priority_retire(priority=approved, by=commissioner, reason="Met")
    assert retired.status == Priority.Status.RETIRED and retired.retired_on is not None
    with pytest.raises(InvalidTransition, match="This priority is retired, so you cannot retire it"):
        priority_retire(priority=retired, by=commissioner)
    with pytest.raises(InvalidTransition, match="This priority is retired, so you cannot propose it"):
        priority_propose(priority=retired, by=commissioner)


def test_an_approved_priority_cannot_be_edited_or_retargeted(proposed, board, commissioner):
    approved = priority_approve(priority=proposed, approved_by_body=board, meeting_date=MEETING, minute_reference="1", by=commissioner)
    refusal = "This priority is approved by the board, so it can no longer be changed."
    with pytest.raises(InvalidTransition, match=refusal):
        priority_update(priority=approved, title="Changed", by=commissioner)
    with pytest.raises(InvalidTransition, match=refusal):
        priority_target_set(
            priority=approved,
            indicator=IndicatorFactory(),
            baseline_value=1,
            baseline_period="2024/25",
            target_value=2,
            target_period="2029/30",
            direction="increase",
            by=commissioner,
        )


def test_target_set_twice_changes_the_one_target(trust, commissioner):
    priority = PriorityFactory(trust=trust)
    indicator = IndicatorFactory()
    kwargs = dict(priority=priority, indicator=indicator, baseline_period="2024/25", target_period="2029/30", direction="increase", by=commissioner)
    priority_target_set(baseline_value=50, target_value=60, **kwargs)
    priority_target_set(baseline_value=50, target_value=65, **kwargs)
    assert [t.target_value for t in priority.targets.all()] == [65]


def test_target_refuses_another_trusts_local_indicator(trust, other_trust, commissioner):
    with pytest.raises(FieldErrors):
        priority_target_set(
            priority=PriorityFactory(trust=trust),
            indicator=IndicatorFactory(trust=other_trust, published=False),
            baseline_value=1,
            baseline_period="a",
            target_value=2,
            target_period="b",
            direction="increase",
            by=commissioner,
        )


def test_every_problem_with_a_priority_is_given_at_once(trust, other_trust, commissioner):
    with pytest.raises(FieldErrors) as error:
        priority_create(
            trust=trust,
            period=" ",
            title=" ",
            outcome_area=OutcomeArea.objects.create(name="Theirs", slug="theirs", trust=other_trust),
            evidence=[EvidenceFactory(trust=other_trust)],
            by=commissioner,
        )
    assert set(error.value.errors) == {"period", "title", "outcome_area", "evidence"}
    assert not Priority.objects.exists()


def test_a_target_refused_for_every_reason_at_once(trust, other_trust, commissioner):
    priority = PriorityFactory(trust=trust)
    with pytest.raises(FieldErrors) as error:
        priority_target_set(
            priority=priority,
            indicator=IndicatorFactory(trust=other_trust, published=False),
            baseline_value=1,
            baseline_period=" ",
            target_value=2,
            target_period="2029/30",
            direction="sideways",
            by=commissioner,
        )
    assert set(error.value.errors) == {"indicator", "baseline_period", "direction"}
    assert not priority.targets.exists()
