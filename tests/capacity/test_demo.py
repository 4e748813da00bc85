"""The demo loader: support needs for a realistic share, offers and events with bookings, two dozen listings; idempotent and fast."""

import time

import pytest
from django.utils import timezone

from jointly.capacity import demo
from jointly.capacity.models import Event, Interest, Offer, PartnerListing, Registration, SupportNeed
from jointly.partnerships import demo as partnerships_demo
from jointly.partnerships.models import Organisation, Sector


@pytest.mark.django_db
def test_demo_loads_every_part_once_and_quickly():
    partnerships_demo.load()
    started = time.monotonic()
    demo.load()
    took = time.monotonic() - started
    counts = (
        SupportNeed.objects.count(),
        Offer.objects.count(),
        Event.objects.count(),
        Registration.objects.count(),
        PartnerListing.objects.count(),
        Interest.objects.count(),
    )
    demo.load()
    assert (
        SupportNeed.objects.count(),
        Offer.objects.count(),
        Event.objects.count(),
        Registration.objects.count(),
        PartnerListing.objects.count(),
        Interest.objects.count(),
    ) == counts
    # The offer with no dates has people interested in it.
    assert Interest.objects.filter(offer__events__isnull=True).count() == demo.DEMO_INTERESTS
    assert took < 20, f"the capacity demo took {took:.1f}s"

    smaller = Organisation.objects.filter(sector__in=[Sector.VCS, Sector.SOCIAL_ENTERPRISE], partnerships__statutory=False).distinct().count()
    assert 0.4 * smaller <= counts[0] <= 0.8 * smaller
    assert SupportNeed.objects.filter(organisation__name="Plymouth Young Carers Project").exists()
    assert set(Offer.objects.values_list("trust__region__slug", flat=True)) == {"peninsula", "east-of-england"}
    assert Event.objects.filter(status=Event.Status.FULL, registrations__status=Registration.Status.WAITING).exists()
    assert Event.objects.filter(status=Event.Status.CLOSED, ends_at__lt=timezone.now(), registrations__isnull=False).exists()  # one past
    listed = PartnerListing.objects.filter(status=PartnerListing.Status.LISTED)
    assert listed.count() == demo.LISTED_ORGANISATIONS
    assert not listed.filter(organisation__name="Plymouth Young Carers Project").exists()  # left for the demo provider to opt in
