"""The demo: every trust with priorities has a map showing gaps and overlaps; in-house and contracted services are judged; loading twice adds nothing."""

import pytest
from django.urls import reverse

from jointly.assessment import demo as assessment_demo
from jointly.assessment.models import Priority
from jointly.mapping import demo, selectors
from jointly.mapping.models import EfficacyJudgement, MapEntry, MappedPriority
from jointly.partnerships import demo as partnerships_demo
from jointly.partnerships.models import Trust
from jointly.providers import demo as providers_demo
from jointly.resources import demo as resources_demo
from tests.conftest import kept_for_the_module


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    # Five demos: loaded once for the module's tests, not once each (tests/conftest.py).
    with kept_for_the_module(django_db_blocker):
        partnerships_demo.load()
        assessment_demo.load()
        providers_demo.load()
        resources_demo.load()
        demo.load()
        yield


@pytest.fixture
def loaded(_loaded_once, db):
    pass


def test_every_trust_with_priorities_shows_gaps_and_overlaps(loaded):
    trusts = Trust.objects.filter(priorities__isnull=False).distinct()
    assert trusts.count() >= 2
    for trust in trusts:
        facts = selectors.map_facts(trust=trust)
        results = [facts.analyse(p.pk) for p in facts.priorities]
        assert facts.entries, trust.slug
        assert sum(len(r.place_gaps) + len(r.group_gaps) for r in results) > 0, trust.slug
        assert sum(len(r.overlaps) for r in results) > 0, trust.slug
        # Every mapped priority is the trust's own.
        assert not MappedPriority.objects.filter(entry__trust=trust).exclude(priority__trust=trust).exists()
        counts = selectors.judged_counts(facts)
        assert counts["in_house"]["judged"] >= 1 and counts["contracted"]["judged"] >= 1, trust.slug


def test_a_service_is_mapped_only_where_it_serves_the_prioritys_outcome_and_groups(loaded):
    rows = MappedPriority.objects.select_related("priority__outcome_area").prefetch_related(
        "entry__service__outcome_rows", "entry__service__group_rows", "priority__map_groups"
    )
    assert rows.exists()
    for row in rows:
        outcomes = {r.outcome_id for r in row.entry.service.outcome_rows.all()}
        assert row.priority.outcome_area_id in outcomes
        named = {r.group for r in row.entry.service.group_rows.all()}
        wanted = {g.group for g in row.priority.map_groups.all()}
        assert named & wanted if wanted else not named


def test_loading_twice_changes_nothing(loaded):
    before = (MapEntry.objects.count(), MappedPriority.objects.count(), EfficacyJudgement.objects.count())
    demo.load()
    assert (MapEntry.objects.count(), MappedPriority.objects.count(), EfficacyJudgement.objects.count()) == before


def test_the_demo_map_pages_render(loaded, client):
    from jointly.accounts.models import User

    from ..conftest import signed_in_client

    person = User.objects.get(email="commissioner@demo.jointly.example")
    if person.needs_second_factor and not person.totpdevice_set.exists():
        from ..factories import TOTPDeviceFactory

        TOTPDeviceFactory(user=person)
    client = signed_in_client(person)
    trust = Trust.objects.get(slug="plymouth")
    assert client.get(reverse("mapping:map", args=[trust.slug])).status_code == 200
    priority = Priority.objects.filter(trust=trust).order_by("pk").first()
    assert client.get(reverse("mapping:priority", args=[trust.slug, priority.pk])).status_code == 200
    entry = EfficacyJudgement.objects.filter(entry__trust=trust).first().entry
    page = client.get(reverse("mapping:service", args=[trust.slug, entry.pk])).content.decode()
    assert "Illustrative judgement for the demonstration" in page
