"""The API follows the pages' permissions; errors are problem bodies."""

import pytest

from jointly.capacity import services

from ..conftest import signed_in_client
from .conftest import book, make_offer

pytestmark = pytest.mark.django_db


def test_published_offers_and_events_are_open(anonymous_client, trust, commissioner, offer, event):
    make_offer(trust, commissioner, publish=False, title="Draft")
    book(event, "Ann")
    body = anonymous_client.get("/api/v1/capacity/offers").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert (item["title"], item["trust"], sorted(item["helps_with"])) == ("Writing your first tender", trust.slug, ["bids", "full_cost"])
    [ev] = item["events"]
    assert (ev["places"], ev["places_booked"], ev["waiting_list"], ev["status"]) == (2, 1, 0, "open")
    assert ev["booking_url"].endswith(f"/capacity/events/{event.pk}/book/")
    assert anonymous_client.get("/api/v1/capacity/offers?need=safeguarding").json()["count"] == 0
    assert anonymous_client.get(f"/api/v1/capacity/offers/{offer.pk}").json()["id"] == offer.pk


def test_a_draft_offer_is_a_not_found_problem(anonymous_client, trust, commissioner):
    draft = make_offer(trust, commissioner, publish=False)
    response = anonymous_client.get(f"/api/v1/capacity/offers/{draft.pk}")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_find_partners_needs_an_account_and_the_permission(anonymous_client, provider_client, provider_org, provider_user, analyst):
    services.partner_listing_opt_in(
        organisation=provider_org, by=provider_user, can_offer="A venue", looking_for=["consortium"], outcomes=["stay-safe"]
    )
    response = anonymous_client.get("/api/v1/capacity/partners")
    assert response.status_code == 401 and response.json()["status"] == 401
    refused = signed_in_client(analyst).get("/api/v1/capacity/partners")
    assert refused.status_code == 403 and "cannot find partners" in refused.json()["detail"]
    [item] = provider_client.get("/api/v1/capacity/partners?outcome=stay_safe").json()["items"]
    assert (item["organisation"], item["looking_for"], item["outcome_areas"], item["contact_email"]) == (
        provider_org.slug,
        ["consortium"],
        ["stay-safe"],
        "",
    )
    assert provider_client.get("/api/v1/capacity/partners?looking_for=sub_contracting").json()["count"] == 0


def test_the_support_summary_follows_the_trust(
    anonymous_client, commissioner_client, other_commissioner_client, provider_client, trust, provider_org, provider_user
):
    services.support_need_report(organisation=provider_org, by=provider_user, kinds=["bids"])
    url = f"/api/v1/capacity/{trust.slug}/support-needs"
    body = commissioner_client.get(url).json()
    bids = next(row for row in body["kinds"] if row["kind"] == "bids")
    assert (body["organisations_reporting"], bids["organisations"], bids["by_size_band"]["small"], bids["by_sector"]["vcs"]) == (1, 1, 1, 1)
    assert other_commissioner_client.get(url).status_code == 404
    assert provider_client.get(url).status_code == 403
    assert anonymous_client.get(url).status_code == 401
