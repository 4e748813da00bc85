"""The passport's API: the organisation's own people and the region's checkers read it; no document bytes."""

import pytest

from tests.conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("provider_user", 200),
        ("commissioner", 200),
        ("administrator", 200),
        ("other_provider_user", 404),
        ("other_commissioner", 404),
        ("board_member", 403),
    ],
)
def test_who_reads_a_passport_through_the_api(request, kept, who, status):
    response = signed_in_client(request.getfixturevalue(who)).get(f"/api/v1/passport/{kept.slug}")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["complete"] is True and body["missing"] == []
        items = {item["key"]: item for item in body["items"]}
        assert items["policy:safeguarding"]["has_document"] is True
        assert items["insurance:professional_indemnity"]["state"] == "missing"
        assert body["core"]["postcode"] == "PL1 2AA"
        assert "PDF" not in response.content.decode()


def test_anonymous_callers_are_refused(client, kept):
    assert client.get(f"/api/v1/passport/{kept.slug}").status_code == 401


def test_missing_answers_what_an_opportunity_would_ask(provider_org, provider_client):
    body = provider_client.get(f"/api/v1/passport/{provider_org.slug}/missing?required=core,policy:equality").json()
    assert [(gap["key"], gap["reason"]) for gap in body] == [("core", "missing"), ("policy:equality", "missing")]
    response = provider_client.get(f"/api/v1/passport/{provider_org.slug}/missing?required=policy:nope")
    assert response.status_code == 400 and "policy:nope" in response.json()["detail"]


def put(client, organisation, body):
    import json

    return client.put(f"/api/v1/passport/{organisation.slug}/core", json.dumps(body), content_type="application/json")


def test_the_organisation_records_its_core_information_through_the_api(provider_org, provider_client):
    response = put(provider_client, provider_org, {"postcode": "nowhere"})
    assert response.status_code == 400
    assert {error["field"] for error in response.json()["errors"]} == {"registered_address", "postcode", "staff", "volunteers", "sme"}
    body = {"registered_address": "1 Quay Road", "postcode": "pl1 2aa", "staff": 4, "volunteers": 9, "sme": True}
    response = put(provider_client, provider_org, body)
    assert response.status_code == 200 and response.json()["postcode"] == "PL1 2AA"


@pytest.mark.parametrize(("who", "status"), [("commissioner", 403), ("other_provider_user", 404), ("other_commissioner", 404)])
def test_only_the_organisations_people_write_through_the_api(request, provider_org, who, status):
    body = {"registered_address": "1 Quay Road", "postcode": "PL1 2AA", "staff": 4, "volunteers": 9, "sme": True}
    assert put(signed_in_client(request.getfixturevalue(who)), provider_org, body).status_code == status
