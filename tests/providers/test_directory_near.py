"""Finding services near a postcode or a named place: nearest first, paginated, bounded queries, a plain GET form."""

import pytest

from jointly.partnerships.models import Sector
from jointly.providers.bulk import NewEntry, directory_bulk_publish
from jointly.providers.selectors import parse_near

from ..factories import AreaFactory, OrganisationFactory, TrustPartnerFactory
from .conftest import profile_data, publish, service_data

DIRECTORY = "/directory/"
SAVEPOINTS = 2


def _venue(name, postcode, city="Plymouth", area_code=""):
    return {"name": name, "address_1": "1 High Street", "city": city, "postcode": postcode, "area_code": area_code}


@pytest.fixture
def wards(trust):
    return {
        "stonehouse": AreaFactory(code="E05000001", name="Stonehouse", kind="ward", parent=trust.area),
        "mutley": AreaFactory(code="E05000002", name="Mutley", kind="ward", parent=trust.area),
    }


@pytest.fixture
def venues(trust, other_trust, wards):
    """Services with venues in PL1, PL4, TR1 and Essex, one district-wide service with none, and one in Mutley with none."""
    layout = [
        ("Club in PL1", [trust.area.code], [_venue("Stonehouse Hall", "PL1 3EZ", area_code=wards["stonehouse"].code)]),
        ("Club in PL4", [trust.area.code], [_venue("Mutley Centre", "pl48aa", area_code=wards["mutley"].code)]),
        ("Two venues", [trust.area.code], [_venue("Truro Hall", "TR1 2AB", city="Truro"), _venue("Second Hall", "PL4 6BB")]),
        ("Whole city service", [trust.area.code], []),
        ("Mutley ward service", [wards["mutley"].code], []),
        ("Essex club", [other_trust.area.code], [_venue("Basildon Hall", "SS14 1AA", city="Basildon")]),
    ]
    entries = []
    for number, (name, codes, places) in enumerate(layout):
        organisation = OrganisationFactory(name=f"Group {number}", sector=Sector.VCS)
        TrustPartnerFactory(trust=other_trust if name == "Essex club" else trust, organisation=organisation)
        data = service_data(codes[0], name=name, description=f"Activities: {name}", area_codes=codes, locations=places)
        entries.append(NewEntry(organisation, profile=profile_data(codes[0]), services=[data]))
    directory_bulk_publish(entries=entries, source="demo")


def _names(response):
    return [service.name for service in response.context["page_obj"]]


@pytest.mark.parametrize(
    "text, district, area",
    [("PL4 8AA", "PL4", "PL"), ("pl48aa", "PL4", "PL"), ("SS14", "SS14", "SS"), ("Stonehouse", "", ""), ("P", "", "")],
)
def test_what_counts_as_a_postcode(text, district, area):
    near = parse_near(text)
    assert (near.district, near.postcode_area) == (district, area)


def test_near_a_postcode_puts_its_district_first_then_its_area_then_the_places_around(anonymous_client, venues):
    response = anonymous_client.get(DIRECTORY, {"near": "PL4 8AA"})
    assert response.status_code == 200
    # PL4 venues, then a PL1 venue, then services covering Mutley (where the PL4 venue is) or the city around it.
    assert _names(response) == ["Club in PL4", "Two venues", "Club in PL1", "Mutley ward service", "Whole city service"]
    page = response.content.decode()
    assert "Nearest first: services with a venue in PL4" in page
    assert "Mutley Centre (PL4 8AA)" in page


def test_a_postcode_with_no_venue_near_finds_nothing_and_says_so(anonymous_client, venues):
    response = anonymous_client.get(DIRECTORY, {"near": "NE1 4XF"})
    assert _names(response) == []
    assert "No venue is in or near NE1 4XF" in response.content.decode()


def test_near_a_place_name_finds_venues_in_the_town_then_services_covering_the_place(anonymous_client, venues, trust):
    assert _names(anonymous_client.get(DIRECTORY, {"near": "Truro"})) == ["Two venues"]
    # A ward's name: the venue in it first, then the services covering it or the city it is in.
    mutley = ["Club in PL4", "Mutley ward service", "Club in PL1", "Two venues", "Whole city service"]
    assert _names(anonymous_client.get(DIRECTORY, {"near": "mutley"})) == mutley
    assert "Essex club" not in _names(anonymous_client.get(DIRECTORY, {"near": trust.area.name}))


def test_near_combines_with_the_other_filters_and_can_be_removed(anonymous_client, venues):
    response = anonymous_client.get(DIRECTORY, {"near": "PL4", "q": "club"})
    assert _names(response) == ["Club in PL4", "Club in PL1"]
    assert any(chosen["label"] == "Near a postcode or place" and chosen["remove"] == "?q=club" for chosen in response.context["chosen"])


def test_near_results_are_paginated(anonymous_client, trust):
    entries = []
    for number in range(30):
        organisation = OrganisationFactory(name=f"Hall group {number:02d}")
        TrustPartnerFactory(trust=trust, organisation=organisation)
        data = service_data(trust.area.code, name=f"Hall {number:02d}", locations=[_venue(f"Hall {number:02d}", f"PL{1 + number % 9} 1AA")])
        entries.append(NewEntry(organisation, profile=profile_data(trust.area.code), services=[data]))
    directory_bulk_publish(entries=entries, source="demo")
    first = anonymous_client.get(DIRECTORY, {"near": "PL3 1AA"})
    assert first.context["page_obj"].paginator.count == 30
    # The PL3 venues (numbers 2, 11, 20, 29) lead the first page; the second page has the last five.
    assert _names(first)[:4] == ["Hall 02", "Hall 11", "Hall 20", "Hall 29"]
    assert len(_names(anonymous_client.get(DIRECTORY, {"near": "PL3 1AA", "page": 2}))) == 5


@pytest.mark.parametrize("near", ["PL4 8AA", "Stonehouse"])
def test_near_queries_do_not_grow_with_the_results(anonymous_client, venues, trust, near, django_assert_max_num_queries):
    for number in range(20):
        publish(OrganisationFactory(name=f"More {number}"), trust.area.code, name=f"More {number}", locations=[_venue("Hall", "PL4 1AA")])
    # The district's places and the places around them (four), the count, the page, its places, outcomes
    # and venues, the place choices: not one per service.
    with django_assert_max_num_queries(SAVEPOINTS + 11):
        response = anonymous_client.get(DIRECTORY, {"near": near})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count >= 20


def test_service_page_shows_every_venue_with_its_place(anonymous_client, provider_org, trust, wards):
    service = publish(
        provider_org,
        trust.area.code,
        locations=[
            {**_venue("Stonehouse Hall", "PL1 3EZ", area_code=wards["stonehouse"].code), "address_2": "Union Street"},
            _venue("Mutley Centre", "PL4 8AA"),
        ],
    )
    page = anonymous_client.get(service.get_absolute_url()).content.decode()
    assert "Venues" in page
    assert "Stonehouse Hall<br>1 High Street<br>Union Street<br>Plymouth<br>PL1 3EZ" in page
    assert "In Stonehouse" in page
    # A venue with no place chosen is in the service's one place.
    assert service.locations.get(name="Mutley Centre").area == trust.area
