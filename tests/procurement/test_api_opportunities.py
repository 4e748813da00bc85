"""API: published opportunities and answered clarifications are open; drafts need the pages' permission; asking needs an account."""

import pytest

from jointly.procurement.services import clarifications as clarification_services

from ..api.conftest import ApiClient
from .opportunity_helpers import draft, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(trust, commissioner, provider_user):
    opportunity = published(trust, commissioner, budget="700000", budget_published=False)
    asked = clarification_services.clarification_ask(opportunity=opportunity, by=provider_user, question="Sunrise Trust asks: one lot?")
    clarification_services.clarification_answer(clarification=asked, by=commissioner, published_question="Can a bid cover one lot?", answer="Yes.")
    clarification_services.clarification_ask(opportunity=opportunity, by=provider_user, question="Not yet answered")
    return opportunity


def test_published_opportunities_are_open_with_everything_published(anonymous_client, trust, commissioner, opened):
    draft(trust, commissioner, title="Hidden draft")
    body = anonymous_client.get("/api/v1/procurement/opportunities").json()
    assert [item["title"] for item in body["items"]] == [opened.title]
    item = body["items"][0]
    assert item["ocid"] == opened.ocid and item["budget_inc_vat"] is None  # not published by the trust's choice
    assert [c["weight"] for c in item["criteria"]] == [60, 30, 10]
    assert len(item["scale"]) == 5 and item["outcomes"][0]["measure"] == "Referrals before age 12"
    assert item["lots"][0]["suitable_for_vcse"] is True
    one = anonymous_client.get(f"/api/v1/procurement/opportunities/{trust.slug}/{opened.pk}").json()
    assert one["id"] == opened.pk and one["url"].endswith(f"/opportunities/{trust.slug}/{opened.pk}/")
    assert anonymous_client.get("/api/v1/procurement/opportunities?trust=nowhere").json()["count"] == 0


def test_a_draft_is_not_found_on_the_open_api(anonymous_client, trust, commissioner):
    hidden = draft(trust, commissioner)
    response = anonymous_client.get(f"/api/v1/procurement/opportunities/{trust.slug}/{hidden.pk}")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/problem+json")


def test_clarifications_are_the_answered_ones_without_the_asker(anonymous_client, trust, opened):
    body = anonymous_client.get(f"/api/v1/procurement/opportunities/{trust.slug}/{opened.pk}/clarifications").json()
    assert [(c["question"], c["answer"]) for c in body] == [("Can a bid cover one lot?", "Yes.")]
    assert "Sunrise" not in str(body) and "asked_by" not in body[0]


def test_asking_needs_an_account_and_refuses_bad_input_with_a_problem(anonymous_client, provider_user, trust, opened):
    path = f"/procurement/opportunities/{trust.slug}/{opened.pk}/clarifications"
    assert anonymous_client.post(f"/api/v1{path}", {"question": "x"}, content_type="application/json").status_code == 401
    api = ApiClient(provider_user)
    bad = api.post(path, {"question": "  "})
    assert bad.status_code == 400 and bad.json()["errors"] == [{"field": "question", "message": "Enter your question"}]
    assert api.post(path, {}).status_code == 400
    made = api.post(path, {"question": "Is TUPE likely?"})
    assert made.status_code == 201 and made.json()["status"] == "asked"


def test_staff_endpoints_follow_the_page_permissions(anonymous_client, commissioner, other_commissioner, provider_user, trust):
    hidden = draft(trust, commissioner)
    for path in (f"/procurement/{trust.slug}/opportunities", f"/procurement/{trust.slug}/opportunities/{hidden.pk}"):
        assert anonymous_client.get(f"/api/v1{path}").status_code == 401
        assert ApiClient(other_commissioner).get(path).status_code == 404
        assert ApiClient(provider_user).get(path).status_code == 403
        assert ApiClient(commissioner).get(path).status_code == 200
    one = ApiClient(commissioner).get(f"/procurement/{trust.slug}/opportunities/{hidden.pk}").json()
    assert one["status"] == "draft" and "conflicts" in one["publish_problems"]


def test_route_advice_is_open(anonymous_client):
    body = anonymous_client.get("/api/v1/procurement/routes", {"value": "20000", "light_touch": "true", "on": "2026-06-01"}).json()
    advice = {item["route"]: item for item in body}
    assert advice["small_grant"]["open"] and advice["small_grant"]["run_as_grant"]
    assert not advice["open"]["open"] and advice["open"]["min_response_days"] == 25
    assert anonymous_client.get("/api/v1/procurement/routes", {"value": "-1"}).status_code == 400
    assert anonymous_client.get("/api/v1/procurement/routes", {"value": "lots"}).status_code == 400
