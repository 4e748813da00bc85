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
