"""The public directory: no account, search and filters as a plain GET form, paginated, no N+1."""

import pytest
from django.urls import reverse

from jointly.partnerships.models import Sector
from jointly.providers import services
from jointly.providers.bulk import NewEntry, directory_bulk_publish

from ..factories import AreaFactory, OrganisationFactory, TrustPartnerFactory
from .conftest import profile_data, publish, service_data

DIRECTORY = "/directory/"
SAVEPOINTS = 2  # Each request is atomic: a savepoint and its release are counted.


@pytest.fixture
def many(trust, other_trust):
    """Thirty published services across two places, sectors, tiers and ages (published in bulk, for speed)."""
    entries = []
    for number in range(30):
        organisation = OrganisationFactory(name=f"Group {number:02d}", sector=Sector.VCS if number % 3 else Sector.NHS)
        place = trust if number % 2 else other_trust
        TrustPartnerFactory(trust=place, organisation=organisation)
        data = service_data(
            place.area.code,
            name=f"Service {number:02d}",
            description="Swimming lessons" if number == 7 else "A weekly club.",
            eligibility="",
            tier=["universal", "targeted", "specialist"][number % 3],
            min_age=number % 10,
            max_age=number % 10 + 5,
            outcome_areas=["stay-safe"] if number % 5 == 0 else ["be-healthy"],
        )
        entries.append(NewEntry(organisation, profile=profile_data(place.area.code), services=[data]))
    directory_bulk_publish(entries=entries, source="demo")


def _names(response):
    return [service.name for service in response.context["page_obj"]]


def test_anyone_can_search_without_an_account(anonymous_client, many):
    response = anonymous_client.get(DIRECTORY)
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 30
    assert len(_names(response)) == 25
    assert b'method="get"' in response.content


def test_list_queries_do_not_grow_with_the_page(anonymous_client, many, django_assert_max_num_queries):
    # The count, the page, its places, outcomes and venues, the place choices: not one query per service.
    with django_assert_max_num_queries(SAVEPOINTS + 7):
        response = anonymous_client.get(DIRECTORY, {"outcome": "be-healthy", "age": "6", "tier": "universal"})
    assert response.status_code == 200


def test_free_text_search(anonymous_client, many):
    assert _names(anonymous_client.get(DIRECTORY, {"q": "swimming"})) == ["Service 07"]
    assert _names(anonymous_client.get(DIRECTORY, {"q": "group 07 swimming"})) == ["Service 07"]
    assert _names(anonymous_client.get(DIRECTORY, {"q": "nothing-matches"})) == []


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"outcome": "stay-safe"}, {0, 5, 10, 15, 20, 25}),
        ({"tier": "specialist"}, {2, 5, 8, 11, 14, 17, 20, 23, 26, 29}),
        ({"sector": "nhs"}, {0, 3, 6, 9, 12, 15, 18, 21, 24, 27}),
        ({"age": "0"}, {0, 10, 20}),
        ({"age": "14"}, {9, 19, 29}),
    ],
)
def test_filters(anonymous_client, many, params, expected):
    names = set(_names(anonymous_client.get(DIRECTORY, {**params, "page": 1})))
    assert names == {f"Service {n:02d}" for n in expected}


def test_place_filter_finds_services_in_and_around_the_place(anonymous_client, many, trust):
    ward = AreaFactory(code="E05000001", name="Stonehouse", kind="ward", parent=trust.area)
    ward_service = publish(OrganisationFactory(name="Ward group"), "E05000001", name="Ward club")
    response = anonymous_client.get(DIRECTORY, {"place": trust.area.code})
    names = set(_names(response)) | set(_names(anonymous_client.get(DIRECTORY, {"place": trust.area.code, "page": 2})))
    assert ward_service.name in names
    assert "Service 01" in names and "Service 00" not in names
    # And a ward finds the services for the whole of its authority.
    assert "Service 01" in _names(anonymous_client.get(DIRECTORY, {"place": ward.code}))


def test_bad_filters_are_explained_not_failed(anonymous_client, many):
    response = anonymous_client.get(DIRECTORY, {"age": "old"})
    assert response.status_code == 200
    assert "Enter the age as a whole number, like 8" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 30


def test_selected_filters_can_be_removed(anonymous_client, many):
    content = anonymous_client.get(DIRECTORY, {"tier": "targeted", "q": "club"}).content.decode()
    assert "Remove filter" in content and "?q=club" in content


def test_service_page(anonymous_client, published_service, django_assert_max_num_queries):
    with django_assert_max_num_queries(SAVEPOINTS + 8):
        response = anonymous_client.get(published_service.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Young carers&#x27; club" in content and "Stonehouse Community Centre" in content
    assert "Tuesday 16:00 to 18:00" in content


def test_organisation_page_queries_do_not_grow_with_services(anonymous_client, provider_org, trust, django_assert_max_num_queries):
    publish(provider_org, trust.area.code)
    for number in range(8):
        services.directory_record_publish(
            organisation=provider_org, kind="service", data=service_data(trust.area.code, name=f"Extra {number}"), source="import"
        )
    with django_assert_max_num_queries(SAVEPOINTS + 7):
        response = anonymous_client.get(reverse("providers:organisation", args=[provider_org.slug]))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("Extra ") == 8
    assert "Ofsted" in content and "Often hard to reach" in content


def test_unpublished_records_are_not_found(anonymous_client, provider_org, provider_user, trust):
    revision = services.service_change_propose(organisation=provider_org, data=service_data(trust.area.code), by=provider_user)
    assert anonymous_client.get(f"/directory/services/{revision.data['id']}/").status_code == 404
    assert anonymous_client.get(reverse("providers:organisation", args=[provider_org.slug])).status_code == 404
    assert anonymous_client.get(DIRECTORY).context["page_obj"].paginator.count == 0


def test_closed_for_good_services_leave_the_search_but_keep_their_page(anonymous_client, provider_org, trust):
    service = publish(provider_org, trust.area.code, status="defunct")
    assert anonymous_client.get(DIRECTORY).context["page_obj"].paginator.count == 0
    assert "closed for good" in anonymous_client.get(service.get_absolute_url()).content.decode()
