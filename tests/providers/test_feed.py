"""The open ORUK feed: every response validates against the ORUK 3.0 schemas and can be read from any site."""

import uuid

import pytest

from jointly.needs.models import OutcomeArea
from jointly.providers import services
from jointly.providers.models import ProviderProfile, Revision
from jointly.providers.schemas import SCHEMA_DIR
from jointly.providers.taxonomy import TAXONOMY_BY_CODE

from ..factories import OrganisationFactory, TrustPartnerFactory
from .conftest import publish, service_data
from .oruk_schemas import SHARED, problems, response_problems

FEED = "/api/oruk/"
# Each request is atomic: a savepoint and its release are two of the queries counted.
SAVEPOINTS = 2


def _get(client, path, **params):
    response = client.get(FEED + path, params)
    assert response["Access-Control-Allow-Origin"] == "*"
    return response


@pytest.fixture
def feed(published_service, trust):
    """Two published organisations, one with a fee-paying service, and one service only proposed."""
    fostering = OrganisationFactory(name="Foster Care Ltd", charity_number="1234567", company_number="01234567")
    TrustPartnerFactory(trust=trust, organisation=fostering)
    paid = publish(
        fostering,
        trust.area.code,
        name="Independent fostering",
        description="Foster families for children who cannot live at home.",
        eligibility="",
        tier="specialist",
        approach="intervention",
        cost="fee",
        fee_amount="950.00",
        fee_description="per week",
        min_age=0,
        max_age=18,
        groups=["looked_after_children"],
        locations=[],
        opening_times=[],
    )
    return {"free": published_service, "paid": paid}


def test_api_information(anonymous_client, db):
    body = _get(anonymous_client, "").json()
    assert response_problems(body, "/") == []
    assert body["version"] == "3.0"


def test_service_list_validates_and_is_paginated(anonymous_client, feed, django_assert_max_num_queries):
    with django_assert_max_num_queries(SAVEPOINTS + 2):
        response = _get(anonymous_client, "services", per_page=1)
    body = response.json()
    assert response_problems(body, "/services") == []
    for item in body["contents"]:
        assert problems(item, "compiled/service_list.json") == []
    assert (body["total_items"], body["total_pages"], body["size"], body["first_page"], body["last_page"]) == (2, 2, 1, True, False)
    assert body["contents"][0]["name"] == "Independent fostering"


def test_full_service_validates_with_every_part(anonymous_client, feed, django_assert_max_num_queries):
    service = feed["free"]
    with django_assert_max_num_queries(SAVEPOINTS + 9):
        body = _get(anonymous_client, f"services/{service.uuid}").json()
    assert problems(body, "compiled/service.json") == []
    assert body["id"] == str(service.uuid)
    assert body["organization"]["id"] == str(service.organisation.provider_profile.oruk_id)
    assert body["service_areas"][0]["uri"].endswith(service.areas.get().code)
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "PL1 3EZ"
    assert {"byday": "TU", "opens_at": "16:00", "closes_at": "18:00"}.items() <= body["schedules"][0].items()
    assert body["cost_options"][0]["option"] == "Free"
    assert body["contacts"][0]["name"] == "Priya Nair"
    terms = {attribute["taxonomy_term"]["term"] for attribute in body["attributes"]}
    assert {"be_healthy", "targeted", "prevention", "young_carers"} <= terms
    assert "Ofsted: Good" in body["accreditations"]


def test_a_fee_is_a_cost_option_with_its_amount(anonymous_client, feed):
    body = _get(anonymous_client, f"services/{feed['paid'].uuid}").json()
    assert problems(body, "compiled/service.json") == []
    assert body["cost_options"][0]["amount"] == 950.0
    identifiers = {row["identifier_scheme"]: row["identifier"] for row in body["organization"]["organization_identifiers"]}
    assert identifiers == {"GB-CHC": "1234567", "GB-COH": "01234567"}


def test_ids_are_stable_between_requests(anonymous_client, feed):
    path = f"services/{feed['free'].uuid}"
    assert _get(anonymous_client, path).json() == _get(anonymous_client, path).json()


def test_organizations_validate(anonymous_client, feed, django_assert_max_num_queries):
    body = _get(anonymous_client, "organizations").json()
    assert body["total_items"] == 2
    for item in body["contents"]:
        assert problems(item, "compiled/organization_list.json") == []
    profile = feed["paid"].organisation.provider_profile
    with django_assert_max_num_queries(SAVEPOINTS + 10):
        full = _get(anonymous_client, f"organizations/{profile.oruk_id}").json()
    assert problems(full, "compiled/organization.json") == []
    assert [service["name"] for service in full["services"]] == ["Independent fostering"]


def test_taxonomies_validate(anonymous_client, db):
    body = _get(anonymous_client, "taxonomies").json()
    assert response_problems(body, "/taxonomies") == []
    assert {item["name"] for item in body["contents"]} >= {"Every Child Matters outcomes", "Service tier"}
    one = _get(anonymous_client, f"taxonomies/{body['contents'][0]['id']}").json()
    assert problems(one, "taxonomy.json") == []
    terms = _get(anonymous_client, "taxonomy_terms", per_page=100).json()
    assert response_problems(terms, "/taxonomy_terms") == []
    term = _get(anonymous_client, f"taxonomy_terms/{terms['contents'][0]['id']}").json()
    assert problems(term, "taxonomy_term.json") == []


# The ids the feed published for the five shared outcomes before they were needs.OutcomeArea rows, as consumers hold them.
PUBLISHED_OUTCOME_TERMS = {
    "Be healthy": ("be_healthy", "ba3e0d9b-6b7c-5705-bc92-3344bb56510c"),
    "Stay safe": ("stay_safe", "ee20a347-20bc-5a0c-93f5-5a2990c01b40"),
    "Enjoy and achieve": ("enjoy_and_achieve", "deb9d9b3-1169-57a9-8786-5b93272d2751"),
    "Make a positive contribution": ("positive_contribution", "454c979b-810e-5c59-83c1-b966a25bd769"),
    "Achieve economic well-being": ("economic_wellbeing", "e7a2def8-6ab8-5d04-8395-3798990a2fc1"),
}


def test_published_taxonomy_ids_have_not_changed(anonymous_client, db):
    outcomes = _get(anonymous_client, "taxonomies/3774a75d-3807-595e-8731-07ace2cd2cd9").json()
    assert outcomes["name"] == "Every Child Matters outcomes"
    assert {term["name"]: (term["term"], term["id"]) for term in outcomes["taxonomy_terms"]} == PUBLISHED_OUTCOME_TERMS
    looked_after = _get(anonymous_client, "taxonomy_terms/b1040a28-195f-56ee-b807-74e6c644e509").json()
    assert (looked_after["taxonomy"], looked_after["term"]) == ("Groups reached", "looked_after_children")


def test_a_trusts_own_outcome_area_is_not_a_directory_term(anonymous_client, trust):
    OutcomeArea.objects.create(trust=trust, name="Our own outcome", slug="our-own-outcome")
    names = {term["name"] for term in _get(anonymous_client, "taxonomy_terms", per_page=100).json()["contents"]}
    assert "Our own outcome" not in names and "Be healthy" in names


def test_services_are_found_by_an_outcome_term(anonymous_client, feed):
    _, be_healthy = PUBLISHED_OUTCOME_TERMS["Be healthy"]
    body = _get(anonymous_client, "services", taxonomy_term_id=be_healthy).json()
    assert {item["name"] for item in body["contents"]} == {"Young carers' club", "Independent fostering"}
    _, stay_safe = PUBLISHED_OUTCOME_TERMS["Stay safe"]
    assert _get(anonymous_client, "services", taxonomy_term_id=stay_safe).json()["total_items"] == 0


def test_filters(anonymous_client, feed):
    looked_after = TAXONOMY_BY_CODE["group"].term("looked_after_children")
    body = _get(anonymous_client, "services", taxonomy_term_id=str(looked_after.id)).json()
    assert [item["name"] for item in body["contents"]] == ["Independent fostering"]
    body = _get(anonymous_client, "services", search="carers").json()
    assert [item["name"] for item in body["contents"]] == ["Young carers' club"]
    body = _get(anonymous_client, "services", minimum_age=5).json()
    assert [item["name"] for item in body["contents"]] == ["Young carers' club"]
    profile = feed["paid"].organisation.provider_profile
    body = _get(anonymous_client, "services", organization_id=str(profile.oruk_id)).json()
    assert body["total_items"] == 1


def test_only_published_records_are_in_the_feed(anonymous_client, provider_org, provider_user, trust):
    revision = services.service_change_propose(organisation=provider_org, data=service_data(trust.area.code), by=provider_user)
    assert _get(anonymous_client, "services").json()["total_items"] == 0
    response = _get(anonymous_client, f"services/{revision.data['id']}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert _get(anonymous_client, "organizations").json()["total_items"] == 0
    assert not ProviderProfile.objects.filter(published_at__isnull=False).exists()
    assert Revision.objects.get().status == Revision.Status.PENDING


def test_errors_are_json_with_the_cors_header(anonymous_client, db):
    assert _get(anonymous_client, "services/not-a-uuid").status_code == 404
    assert _get(anonymous_client, f"organizations/{uuid.uuid4()}").status_code == 404
    response = _get(anonymous_client, "services", page="two")
    assert response.status_code == 400
    assert "page" in response.json()["detail"]
    assert _get(anonymous_client, "services", per_page=1000).status_code == 400


def test_preflight_and_writes(anonymous_client, db):
    response = anonymous_client.options(FEED + "services")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    response = anonymous_client.post(FEED + "services", {})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"


def test_no_key_is_needed_even_when_signed_in(provider_client, feed):
    assert _get(provider_client, "services").status_code == 200


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared schema folder is not here")
def test_the_schemas_kept_with_the_code_match_the_published_ones():
    for copy in SCHEMA_DIR.rglob("*.json"):
        original = SHARED / copy.relative_to(SCHEMA_DIR)
        assert copy.read_bytes() == original.read_bytes(), copy


def test_every_venue_is_a_service_at_location_with_its_physical_address(anonymous_client, provider_org, trust, django_assert_max_num_queries):
    venues = [
        {"name": "Stonehouse Hall", "address_1": "12 Union Street", "address_2": "Stonehouse", "city": "Plymouth", "postcode": "pl13ez"},
        {"name": "Mutley Centre", "address_1": "3 Mutley Plain", "city": "Plymouth", "postcode": "PL4 6LB"},
        {"name": "Online sessions"},
    ]
    service = publish(provider_org, trust.area.code, name="Two-venue club", locations=venues)
    with django_assert_max_num_queries(SAVEPOINTS + 9):
        body = _get(anonymous_client, f"services/{service.uuid}").json()
    assert problems(body, "compiled/service.json") == []
    places = {row["location"]["name"]: row["location"] for row in body["service_at_locations"]}
    assert set(places) == {"Stonehouse Hall", "Mutley Centre", "Online sessions"}
    hall = places["Stonehouse Hall"]
    assert hall["location_type"] == "physical"
    assert hall["description"] == f"In {trust.area.name}"
    assert {"address_1": "12 Union Street, Stonehouse", "city": "Plymouth", "postal_code": "PL1 3EZ", "address_type": "physical"}.items() <= (
        hall["addresses"][0].items()
    )
    assert places["Online sessions"]["location_type"] == "virtual" and "addresses" not in places["Online sessions"]
    assert all(row["service_id"] == str(service.uuid) and row["location_id"] == row["location"]["id"] for row in body["service_at_locations"])
