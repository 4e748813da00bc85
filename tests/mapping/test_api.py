"""API: the map's entries and each priority's analysis, with the pages' permissions."""

import pytest

from jointly.mapping import services

from ..assessment.factories import PriorityFactory
from ..conftest import signed_in_client

pytestmark = pytest.mark.django_db


def _paths(trust, priority):
    return [f"/api/v1/map/{trust.slug}/entries", f"/api/v1/map/{trust.slug}/priorities", f"/api/v1/map/{trust.slug}/priorities/{priority.pk}"]


def test_every_endpoint_follows_the_page_permissions(anonymous_client, commissioner_client, board_member, evaluator,
                                                     other_commissioner_client, provider_client, trust, small_map, priority):
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
    assert body["outcome"] == "enjoy_and_achieve" and body["year"] == "2026-27"
    assert body["gaps"] == {"places": ["E05000003"], "groups": ["disabled_children"]}
    assert [(o["group"], o["place"], set(o["service_ids"])) for o in body["overlaps"]] == [
        ("young_carers", "E05000001", {str(club.uuid), str(council.uuid)}),
        ("young_carers", "E05000002", {str(club.uuid), str(council.uuid)}),
    ]
    ward_c = next(p for p in body["places"] if p["code"] == "E05000003")
    assert ward_c["need"] is True and ward_c["map_class"] == "gap" and ward_c["service_ids"] == []
    assert ward_c["readings"][0]["value"] == 55.0 and ward_c["readings"][0]["comparator"] == 60.0
    assert body["prevention"]["spend_share_percent"] == "75.0" and body["prevention"]["spend_total"] == "1000.00"
    summary = commissioner_client.get(f"/api/v1/map/{trust.slug}/priorities").json()["items"]
    assert [(s["title"], s["place_gaps"], s["group_gaps"], s["overlaps"]) for s in summary] == [("Children achieve", 1, 1, 2)]
