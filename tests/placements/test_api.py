"""The placements API: the trust's requests and offers for its commissioners, the holder's budget, and
providers' own requests and offers, with problem bodies; never a child's personal details."""

import json

import pytest

from jointly.placements.services import assessments, requests
from tests.api.conftest import ApiClient, assert_problem

from .conftest import make_budget, make_request, offer_from, record_assessment

pytestmark = pytest.mark.django_db


class Api(ApiClient):
    def put(self, path, body):
        return self.client.put(f"/api/v1{path}", json.dumps(body), content_type="application/json")


@pytest.fixture
def with_details(trust, commissioner, sent):
    record_assessment(trust, commissioner)
    assessments.child_details_record(request=sent, by=commissioner, school="Hilltop Primary")
    return sent


def test_a_provider_lists_and_answers_only_requests_sent_to_it(
    with_details, trust, commissioner, framework, buyer, provider_user, other_provider_user
):
    not_mine = requests.request_send(
        request=make_request(trust, commissioner, framework, buyer), by=commissioner, organisations=[other_provider_user.organisation]
    )
    api = Api(provider_user)
    listing = api.get("/placements/offers/requests")
    assert listing.status_code == 200 and [item["id"] for item in listing.json()["items"]] == [with_details.pk]
    assert "Hilltop" not in listing.text
    assert api.get(f"/placements/offers/requests/{with_details.pk}").json()["reference"] == with_details.reference
    assert_problem(api.get(f"/placements/offers/requests/{not_mine.pk}"), 404)

    path = f"/placements/offers/requests/{with_details.pk}/offer"
    bad = assert_problem(api.put(path, {"weekly_price": "0", "starts_on": "2030-09-01", "how_outcomes_met": ""}), 400)
    assert {error["field"] for error in bad["errors"]} == {"weekly_price", "how_outcomes_met"}
    good = {"weekly_price": "900", "starts_on": "2030-09-01", "how_outcomes_met": "Near school."}
    assert api.put(path, good).status_code == 201
    assert api.put(path, {**good, "weekly_price": "880"}).json()["weekly_price"] == "880.00"
    assert_problem(api.put(f"/placements/offers/requests/{not_mine.pk}/offer", good), 404)


def test_staff_read_requests_with_offers_and_roles_without_the_permission_are_refused(
    with_details, trust, commissioner, analyst, other_commissioner, provider_user
):
    offer_from(with_details, provider_user, "900")
    staff = Api(commissioner).get(f"/placements/requests/{with_details.pk}").json()
    assert staff["offers"][0]["weekly_price"] == "900.00" and staff["offers"][0]["organisation"] == provider_user.organisation.name
    assert "Hilltop" not in json.dumps(staff)
    assert Api(commissioner).get(f"/placements/trusts/{trust.slug}/requests").json()["count"] == 1
    assert_problem(Api(analyst).get(f"/placements/requests/{with_details.pk}"), 403)
    assert_problem(Api(other_commissioner).get(f"/placements/requests/{with_details.pk}"), 404)
    assert_problem(Api(provider_user).get(f"/placements/requests/{with_details.pk}"), 403)
    assert_problem(Api(commissioner).get("/placements/offers/requests"), 403)


def test_the_holder_reads_the_budget_figures(trust, commissioner, participant, other_commissioner):
    budget = make_budget(trust, commissioner, participant, amount="5000")
    body = Api(participant).get(f"/placements/budgets/{budget.pk}").json()
    assert (body["amount"], body["remaining"], body["committed"]) == ("5000.00", "5000.00", "0.00")
    assert_problem(Api(other_commissioner).get(f"/placements/budgets/{budget.pk}"), 404)


def test_staff_choose_through_the_api_with_problem_bodies(sent, commissioner, provider_user, other_commissioner):
    offer = offer_from(sent, provider_user, "900")
    api = ApiClient(commissioner)
    path = f"/placements/requests/{sent.pk}/choice"
    bad = assert_problem(api.post(path, {"offer": 0, "reasons": "", "others_reason": ""}), 400)
    assert {error["field"] for error in bad["errors"]} == {"offer", "reasons", "others_reason"}
    assert_problem(ApiClient(other_commissioner).post(path, {"offer": offer.pk, "reasons": "Near.", "others_reason": "Sorry."}), 404)
    chosen = api.post(path, {"offer": offer.pk, "reasons": "Near school.", "others_reason": "Another was nearer."})
    assert chosen.status_code == 200 and chosen.json()["status"] == "placed" and chosen.json()["contract"]
    assert_problem(api.post(path, {"offer": offer.pk, "reasons": "Again.", "others_reason": "Again."}), 400)
