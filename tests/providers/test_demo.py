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
