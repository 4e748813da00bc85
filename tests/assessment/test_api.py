import pytest

from jointly.assessment.services.assessments import assessment_publish, finding_add

from .factories import AssessmentFactory, EvidenceFactory, PriorityFactory, PriorityTargetFactory


@pytest.fixture
def priority(trust):
    priority = PriorityFactory(trust=trust, title="Ready for school")
    PriorityTargetFactory(priority=priority, target_value=72)
    return priority


def test_priorities_with_targets_for_the_trusts_staff(commissioner_client, priority, other_trust):
    PriorityFactory(trust=other_trust)
    body = commissioner_client.get("/api/v1/priorities").json()
    assert [item["title"] for item in body["items"]] == ["Ready for school"]
    assert body["items"][0]["targets"][0]["target_value"] == 72
    assert body["items"][0]["approval"] is None


def test_another_trusts_priority_is_not_found(other_commissioner_client, priority):
    response = other_commissioner_client.get(f"/api/v1/priorities/{priority.pk}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_provider_may_not_list_priorities(provider_client, priority):
    assert provider_client.get("/api/v1/priorities").status_code == 403


def test_priorities_need_an_account(anonymous_client, priority):
    assert anonymous_client.get("/api/v1/priorities").status_code == 401


def test_published_assessments_are_public_drafts_are_not(anonymous_client, trust, analyst):
    draft = AssessmentFactory(trust=trust)
    draft.evidence.set([EvidenceFactory(trust=trust, title="Parents' views")])
    finding_add(assessment=draft, title="Finding", text="x", by=analyst)
    assert anonymous_client.get(f"/api/v1/needs-assessments/{draft.pk}").status_code == 404
    published = assessment_publish(assessment=draft, by=analyst)
    listing = anonymous_client.get("/api/v1/needs-assessments").json()
    assert [item["id"] for item in listing["items"]] == [published.pk]
    detail = anonymous_client.get(f"/api/v1/needs-assessments/{published.pk}").json()
    assert detail["content"]["evidence"][0]["title"] == "Parents' views"
