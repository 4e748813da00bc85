"""API: the map's entries and each priority's analysis, with the pages' permissions."""

import json

import pytest

from jointly.mapping import services
from jointly.mapping.models import EfficacyJudgement, MapEntry

from ..assessment.factories import EvidenceFactory, PriorityFactory
from ..conftest import signed_in_client
from .factories import directory_service

pytestmark = pytest.mark.django_db


def _paths(trust, priority):
    return [f"/api/v1/map/{trust.slug}/entries", f"/api/v1/map/{trust.slug}/priorities", f"/api/v1/map/{trust.slug}/priorities/{priority.pk}"]


def test_every_endpoint_follows_the_page_permissions(
    anonymous_client, commissioner_client, board_member, evaluator, other_commissioner_client, provider_client, trust, small_map, priority
):
    for path in _paths(trust, priority):
        assert anonymous_client.get(path).status_code == 401, path
        assert other_commissioner_client.get(path).status_code == 404, path
        refused = provider_client.get(path)
        assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json", path
        for client in (commissioner_client, signed_in_client(board_member), signed_in_client(evaluator)):
            assert client.get(path).status_code == 200, path


def test_another_trusts_priority_is_not_found_under_this_trust(commissioner_client, trust, other_trust, small_map):
    theirs = PriorityFactory(trust=other_trust)
    assert commissioner_client.get(f"/api/v1/map/{trust.slug}/priorities/{theirs.pk}").status_code == 404


def test_entries_list_each_service_with_priorities_cost_and_judgement(commissioner_client, trust, small_map, priority, commissioner):
    club, council = small_map["services"]
    services.judgement_record(entry=small_map["entries"][0], rating="promising", evidence_summary="Good attendance.", by=commissioner)
    body = commissioner_client.get(f"/api/v1/map/{trust.slug}/entries").json()
    assert body["count"] == 2
    by_name = {item["name"]: item for item in body["items"]}
    homework = by_name["Homework club"]
    assert homework["service_id"] == str(club.uuid) and homework["priority_ids"] == [priority.pk]
    assert homework["cost"] == "750.00" and homework["in_house"] is False and homework["area_codes"] == ["E07000901"]
    assert homework["current_judgement"]["rating"] == "promising"
    assert by_name["Council young carers service"]["in_house"] is True
    assert by_name["Council young carers service"]["cost"] is None


def test_a_prioritys_analysis_gives_need_gaps_overlaps_and_prevention_share(commissioner_client, trust, small_map, priority):
    club, council = small_map["services"]
    body = commissioner_client.get(f"/api/v1/map/{trust.slug}/priorities/{priority.pk}").json()
    assert body["outcome"] == "enjoy-and-achieve" and body["year"] == "2026-27"
    assert body["gaps"] == {"places": ["E05000003"], "groups": ["disabled_children"], "places_need_not_known": []}
    assert [(o["group"], o["place"], set(o["service_ids"])) for o in body["overlaps"]] == [
        ("young_carers", "E05000001", {str(club.uuid), str(council.uuid)}),
        ("young_carers", "E05000002", {str(club.uuid), str(council.uuid)}),
    ]
    ward_c = next(p for p in body["places"] if p["code"] == "E05000003")
    assert ward_c["need"] is True and ward_c["map_class"] == "gap" and ward_c["service_ids"] == []
    assert ward_c["readings"][0]["value"] == 55.0 and ward_c["readings"][0]["comparator"] == 60.0
    # The £750 on the homework club is the priority's spend (all prevention); the £250 naming only the priority is apart.
    assert body["prevention"]["spend_share_percent"] == "100.0" and body["prevention"]["spend_total"] == "750.00"
    assert body["other_spend"] == "250.00"
    summary = commissioner_client.get(f"/api/v1/map/{trust.slug}/priorities").json()["items"]
    assert [(s["title"], s["place_gaps"], s["group_gaps"], s["overlaps"]) for s in summary] == [("Children achieve", 1, 1, 2)]


# --- Writes -----------------------------------------------------------------------


def _post(client, path, body):
    return client.post(path, json.dumps(body), content_type="application/json")


def _fields(response) -> dict:
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json", response.content
    return {error["field"]: error["message"] for error in response.json()["errors"]}


@pytest.fixture
def unmapped(trust):
    return directory_service(trust=trust, areas=[trust.area], name="Youth club")


def test_mapping_a_service_through_the_api(commissioner_client, commissioner, trust, small_map, priority, unmapped):
    response = _post(
        commissioner_client,
        f"/api/v1/map/{trust.slug}/entries",
        {"service_id": str(unmapped.uuid), "priority_ids": [priority.pk], "note": "Open evenings"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    entry = MapEntry.objects.get(pk=body["id"])
    assert (entry.service, entry.note, entry.created_by, list(entry.priorities.all())) == (unmapped, "Open evenings", commissioner, [priority])
    assert body == {
        "id": entry.pk,
        "service_id": str(unmapped.uuid),
        "name": "Youth club",
        "status": "on_map",
        "priority_ids": [priority.pk],
        "note": "Open evenings",
    }
    second = PriorityFactory(trust=trust)
    changed = _post(commissioner_client, f"/api/v1/map/{trust.slug}/entries/{entry.pk}/priorities", {"priority_ids": [second.pk]})
    assert changed.status_code == 200 and changed.json()["priority_ids"] == [second.pk]
    assert list(entry.priorities.all()) == [second] and MapEntry.objects.get(pk=entry.pk).note == "Open evenings"


def test_bad_mapping_input_names_each_field(commissioner_client, trust, other_trust, small_map, priority, unmapped):
    path = f"/api/v1/map/{trust.slug}/entries"
    theirs = PriorityFactory(trust=other_trust, title="Essex priority")
    unknown = _fields(_post(commissioner_client, path, {"service_id": "6d1f2a8e-0000-4000-8000-000000000000", "priority_ids": [priority.pk]}))
    assert unknown == {"service_id": "No service in the directory has the id 6d1f2a8e-0000-4000-8000-000000000000"}
    assert set(_fields(_post(commissioner_client, path, {"service_id": "not-a-uuid", "priority_ids": [priority.pk]}))) == {"service_id"}
    # Another trust's priority is refused like one that does not exist, without naming it.
    foreign = _fields(_post(commissioner_client, path, {"service_id": str(unmapped.uuid), "priority_ids": [priority.pk, theirs.pk]}))
    assert foreign == {"priority_ids": f"This trust has no priority with the id {theirs.pk}"}
    assert _fields(_post(commissioner_client, path, {"service_id": str(unmapped.uuid), "priority_ids": []})) == {
        "priority_ids": "Select at least one priority the service serves"
    }
    club = small_map["services"][0]
    assert (
        "already on the map" in _fields(_post(commissioner_client, path, {"service_id": str(club.uuid), "priority_ids": [priority.pk]}))["service_id"]
    )
    elsewhere = directory_service(areas=[], name="Far away service")
    assert (
        "is not a service of the trust's partners"
        in _fields(_post(commissioner_client, path, {"service_id": str(elsewhere.uuid), "priority_ids": [priority.pk]}))["service_id"]
    )
    assert "priority_ids" in _fields(_post(commissioner_client, path, {"service_id": str(unmapped.uuid)}))
    assert MapEntry.objects.filter(service=unmapped).count() == 0


def test_recording_a_judgement_through_the_api(commissioner_client, commissioner, trust, other_trust, small_map):
    entry = small_map["entries"][0]
    path = f"/api/v1/map/{trust.slug}/entries/{entry.pk}/judgements"
    evidence = EvidenceFactory(trust=trust, title="Evaluation 2025")
    theirs = EvidenceFactory(trust=other_trust, title="Their evaluation")
    response = _post(commissioner_client, path, {"rating": "promising", "evidence_summary": "Attendance up a third.", "evidence_ids": [evidence.pk]})
    assert response.status_code == 201, response.content
    judgement = EfficacyJudgement.objects.get(pk=response.json()["id"])
    assert (judgement.entry, judgement.rating, judgement.judged_by, list(judgement.evidence.all())) == (entry, "promising", commissioner, [evidence])
    assert response.json()["evidence_ids"] == [evidence.pk] and response.json()["entry_id"] == entry.pk
    bad = _fields(_post(commissioner_client, path, {"rating": "brilliant", "evidence_summary": " "}))
    assert bad == {
        "rating": "Select how strong the evidence is that the service works",
        "evidence_summary": "Enter the evidence the judgement rests on",
    }
    assert _fields(_post(commissioner_client, path, {"rating": "strong", "evidence_summary": "x", "evidence_ids": [theirs.pk]})) == {
        "evidence_ids": f"This trust has no accepted evidence with the id {theirs.pk}"
    }
    assert EfficacyJudgement.objects.count() == 1


def test_writes_follow_the_page_permissions(
    anonymous_client, analyst, board_member, other_commissioner_client, provider_client, trust, small_map, priority, unmapped
):
    entry = small_map["entries"][0]
    writes = [
        (f"/api/v1/map/{trust.slug}/entries", {"service_id": str(unmapped.uuid), "priority_ids": [priority.pk]}),
        (f"/api/v1/map/{trust.slug}/entries/{entry.pk}/priorities", {"priority_ids": [priority.pk]}),
        (f"/api/v1/map/{trust.slug}/entries/{entry.pk}/judgements", {"rating": "strong", "evidence_summary": "Trial"}),
    ]
    for path, body in writes:
        assert _post(anonymous_client, path, body).status_code == 401, path
        assert _post(other_commissioner_client, path, body).status_code == 404, path
        for client in (provider_client, signed_in_client(board_member)):
            refused = _post(client, path, body)
            assert refused.status_code == 403 and refused["Content-Type"] == "application/problem+json", path
    assert not EfficacyJudgement.objects.exists() and not MapEntry.objects.filter(service=unmapped).exists()
    # An analyst manages the map (MAP_MANAGE), as on the pages.
    analyst_client = signed_in_client(analyst)
    assert [_post(analyst_client, path, body).status_code for path, body in writes] == [201, 200, 201]


def test_an_entry_of_another_trust_is_not_found(other_commissioner_client, other_trust, small_map):
    entry = small_map["entries"][0]
    assert (
        _post(
            other_commissioner_client,
            f"/api/v1/map/{other_trust.slug}/entries/{entry.pk}/judgements",
            {"rating": "strong", "evidence_summary": "Trial"},
        ).status_code
        == 404
    )
