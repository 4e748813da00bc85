"""The assessment's pages offer each move only to the people it is open to now, and show every refusal in words."""

import datetime
import re

import pytest

from jointly.assessment.models import EvidenceItem, NeedsAssessment, Priority, ReportCardAction
from jointly.assessment.services.assessments import assessment_publish, finding_add
from jointly.assessment.services.priorities import priority_approve, priority_propose
from jointly.assessment.services.report_cards import report_card_action_add, report_card_action_move

from ..conftest import signed_in_client
from .factories import (
    AssessmentFactory,
    BoardFactory,
    EvidenceFactory,
    IndicatorFactory,
    PriorityFactory,
    ReportCardFactory,
    observe,
)

MEETING = datetime.date(2026, 3, 12)
BUTTONS = {
    "approve": "Record the board's approval",
    "propose": "Propose to the board",
    "withdraw": "Withdraw the proposal",
    "retire": "Retire this priority",
    "change": "Change the priority or the evidence behind it",
    "target": "Add a target",
    "card": "Start a report card for this priority",
}


def _offered(client, priority) -> set[str]:
    page = client.get(f"/assessment/priorities/{priority.pk}/").content.decode()
    return {name for name, text in BUTTONS.items() if text in page}


def _in_state(trust, status, by):
    priority = PriorityFactory(trust=trust)
    if status == Priority.Status.DRAFT:
        return priority
    priority = priority_propose(priority=priority, by=by)
    if status == Priority.Status.APPROVED:
        priority = priority_approve(priority=priority, approved_by_body=BoardFactory(trust=trust), meeting_date=MEETING, minute_reference="1", by=by)
    if status == Priority.Status.RETIRED:
        priority.status = Priority.Status.RETIRED
        priority.save()
    return priority


@pytest.mark.parametrize(
    ("status", "commissioner_sees", "board_member_sees"),
    [
        ("draft", {"propose", "retire", "change", "target", "card"}, set()),
        ("proposed", {"approve", "withdraw", "retire", "change", "target", "card"}, {"approve"}),
        ("approved", {"retire", "card"}, set()),
        ("retired", set(), set()),
    ],
)
def test_a_priority_offers_only_the_moves_open_to_that_person_now(trust, commissioner, board_member, status, commissioner_sees, board_member_sees):
    priority = _in_state(trust, status, commissioner)
    assert _offered(signed_in_client(commissioner), priority) == commissioner_sees
    assert _offered(signed_in_client(board_member), priority) == board_member_sees


def test_the_evaluator_is_offered_nothing(trust, evaluator, commissioner):
    priority = _in_state(trust, "proposed", commissioner)
    client = signed_in_client(evaluator)
    assert client.get(f"/assessment/priorities/{priority.pk}/").status_code == 200
    assert _offered(client, priority) == set()


def test_a_move_made_already_is_refused_in_words_on_the_page(commissioner_client, trust):
    priority = PriorityFactory(trust=trust)
    response = commissioner_client.post(f"/assessment/priorities/{priority.pk}/withdraw/")
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "This priority is draft, so you cannot withdraw it. You can withdraw it only when it is proposed to the board." in page
    priority.refresh_from_db()
    assert priority.status == Priority.Status.DRAFT


def test_a_report_card_is_not_started_for_a_retired_priority(commissioner_client, trust, commissioner):
    priority = _in_state(trust, "retired", commissioner)
    page = commissioner_client.post(f"/assessment/priorities/{priority.pk}/report-card/").content.decode()
    assert "There is a problem" in page and "This priority is retired, so no new report card can be started for it." in page
    assert not priority.report_cards.exists()


def _version(page: str) -> str:
    return re.search(r'name="version" value="([0-9a-f]+)"', page).group(1)


def test_two_people_changing_one_priority_cannot_overwrite_each_other(commissioner_client, trust):
    priority = PriorityFactory(trust=trust, title="Ready for school")
    url = f"/assessment/priorities/{priority.pk}/change/"
    data = {
        "title": "Ready for school",
        "period": "2027–2030",
        "outcome_area": priority.outcome_area.pk,
        "version": _version(commissioner_client.get(url).content.decode()),
    }
    # Someone else saves first, from a form they opened at the same time.
    assert commissioner_client.post(url, {**data, "description": "Their change"}).status_code == 302
    page = commissioner_client.post(url, {**data, "description": "My change"}).content.decode()
    assert "There is a problem" in page and "Someone else changed this priority while you were editing it" in page
    priority.refresh_from_db()
    assert priority.description == "Their change"


def test_a_priority_form_opened_before_the_board_approved_it_is_refused(commissioner_client, commissioner, trust):
    priority = _in_state(trust, "proposed", commissioner)
    url = f"/assessment/priorities/{priority.pk}/change/"
    version = _version(commissioner_client.get(url).content.decode())
    priority_approve(priority=priority, approved_by_body=BoardFactory(trust=trust), meeting_date=MEETING, minute_reference="1", by=commissioner)
    page = commissioner_client.post(
        url, {"title": "Renamed", "period": "2027–2030", "outcome_area": priority.outcome_area.pk, "version": version}
    ).content.decode()
    assert "There is a problem" in page and "This priority is approved by the board, so it can no longer be changed." in page
    stored = Priority.objects.get(pk=priority.pk)
    assert (stored.status, stored.title) == (Priority.Status.APPROVED, priority.title)


def test_two_people_changing_one_report_card_cannot_overwrite_each_other(commissioner_client, trust):
    card = ReportCardFactory(trust=trust, title="Attendance")
    url = f"/assessment/report-cards/{card.pk}/change/"
    data = {"title": "Attendance", "version": _version(commissioner_client.get(url).content.decode())}
    assert commissioner_client.post(url, {**data, "story_behind_the_curve": "Their story"}).status_code == 302
    page = commissioner_client.post(url, {**data, "story_behind_the_curve": "My story"}).content.decode()
    assert "There is a problem" in page and "Someone else changed this report card while you were editing it" in page
    card.refresh_from_db()
    assert card.story_behind_the_curve == "Their story"


def _choices(client, item) -> set[str]:
    page = client.get(f"/assessment/evidence/{item.pk}/").content.decode()
    return {value for value in ("accept", "decline") if re.search(rf'name="decision"[^>]*value="{value}"', page)}


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        ("submitted", {"accept", "decline"}),
        ("declined", {"accept"}),
        ("accepted", set()),
    ],
)
def test_evidence_offers_the_decisions_open_now_and_only_to_the_trusts_staff(analyst, provider_client, trust, provider_org, status, offered):
    item = EvidenceFactory(trust=trust, source_organisation=provider_org, status=status)
    assert _choices(signed_in_client(analyst), item) == offered
    assert _choices(provider_client, item) == set()


def test_a_decision_someone_made_first_is_refused_in_words(analyst, trust, provider_org):
    item = EvidenceFactory(trust=trust, source_organisation=provider_org, status=EvidenceItem.Status.ACCEPTED)
    page = signed_in_client(analyst).post(f"/assessment/evidence/{item.pk}/", {"decision": "decline", "note": "Too late"})
    assert "This evidence item is accepted into the assessment, so you cannot decline it." in page.content.decode()
    item.refresh_from_db()
    assert item.status == EvidenceItem.Status.ACCEPTED


def test_an_action_offers_only_the_moves_open_now_and_only_to_the_trusts_staff(commissioner_client, evaluator, trust, commissioner):
    card = ReportCardFactory(trust=trust)
    waiting = report_card_action_add(card=card, action="Mentors", owner="EWS", due_on=datetime.date(2027, 1, 1), by=commissioner)
    started = report_card_action_add(card=card, action="Champions", owner="EWS", due_on=datetime.date(2027, 2, 1), by=commissioner)
    report_card_action_move(action=started, move="start", by=commissioner)
    done = report_card_action_add(card=card, action="Guidance", owner="EWS", due_on=datetime.date(2027, 3, 1), by=commissioner)
    report_card_action_move(action=done, move="complete", by=commissioner)
    page = commissioner_client.get(f"/assessment/report-cards/{card.pk}/").content.decode()
    options = {pk: re.findall(r'<option value="(\w+)">', select) for pk, select in re.findall(r'id="status-(\d+)" name="move">(.*?)</select>', page)}
    assert options == {str(waiting.pk): ["start", "complete", "drop"], str(started.pk): ["complete", "drop"]}
    assert 'name="move"' not in signed_in_client(evaluator).get(f"/assessment/report-cards/{card.pk}/").content.decode()


def test_an_action_moved_already_is_refused_in_words(commissioner_client, trust, commissioner):
    card = ReportCardFactory(trust=trust)
    action = report_card_action_add(card=card, action="Mentors", owner="EWS", due_on=datetime.date(2027, 1, 1), by=commissioner)
    report_card_action_move(action=action, move="drop", by=commissioner)
    page = commissioner_client.post(f"/assessment/report-cards/{card.pk}/actions/{action.pk}/status/", {"move": "start"}).content.decode()
    assert "There is a problem" in page
    assert "This report card action is dropped, so you cannot start it. You can start it only when it is not started." in page
    action.refresh_from_db()
    assert action.status == ReportCardAction.Status.DROPPED


@pytest.fixture
def draft(trust, analyst):
    assessment = AssessmentFactory(trust=trust)
    indicator = IndicatorFactory(name="Persistent absence")
    observe(indicator, trust.area, "2024/25", 18.5)
    assessment.indicators.set([indicator])
    finding_add(assessment=assessment, title="Absence is high", text="Above England.", by=analyst)
    return assessment


def test_publishing_is_offered_only_to_the_trusts_staff_and_only_for_a_draft(commissioner_client, evaluator, draft):
    url = f"/assessment/versions/{draft.pk}/"
    assert "Publish version 1" in commissioner_client.get(url).content.decode()
    assert "Publish version 1" not in signed_in_client(evaluator).get(url).content.decode()


def test_publishing_gives_every_problem_at_once(commissioner_client, trust):
    empty = AssessmentFactory(trust=trust)
    page = commissioner_client.post(f"/assessment/versions/{empty.pk}/publish/").content.decode()
    assert "There is a problem" in page
    assert "Add at least one finding before publishing." in page
    assert "Choose the indicators or evidence the assessment draws on before publishing." in page
    empty.refresh_from_db()
    assert empty.status == NeedsAssessment.Status.DRAFT


def test_a_finding_sent_after_publication_is_refused_in_words(commissioner_client, draft, analyst):
    url = f"/assessment/versions/{draft.pk}/"
    assert 'value="finding"' in commissioner_client.get(url).content.decode()
    assessment_publish(assessment=draft, by=analyst)
    page = commissioner_client.post(url, {"form": "finding", "title": "Late", "text": "Found"}).content.decode()
    assert "There is a problem" in page and "This needs assessment is published, so it can no longer be changed." in page
    assert not draft.findings.filter(title="Late").exists()


def test_the_next_version_is_offered_once(commissioner_client, draft, analyst):
    published = assessment_publish(assessment=draft, by=analyst)
    url = f"/needs-assessments/{published.pk}/"
    assert "Start version 2 from this one" in commissioner_client.get(url).content.decode()
    assert commissioner_client.post(f"/assessment/versions/{published.pk}/new-draft/").status_code == 302
    assert "Start version 2 from this one" not in commissioner_client.get(url).content.decode()
    page = commissioner_client.post(f"/assessment/versions/{published.pk}/new-draft/").content.decode()
    assert "There is a problem" in page and "A later version of this needs assessment has already been started." in page
    assert NeedsAssessment.objects.filter(previous=published).count() == 1


def test_starting_an_assessment_explains_what_is_wrong(commissioner_client, trust, draft):
    page = commissioner_client.post("/assessment/new/", {"trust": trust.slug, "period": ""}).content.decode()
    assert "There is a problem" in page and "Enter the plan period, for example 2027–2030" in page
    page = commissioner_client.post("/assessment/new/", {"trust": trust.slug, "period": draft.period}).content.decode()
    assert "This trust already has a needs assessment for that period." in page
    assert NeedsAssessment.objects.filter(trust=trust).count() == 1
    response = commissioner_client.post("/assessment/new/", {"trust": trust.slug, "period": "2030–2033"})
    assert response["Location"] == NeedsAssessment.objects.get(period="2030–2033").get_absolute_url()
