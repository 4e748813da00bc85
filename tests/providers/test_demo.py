"""The demo directory: realistic, for both regions, and loading it twice changes nothing."""

import time

import pytest

from jointly.partnerships import demo as partnerships_demo
from jointly.providers import demo
from jointly.providers.models import DirectoryService, ProviderProfile, Revision
from jointly.providers.selectors import published_services

pytestmark = pytest.mark.django_db


def test_the_demo_directory_covers_both_regions_and_is_idempotent():
    partnerships_demo.load()
    started = time.monotonic()
    demo.load()
    first_load = time.monotonic() - started
    profiles, services = ProviderProfile.objects.count(), DirectoryService.objects.count()
    assert profiles >= 250
    assert services >= profiles
    assert set(DirectoryService.objects.values_list("tier", flat=True)) == {"universal", "targeted", "specialist"}
    regions = set(published_services().values_list("organisation__partnerships__trust__region__slug", flat=True))
    assert regions == {"peninsula", "east-of-england"}
    assert Revision.objects.filter(status=Revision.Status.PENDING).count() == 2
    # The register's private contact addresses are never published.
    private = set(ProviderProfile.objects.values_list("organisation__contact_email", flat=True)) - {""}
    assert not private & set(ProviderProfile.objects.values_list("email", flat=True))
    assert not private & set(DirectoryService.objects.values_list("email", flat=True))
    revisions = Revision.objects.count()
    demo.load()
    assert (ProviderProfile.objects.count(), DirectoryService.objects.count(), Revision.objects.count()) == (profiles, services, revisions)
    print(f"demo directory: {profiles} organisations, {services} services, first load {first_load:.1f}s")


def test_local_services_serve_a_few_wards_leaving_the_neediest_without_and_overlapping_in_one(anonymous_client):
    from jointly.needs.demo import ward_need_factor
    from jointly.places.models import Area

    from .oruk_schemas import problems

    partnerships_demo.load()
    plymouth = Area.objects.get(code="E06000026")
    codes = [f"E0500{8940 + n}" for n in range(12)]
    for code in codes:
        Area.objects.create(code=code, name=f"Ward {code}", kind=Area.Kind.WARD, boundary_year=2013, parent=plymouth)
    demo.load()

    in_plymouth = (
        DirectoryService.objects.filter(organisation__partnerships__trust__slug="plymouth")
        .prefetch_related("areas", "outcome_rows", "group_rows")
        .distinct()
    )
    local = [service for service in in_plymouth if all(area.kind == Area.Kind.WARD for area in service.areas.all())]
    assert len(local) >= 5
    assert all(len({area.code for area in service.areas.all()}) == 3 for service in local)
    council_services = {s.name: [a.code for a in s.areas.all()] for s in in_plymouth if s.organisation.name == "Plymouth City Council"}
    # The council runs every council service; its family hub and holiday clubs are local, the rest cover the city.
    assert len(council_services) == 6
    assert council_services["Leaving care service"] == ["E06000026"]
    assert len(council_services["Family hub"]) == 3 and len(council_services["Holiday activities and food programme"]) == 3
    # The two wards with the highest illustrative need have no local service: gaps on the map.
    neediest = sorted(codes, key=lambda code: (-ward_need_factor(code), code))[:2]
    served = {area.code for service in local for area in service.areas.all()}
    assert not served & set(neediest)
    # Local services sharing an outcome and a group (or naming none) meet in a ward: overlaps on the map.

    def shares(a, b):
        outcomes = {r.outcome for r in a.outcome_rows.all()} & {r.outcome for r in b.outcome_rows.all()}
        groups_a, groups_b = {r.group for r in a.group_rows.all()}, {r.group for r in b.group_rows.all()}
        wards = {x.code for x in a.areas.all()} & {x.code for x in b.areas.all()}
        return outcomes and wards and (groups_a & groups_b or not groups_a and not groups_b)

    assert any(shares(a, b) for a in local for b in local if a.pk < b.pk)
    # The open feed publishes each ward as a service area by its ONS code, valid against the ORUK schema.
    body = anonymous_client.get(f"/api/oruk/services/{local[0].uuid}").json()
    assert problems(body, "compiled/service.json") == []
    assert sorted(area["uri"][-9:] for area in body["service_areas"]) == sorted(a.code for a in local[0].areas.all())
    before = sorted(DirectoryService.areas.through.objects.values_list("directoryservice_id", "area_id"))
    demo.load()
    assert sorted(DirectoryService.areas.through.objects.values_list("directoryservice_id", "area_id")) == before


def test_demo_venues_have_real_looking_addresses_in_their_own_area():
    from jointly.providers.demo_venues import TOWNS
    from jointly.providers.models import ServiceLocation
    from jointly.providers.validation import POSTCODE

    partnerships_demo.load()
    demo.load()
    venues = list(ServiceLocation.objects.select_related("area", "service__organisation"))
    assert len(venues) >= 200
    for venue in venues:
        assert venue.address_1 and venue.city and POSTCODE.match(venue.postcode), venue
        # The town and postcode district are one of the venue's own authority's (without ward shapes, its trust area).
        towns = dict(TOWNS[venue.area.code])
        assert venue.city in towns and venue.postcode.split(" ")[0] in towns[venue.city], (venue.name, venue.city, venue.area)
    assert {"Plymouth", "Luton", "Peterborough", "Exeter"} <= {venue.city for venue in venues}
    # Without ward shapes an area-wide venue is named after its town.
    assert any(venue.name == "Plymouth Family Hub" for venue in venues)


def test_local_demo_venues_are_in_the_ward_they_serve_and_named_after_it():
    from jointly.places.models import Area
    from jointly.providers.models import ServiceLocation

    partnerships_demo.load()
    plymouth = Area.objects.get(code="E06000026")
    for n in range(12):
        Area.objects.create(code=f"E0500{8940 + n}", name=f"Ward {n}", kind=Area.Kind.WARD, boundary_year=2013, parent=plymouth)
    demo.load()
    hubs = ServiceLocation.objects.filter(service__name="Family hub", service__organisation__name="Plymouth City Council").select_related("area")
    # The family hub meets in two of its three wards, each venue named after its ward and in Plymouth.
    assert hubs.count() == 2
    served = set(hubs.first().service.areas.values_list("code", flat=True))
    for hub in hubs:
        assert hub.area.kind == Area.Kind.WARD and hub.area.code in served
        assert hub.name == f"{hub.area.name} Family Hub" and hub.city == "Plymouth" and hub.postcode.startswith("PL")
