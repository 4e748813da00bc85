"""Role tests for every page: the trust's staff allowed, another trust's user 404, providers limited, anonymous signed out."""

import datetime

import pytest

from jointly.assessment.models import EvidenceItem, NeedsAssessment, Priority, ReportCardAction
from jointly.assessment.services.assessments import assessment_publish, finding_add
from jointly.assessment.services.report_cards import report_card_action_add
from jointly.partnerships.models import Sector

from ..conftest import signed_in_client
from ..factories import OrganisationFactory
from .factories import (
    AssessmentFactory,
    BoardFactory,
    EvidenceFactory,
    IndicatorFactory,
    PriorityFactory,
    ReportCardFactory,
    observe,
    outcome,
)


@pytest.fixture
def priority(trust):
    return PriorityFactory(trust=trust, title="Ready for school")


@pytest.fixture
def evidence(trust, provider_org):
    return EvidenceFactory(trust=trust, source_organisation=provider_org, status=EvidenceItem.Status.SUBMITTED)


@pytest.fixture
def draft(trust, analyst):
    assessment = AssessmentFactory(trust=trust)
    indicator = IndicatorFactory(name="Persistent absence")
    observe(indicator, trust.area, "2023/24", 20.0)
    observe(indicator, trust.area, "2024/25", 18.5)
    assessment.indicators.set([indicator])
    finding_add(assessment=assessment, title="Absence is high", text="Above England.", by=analyst)
    return assessment


@pytest.fixture
def published(draft, analyst):
    return assessment_publish(assessment=draft, by=analyst)


@pytest.fixture
def card(trust, commissioner):
    card = ReportCardFactory(trust=trust, story_behind_the_curve="Absence rose after 2020.")
    report_card_action_add(
        card=card, action="Attendance mentors in 10 schools", owner="Education welfare", due_on=datetime.date(2027, 7, 1), by=commissioner
    )
    return card


def _pages(priority, evidence, draft, card):
    return [
        "/assessment/",
        "/assessment/evidence/",
        f"/assessment/evidence/{evidence.pk}/",
        "/assessment/priorities/",
        f"/assessment/priorities/{priority.pk}/",
        f"/assessment/versions/{draft.pk}/",
        f"/assessment/report-cards/{card.pk}/",
    ]


def test_commissioner_and_analyst_see_every_staff_page(commissioner_client, analyst, priority, evidence, draft, card):
    for client in (commissioner_client, signed_in_client(analyst)):
        for url in _pages(priority, evidence, draft, card):
            response = client.get(url)
            assert response.status_code == 200, url


def test_another_trusts_user_gets_not_found(other_commissioner_client, priority, evidence, draft, card):
    for url in _pages(priority, evidence, draft, card)[2:]:
        if url.endswith("/priorities/"):
            continue
        assert other_commissioner_client.get(url).status_code == 404, url


def test_anonymous_is_sent_to_sign_in(anonymous_client, priority, evidence, draft, card):
    for url in _pages(priority, evidence, draft, card):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/sign-in" in response["Location"], url


def test_the_published_assessment_needs_no_account(anonymous_client, published):
    page = anonymous_client.get(f"/needs-assessments/{published.pk}/")
    assert page.status_code == 200
    assert "Absence is high" in page.content.decode()
    assert "18.5" in page.content.decode()
    assert anonymous_client.get("/needs-assessments/").status_code == 200


def test_a_draft_is_not_public(anonymous_client, draft):
    assert anonymous_client.get(f"/needs-assessments/{draft.pk}/").status_code == 404


def test_pdf_is_a_real_pdf(anonymous_client, published):
    response = anonymous_client.get(f"/needs-assessments/{published.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 1000


def test_evidence_list_shows_the_vcs_share(commissioner_client, trust):
    from .factories import VcsOrganisationFactory

    EvidenceFactory(trust=trust, source_organisation=VcsOrganisationFactory()).outcome_areas.set([outcome("be-healthy")])
    council = OrganisationFactory(sector=Sector.LOCAL_AUTHORITY)
    EvidenceFactory(trust=trust, source_organisation=council).outcome_areas.set([outcome("be-healthy")])
    page = commissioner_client.get(f"/assessment/evidence/?trust={trust.slug}").content.decode()
    assert "1 of 2 items (50.0%)" in page
    assert "<svg" in page and "Figures: evidence from the VCSE</caption>" in page
    assert "charities, community groups, social enterprises, co-operatives and mutuals" in page


def test_evidence_list_has_bounded_queries(commissioner_client, trust, django_assert_max_num_queries):
    for _ in range(15):
        EvidenceFactory(trust=trust).outcome_areas.set([outcome("be-healthy"), outcome("stay-safe")])
    with django_assert_max_num_queries(25):
        assert commissioner_client.get("/assessment/evidence/").status_code == 200


def test_a_provider_submits_evidence(provider_client, provider_org, trust):
    response = provider_client.post(
        "/assessment/evidence/new/",
        {
            "title": "Young carers miss school",
            "summary": "Half miss a day a week.",
            "kind": "vcs_intelligence",
            "source_organisation": provider_org.pk,
            "outcome_areas": [outcome("enjoy-and-achieve").pk],
            "groups": ["young_carers"],
            "dated_0": "1",
            "dated_1": "5",
            "dated_2": "2026",
        },
    )
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert (item.status, item.source_organisation, item.groups) == ("submitted", provider_org, ["young_carers"])


def test_evidence_form_errors_are_for_people(provider_client):
    page = provider_client.post("/assessment/evidence/new/", {}).content.decode()
    assert "There is a problem" in page
    assert "Enter a title for the evidence" in page
    assert "Enter the date the evidence was gathered" in page
    assert not EvidenceItem.objects.exists()


def test_a_provider_sees_its_own_evidence_not_anothers(provider_client, other_provider_client, evidence):
    assert provider_client.get(f"/assessment/evidence/{evidence.pk}/").status_code == 200
    assert other_provider_client.get(f"/assessment/evidence/{evidence.pk}/").status_code == 404


def test_a_provider_cannot_accept_evidence_or_see_priorities_or_publish(provider_client, evidence, priority, draft):
    assert provider_client.post(f"/assessment/evidence/{evidence.pk}/", {"decision": "accept"}).status_code == 403
    evidence.refresh_from_db()
    assert evidence.status == EvidenceItem.Status.SUBMITTED
    assert provider_client.get(f"/assessment/priorities/{priority.pk}/").status_code == 403
    assert provider_client.post(f"/assessment/versions/{draft.pk}/publish/").status_code == 403
    draft.refresh_from_db()
    assert draft.status == NeedsAssessment.Status.DRAFT


def test_an_analyst_accepts_evidence(analyst, evidence):
    response = signed_in_client(analyst).post(f"/assessment/evidence/{evidence.pk}/", {"decision": "accept", "note": ""})
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert evidence.status == EvidenceItem.Status.ACCEPTED


def test_declining_without_a_reason_is_refused(analyst, evidence):
    page = signed_in_client(analyst).post(f"/assessment/evidence/{evidence.pk}/", {"decision": "decline", "note": ""})
    assert "Say why this evidence is not being used" in page.content.decode()


def test_commissioner_publishes_and_starts_the_next_draft(commissioner_client, draft):
    response = commissioner_client.post(f"/assessment/versions/{draft.pk}/publish/")
    draft.refresh_from_db()
    assert draft.status == NeedsAssessment.Status.PUBLISHED
    assert response["Location"] == f"/needs-assessments/{draft.pk}/"
    response = commissioner_client.post(f"/assessment/versions/{draft.pk}/new-draft/")
    nxt = NeedsAssessment.objects.get(previous=draft)
    assert response["Location"] == f"/assessment/versions/{nxt.pk}/"


def test_commissioner_adds_a_finding(commissioner_client, draft):
    response = commissioner_client.post(f"/assessment/versions/{draft.pk}/", {"form": "finding", "title": "New", "text": "Found"})
    assert response.status_code == 302
    assert draft.findings.filter(title="New").exists()


def test_board_member_records_approval_but_cannot_propose(board_member, trust, priority, commissioner_client):
    board = BoardFactory(trust=trust)
    client = signed_in_client(board_member)
    assert client.post(f"/assessment/priorities/{priority.pk}/propose/").status_code == 403
    commissioner_client.post(f"/assessment/priorities/{priority.pk}/propose/")
    response = client.post(
        f"/assessment/priorities/{priority.pk}/approve/",
        {
            "approved_by_body": board.pk,
            "meeting_date_0": "12",
            "meeting_date_1": "3",
            "meeting_date_2": "2026",
            "minute_reference": "2026/14",
        },
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.status, priority.approval_recorded_by) == (Priority.Status.APPROVED, board_member)


def test_an_analyst_cannot_record_approval(analyst, priority):
    assert signed_in_client(analyst).get(f"/assessment/priorities/{priority.pk}/approve/").status_code == 403


def test_approval_form_explains_missing_details(commissioner_client, trust, priority):
    BoardFactory(trust=trust)
    commissioner_client.post(f"/assessment/priorities/{priority.pk}/propose/")
    page = commissioner_client.post(f"/assessment/priorities/{priority.pk}/approve/", {}).content.decode()
    assert "Select the board that approved it" in page
    assert "Enter the date of the board meeting" in page


def test_commissioner_creates_a_priority_and_target(commissioner_client, trust):
    response = commissioner_client.post(
        f"/assessment/priorities/new/?trust={trust.slug}",
        {
            "title": "Fewer children missing school",
            "period": "2027–2030",
            "outcome_area": outcome("enjoy-and-achieve").pk,
        },
    )
    priority = Priority.objects.get()
    assert response["Location"] == f"/assessment/priorities/{priority.pk}/"
    indicator = IndicatorFactory()
    response = commissioner_client.post(
        f"/assessment/priorities/{priority.pk}/targets/add/",
        {
            "indicator": indicator.pk,
            "direction": "decrease",
            "baseline_value": "18.5",
            "baseline_period": "2024/25",
            "target_value": "15",
            "target_period": "2029/30",
        },
    )
    assert response.status_code == 302
    assert priority.targets.get().target_value == 15


def test_report_card_shows_the_story_and_action_plan(commissioner_client, card):
    page = commissioner_client.get(f"/assessment/report-cards/{card.pk}/").content.decode()
    assert "The story behind the curve" in page and "Absence rose after 2020." in page
    assert "Attendance mentors in 10 schools" in page


def test_commissioner_moves_an_action(commissioner_client, card):
    action = card.actions.get()
    commissioner_client.post(f"/assessment/report-cards/{card.pk}/actions/{action.pk}/status/", {"move": "start"})
    action.refresh_from_db()
    assert action.status == ReportCardAction.Status.IN_PROGRESS


def test_evaluator_reads_but_cannot_manage(evaluator, card, draft):
    client = signed_in_client(evaluator)
    assert client.get(f"/assessment/report-cards/{card.pk}/").status_code == 200
    assert client.post(f"/assessment/versions/{draft.pk}/publish/").status_code == 403


def test_pages_have_bounded_queries(commissioner_client, trust, card, published, django_assert_max_num_queries):
    for _ in range(8):
        priority = PriorityFactory(trust=trust)
        from .factories import PriorityTargetFactory

        PriorityTargetFactory(priority=priority)
        card.headline_indicators.add(IndicatorFactory())
    with django_assert_max_num_queries(25):
        assert commissioner_client.get("/assessment/priorities/").status_code == 200
    with django_assert_max_num_queries(30):
        assert commissioner_client.get(f"/assessment/report-cards/{card.pk}/").status_code == 200
    with django_assert_max_num_queries(15):
        assert commissioner_client.get(f"/needs-assessments/{published.pk}/").status_code == 200


def test_commissioner_writes_the_report_card(commissioner_client, card, provider_org):
    url = f"/assessment/report-cards/{card.pk}"
    assert (
        commissioner_client.post(f"{url}/change/", {"title": card.title, "story_behind_the_curve": "New story", "what_works": "Mentors"}).status_code
        == 302
    )
    assert commissioner_client.post(f"{url}/partners/add/", {"organisation": provider_org.pk, "role": "Finds carers"}).status_code == 302
    assert (
        commissioner_client.post(
            f"{url}/actions/add/", {"action": "Train staff", "owner": "EWS", "due_on_0": "1", "due_on_1": "9", "due_on_2": "2027"}
        ).status_code
        == 302
    )
    card.refresh_from_db()
    assert card.story_behind_the_curve == "New story"
    assert card.partners.get().role == "Finds carers"
    assert card.actions.filter(action="Train staff").exists()
    page = commissioner_client.post(f"{url}/actions/add/", {}).content.decode()
    assert "Enter the action" in page and "Enter the due date" in page


def test_measures_on_a_service_card(commissioner_client, trust):
    card = ReportCardFactory(trust=trust, kind="service", service_name="Young carers")
    response = commissioner_client.post(
        f"/assessment/report-cards/{card.pk}/measures/add/",
        {"category": "how_well", "name": "Assessed in 28 days", "value": "86", "unit": "%", "period": "2025/26"},
    )
    assert response.status_code == 302
    page = commissioner_client.get(f"/assessment/report-cards/{card.pk}/").content.decode()
    assert "How well did we do it?" in page and "Assessed in 28 days" in page


def test_report_card_started_from_a_priority(commissioner_client, priority):
    from .factories import PriorityTargetFactory

    target = PriorityTargetFactory(priority=priority)
    response = commissioner_client.post(f"/assessment/priorities/{priority.pk}/report-card/")
    card = priority.report_cards.get()
    assert response["Location"] == f"/assessment/report-cards/{card.pk}/"
    assert list(card.headline_indicators.all()) == [target.indicator]


def test_report_card_writing_is_for_managers(board_member, provider_client, other_commissioner_client, card):
    assert signed_in_client(board_member).get(f"/assessment/report-cards/{card.pk}/change/").status_code == 403
    assert provider_client.get(f"/assessment/report-cards/{card.pk}/").status_code == 403
    assert other_commissioner_client.get(f"/assessment/report-cards/{card.pk}/change/").status_code == 404


def test_commissioner_changes_a_draft_priority_not_an_approved_one(commissioner_client, priority, trust, board_member):
    data = {"title": "Every child in school every day", "period": "2027–2030", "outcome_area": priority.outcome_area.pk}
    assert commissioner_client.post(f"/assessment/priorities/{priority.pk}/change/", data).status_code == 302
    priority.refresh_from_db()
    assert priority.title == "Every child in school every day"
    from jointly.assessment.services.priorities import priority_approve, priority_propose

    priority_approve(
        priority=priority_propose(priority=priority, by=board_member),
        approved_by_body=BoardFactory(trust=trust),
        meeting_date=datetime.date(2026, 3, 1),
        minute_reference="1",
        by=board_member,
    )
    page = commissioner_client.post(f"/assessment/priorities/{priority.pk}/change/", {**data, "title": "Other"}).content.decode()
    assert "This priority is approved by the board, so it can no longer be changed." in page
    priority.refresh_from_db()
    assert priority.title == "Every child in school every day"


def test_evidence_places_must_be_in_the_trusts_area(provider_client, provider_org, trust, other_trust):
    from ..factories import AreaFactory

    ward = AreaFactory(parent=trust.area, kind="ward", code="E05000001")
    elsewhere = AreaFactory(parent=other_trust.area, kind="ward", code="E05000002")
    base = {
        "title": "T",
        "summary": "S",
        "kind": "vcs_intelligence",
        "source_organisation": provider_org.pk,
        "dated_0": "1",
        "dated_1": "5",
        "dated_2": "2026",
    }
    page = provider_client.post("/assessment/evidence/new/", {**base, "places": [elsewhere.pk]}).content.decode()
    assert "There is a problem" in page and not EvidenceItem.objects.exists()
    assert provider_client.post("/assessment/evidence/new/", {**base, "places": [ward.pk]}).status_code == 302
    assert list(EvidenceItem.objects.get().places.all()) == [ward]


@pytest.mark.parametrize("status", [Priority.Status.DRAFT, Priority.Status.APPROVED, Priority.Status.RETIRED])
@pytest.mark.parametrize("method", ["get", "post"])
def test_approval_page_of_a_priority_that_is_not_proposed_explains_and_changes_nothing(commissioner_client, trust, status, method):
    # Regression: the page answered 500 (an error added to a form that had not been cleaned).
    board = BoardFactory(trust=trust)
    priority = PriorityFactory(trust=trust, status=status)
    response = getattr(commissioner_client, method)(
        f"/assessment/priorities/{priority.pk}/approve/",
        {
            "approved_by_body": board.pk,
            "meeting_date_0": "12",
            "meeting_date_1": "3",
            "meeting_date_2": "2026",
            "minute_reference": "2026/14",
        }
        if method == "post"
        else None,
    )
    assert (response.status_code, response["Location"]) == (302, priority.get_absolute_url())
    page = commissioner_client.get(response["Location"]).content.decode()
    assert f"This priority is {priority.get_status_display().lower()}; only a proposed priority can be approved." in page
    priority.refresh_from_db()
    assert priority.status == status and priority.approved_by_body is None
