"""Bids through the API: the bidder's own only, the same seal and rules as the pages, errors as problem bodies."""

import datetime
import json

import pytest
from django.utils import timezone

from jointly.procurement.models import Bid, SealAttempt
from tests.api.conftest import ApiClient, assert_problem

from .bids_helpers import PRICING, close_now, complete_bid, open_opportunity, set_state

pytestmark = pytest.mark.django_db


class Api(ApiClient):
    def put(self, path, body):
        return self.client.put(f"/api/v1{path}", json.dumps(body), content_type="application/json")

    def post(self, path, body=None):
        return self.client.post(f"/api/v1{path}", json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def opportunity(trust):
    return open_opportunity(trust=trust)


def test_a_bid_from_draft_to_submitted_through_the_api(opportunity, provider_user):
    api = Api(provider_user)
    started = api.post("/procurement/bids", {"opportunity": opportunity.pk})
    assert started.status_code == 201
    bid_id = started.json()["id"]
    first, second = opportunity.questions.all()
    body = assert_problem(api.post(f"/procurement/bids/{bid_id}/submit"), 400)
    assert {error["field"] for error in body["errors"]} == {
        f"answer_{first.pk}",
        f"answer_{second.pk}",
        "price",
        "direct_staff",
        "units",
        "unit_name",
    }
    over = api.put(f"/procurement/bids/{bid_id}/answers", {"answers": {str(first.pk): "word " * 51}})
    assert assert_problem(over, 400)["errors"][0]["field"] == f"answer_{first.pk}"
    assert api.put(f"/procurement/bids/{bid_id}/answers", {"answers": {str(first.pk): "One.", str(second.pk): "Two."}}).status_code == 200
    pricing = {**PRICING, "price": "100000", "overheads": {key: list(figures) for key, figures in PRICING["overheads"].items()}}
    priced = api.put(f"/procurement/bids/{bid_id}/pricing", pricing).json()
    assert priced["full_cost"]["total"] == "118500.00" and priced["full_cost"]["per_unit"] == "2370.00"
    assert priced["price_below_full_cost_by"] == "18500.00" and priced["still_to_do"] == {}
    submitted = api.post(f"/procurement/bids/{bid_id}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted" and submitted.json()["receipt"]
    listed = api.get("/procurement/bids").json()
    assert [item["id"] for item in listed["items"]] == [bid_id]
    assert api.post(f"/procurement/bids/{bid_id}/withdraw", {"reason": "Changed our minds"}).json()["status"] == "withdrawn"


def test_bad_input_names_its_fields(opportunity, provider_user, trust):
    api = Api(provider_user)
    assert_problem(api.post("/procurement/bids", {"opportunity": opportunity.pk, "lot": 999}), 400)
    draft = set_state(open_opportunity(trust=trust), status="draft")
    assert_problem(api.post("/procurement/bids", {"opportunity": draft.pk}), 404)
    bid = complete_bid(opportunity, provider_user)
    body = assert_problem(api.put(f"/procurement/bids/{bid.pk}/pricing", {"price": "x", "overheads": {"premises": ["1"]}}), 400)
    assert {error["field"] for error in body["errors"]} == {"premises"}


@pytest.mark.parametrize("who, status", [("commissioner", 403), ("administrator", 403), ("other_provider_user", 404), ("other_commissioner", 404)])
def test_no_one_else_reads_or_changes_a_sealed_bid(request, opportunity, provider_user, who, status):
    bid = complete_bid(opportunity, provider_user)
    person = request.getfixturevalue(who)
    api = Api(person)
    response = api.get(f"/procurement/bids/{bid.pk}")
    body = assert_problem(response, status)
    assert "pastoral" not in json.dumps(body) and "118500" not in json.dumps(body)
    if status == 403:
        assert "sealed until" in body["detail"]
    assert_problem(api.post(f"/procurement/bids/{bid.pk}/submit"), status)
    assert_problem(api.post(f"/procurement/bids/{bid.pk}/withdraw"), status)
    assert_problem(api.put(f"/procurement/bids/{bid.pk}/answers", {"answers": {}}), status)
    assert bid.pk not in [item["id"] for item in api.get("/procurement/bids").json()["items"]]
    assert SealAttempt.objects.filter(by=person, channel="api").count() == 4
    assert Bid.objects.get(pk=bid.pk).status == "draft"


def test_only_provider_people_start_bids(opportunity, commissioner):
    assert_problem(Api(commissioner).post("/procurement/bids", {"opportunity": opportunity.pk}), 403)


def test_late_is_a_conflict(opportunity, provider_user):
    bid = complete_bid(opportunity, provider_user)
    set_state(opportunity, closes_at=timezone.now() - datetime.timedelta(seconds=1))
    body = assert_problem(Api(provider_user).post(f"/procurement/bids/{bid.pk}/submit"), 409)
    assert "closed for bids" in body["detail"]


def test_after_closing_the_bidder_still_reads_its_own(opportunity, provider_user, commissioner):
    bid = complete_bid(opportunity, provider_user)
    close_now(opportunity)
    assert Api(provider_user).get(f"/procurement/bids/{bid.pk}").status_code == 200
    assert_problem(Api(commissioner).get(f"/procurement/bids/{bid.pk}"), 403)


def test_anonymous_is_asked_to_sign_in(opportunity, provider_user, anonymous_client):
    bid = complete_bid(opportunity, provider_user)
    assert anonymous_client.get(f"/api/v1/procurement/bids/{bid.pk}").status_code == 401
    assert anonymous_client.get("/api/v1/procurement/bids").status_code == 401


def test_the_endpoints_are_in_the_openapi_document(anonymous_client, db):
    paths = anonymous_client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/procurement/bids", "/api/v1/procurement/bids/{bid_id}", "/api/v1/procurement/bids/{bid_id}/submit"} <= set(paths)
