"""The assessment's tables of moves, and edits that can never write back a state someone else changed."""

import datetime

import pytest

from jointly.assessment.models import EvidenceItem, NeedsAssessment, Priority, ReportCardAction
from jointly.assessment.services import assessments, evidence, priorities, report_cards
from jointly.assessment.services.assessments import assessment_publish, assessment_update, finding_add
from jointly.assessment.services.priorities import (
    priority_approve,
    priority_propose,
    priority_retire,
    priority_target_set,
    priority_update,
)
from jointly.assessment.services.report_cards import report_card_update
from jointly.core.transitions import InvalidTransition, StaleEdit, version_of

from ..transitions import assert_moves_go_between_real_states, assert_services_make_only_table_moves
from .factories import AssessmentFactory, BoardFactory, EvidenceFactory, IndicatorFactory, PriorityFactory, ReportCardFactory

pytestmark = pytest.mark.django_db

STATEFUL = [NeedsAssessment, EvidenceItem, Priority, ReportCardAction]
SERVICES = [assessments, evidence, priorities, report_cards]
MEETING = datetime.date(2026, 3, 12)


@pytest.mark.parametrize("model", STATEFUL, ids=lambda model: model.__name__)
def test_every_move_goes_between_real_states(model):
    assert_moves_go_between_real_states(model)
    for move in model.TRANSITIONS:
        assert move.perm is not None, f"{move.name}: a person's move names the permission it needs"


def test_every_move_the_services_make_is_in_a_table_and_none_names_its_states():
    assert_services_make_only_table_moves(SERVICES, STATEFUL)


def _stored(instance):
    return type(instance).objects.get(pk=instance.pk)


@pytest.fixture
def proposed(trust, commissioner):
    return priority_propose(priority=PriorityFactory(trust=trust, title="Ready for school"), by=commissioner)


def _approve(priority, by):
    return priority_approve(
        priority=priority, approved_by_body=BoardFactory(trust=priority.trust), meeting_date=MEETING, minute_reference="2026/14", by=by
    )


def test_a_stale_copy_of_a_priority_cannot_undo_its_approval(proposed, board_member, commissioner):
    stale = Priority.objects.get(pk=proposed.pk)
    _approve(proposed, board_member)
    assert stale.status == Priority.Status.PROPOSED  # the copy still says proposed
    with pytest.raises(InvalidTransition, match="This priority is approved by the board, so it can no longer be changed"):
        priority_update(priority=stale, by=commissioner, title="Renamed")
    stored = _stored(proposed)
    assert (stored.status, stored.title, stored.approval_minute_reference) == (Priority.Status.APPROVED, "Ready for school", "2026/14")


def test_a_stale_copy_of_a_priority_cannot_undo_its_retirement(proposed, commissioner):
    stale = Priority.objects.get(pk=proposed.pk)
    priority_retire(priority=proposed, by=commissioner, reason="Met")
    with pytest.raises(InvalidTransition, match="This priority is retired, so it can no longer be changed"):
        priority_update(priority=stale, by=commissioner, title="Renamed")
    with pytest.raises(InvalidTransition, match="This priority is retired"):
        priority_target_set(
            priority=stale,
            indicator=IndicatorFactory(),
            baseline_value=1,
            baseline_period="2024/25",
            target_value=2,
            target_period="2029/30",
            direction="increase",
            by=commissioner,
        )
    stored = _stored(proposed)
    assert stored.status == Priority.Status.RETIRED and stored.retired_on is not None and not stored.targets.exists()


def test_a_stale_copy_of_a_draft_priority_cannot_take_back_its_proposal(trust, commissioner):
    draft = PriorityFactory(trust=trust, title="Ready for school")
    stale = Priority.objects.get(pk=draft.pk)
    priority_propose(priority=draft, by=commissioner)
    changed = priority_update(priority=stale, by=commissioner, title="Every child ready for school")
    stored = _stored(draft)
    assert changed.title == stored.title == "Every child ready for school"
    assert stored.status == Priority.Status.PROPOSED  # not written back to draft


def test_a_priority_changed_since_its_form_was_shown_is_refused(trust, commissioner):
    priority = PriorityFactory(trust=trust, title="Ready for school")
    version = version_of(priority)
    priority_update(priority=priority, by=commissioner, title="Their title")
    with pytest.raises(StaleEdit, match="Someone else changed this priority while you were editing it"):
        priority_update(priority=priority, by=commissioner, version=version, title="My title")
    assert _stored(priority).title == "Their title"


def test_changing_only_the_evidence_behind_a_priority_moves_its_version(trust, commissioner):
    priority = PriorityFactory(trust=trust)
    version = version_of(priority)
    priority_update(priority=priority, by=commissioner, evidence=[EvidenceFactory(trust=trust)])
    with pytest.raises(StaleEdit):
        priority_update(priority=priority, by=commissioner, version=version, evidence=[])
    assert _stored(priority).evidence.count() == 1


@pytest.fixture
def draft(trust):
    assessment = AssessmentFactory(trust=trust, title="Plymouth needs assessment")
    assessment.evidence.set([EvidenceFactory(trust=trust)])
    return assessment


def test_a_stale_copy_of_an_assessment_cannot_change_it_once_published(draft, analyst):
    finding_add(assessment=draft, title="Absence is high", text="Above England.", by=analyst)
    stale = NeedsAssessment.objects.get(pk=draft.pk)
    assessment_publish(assessment=draft, by=analyst)
    refusal = "This needs assessment is published, so it can no longer be changed"
    with pytest.raises(InvalidTransition, match=refusal):
        assessment_update(assessment=stale, by=analyst, title="Renamed", evidence=[])
    with pytest.raises(InvalidTransition, match=refusal):
        finding_add(assessment=stale, title="Late", text="x", by=analyst)
    stored = _stored(draft)
    assert (stored.status, stored.title) == (NeedsAssessment.Status.PUBLISHED, "Plymouth needs assessment")
    assert stored.evidence.count() == 1 and stored.findings.count() == 1
    assert [f["title"] for f in stored.snapshot["findings"]] == ["Absence is high"]


def test_an_assessment_changed_since_its_form_was_shown_is_refused(draft, analyst):
    version = version_of(draft)
    assessment_update(assessment=draft, by=analyst, title="Their title")
    with pytest.raises(StaleEdit):
        assessment_update(assessment=draft, by=analyst, version=version, title="My title")
    assert _stored(draft).title == "Their title"


def test_changing_one_part_of_a_stale_report_card_leaves_the_rest_as_stored(trust, commissioner):
    card = ReportCardFactory(trust=trust, story_behind_the_curve="Absence rose after 2020.")
    stale = type(card).objects.get(pk=card.pk)
    report_card_update(card=card, by=commissioner, what_works="Mentors")
    report_card_update(card=stale, by=commissioner, story_behind_the_curve="Absence rose, then fell.")
    stored = _stored(card)
    assert (stored.story_behind_the_curve, stored.what_works) == ("Absence rose, then fell.", "Mentors")


def test_a_report_card_changed_since_its_form_was_shown_is_refused(trust, commissioner):
    card = ReportCardFactory(trust=trust)
    version = version_of(card)
    report_card_update(card=card, by=commissioner, headline_indicators=[IndicatorFactory()])
    with pytest.raises(StaleEdit, match="Someone else changed this report card while you were editing it"):
        report_card_update(card=card, by=commissioner, version=version, headline_indicators=[])
    assert _stored(card).headline_indicators.count() == 1
