"""Consultations migrations 0002–0004: free outcome tags become outcome areas, and unmatched tags are kept."""

import importlib

from jointly.consultations.models import Consultation
from jointly.needs.models import OutcomeArea

from ..factories import TrustFactory
from ..migrator import seed_outcome_areas
from .conftest import today

moving = importlib.import_module("jointly.consultations.migrations.0004_outcome_tags_to_outcome_areas")


class Area:
    def __init__(self, slug, name):
        self.slug, self.name = slug, name


def test_tags_match_by_name_or_slug_whatever_the_case_and_the_rest_are_kept():
    healthy, safe = Area("be-healthy", "Be healthy"), Area("stay-safe", "Stay safe")
    matched, other = moving.match_tags([" BE   healthy", "stay-safe", "be_healthy", "Parks", "", "Stay Safe", "Parks"], [healthy, safe])
    assert (matched, other) == ([healthy, safe], ["Parks"])


def _old_consultation(old, trust, title, tags, **fields):
    return old.get_model("consultations", "Consultation").objects.create(
        trust_id=trust.pk,
        title=title,
        slug=title.lower(),
        purpose="Why.",
        audiences=["staff"],
        outcome_tags=tags,
        opens_on=today(),
        closes_on=today(),
        report_due_on=today(),
        retention_until=today(),
        **fields,
    )


def test_each_consultation_links_its_tags_and_keeps_the_rest_as_other_themes(migrator):
    old = migrator.migrate(("consultations", "0003_consultation_outcome_areas"))
    seed_outcome_areas(old)
    trust, other_trust = TrustFactory(), TrustFactory()
    own = OutcomeArea.objects.create(trust=trust, name="Ready for adulthood", slug="ready-for-adulthood")
    OutcomeArea.objects.create(trust=other_trust, name="Parks and play", slug="parks-and-play")
    tagged = _old_consultation(old, trust, "Tagged", ["Enjoy and achieve", "be-healthy", "ready for adulthood", "Parks and play", "Transport"])
    untagged = _old_consultation(old, trust, "Untagged", [])

    migrator.latest()

    tagged = Consultation.objects.get(pk=tagged.pk)
    assert [area.slug for area in tagged.outcome_areas.order_by("order")] == ["be-healthy", "enjoy-and-achieve", own.slug]
    # Another trust's outcome area is not this consultation's: its name stays as text.
    assert tagged.other_themes == "Parks and play, Transport"
    untagged = Consultation.objects.get(pk=untagged.pk)
    assert (untagged.outcome_areas.count(), untagged.other_themes) == (0, "")

    back = migrator.migrate(("consultations", "0002_deadline_indexes"))
    tags = back.get_model("consultations", "Consultation").objects.get(pk=tagged.pk).outcome_tags
    assert sorted(tags) == sorted(["Be healthy", "Enjoy and achieve", "Ready for adulthood", "Parks and play", "Transport"])
