"""The data migrations, on rows made in the old shapes: forwards once for all of them, then back once.

Each schema step back and forth costs Django tens of seconds of rendering model states (and the
apps above those migrations step with them), so the module goes back to every migration it checks
in one step, makes each check's old rows, goes forward to the latest in one step, and later goes
back in one step for the checks of the way back. Each test reads its own rows.

- assessment 0002: evidence names children's groups by the one vocabulary's codes;
- consultations 0002–0004: free outcome tags become outcome areas and unmatched tags are kept;
  0006: "you said, we did" items already published become published, the rest drafts;
- capacity 0003–0005: partner listings' outcome codes become links to the shared outcome areas;
- providers 0002–0004: the directory's outcome codes become outcome areas, and revisions name them by slug.
"""

from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils import timezone

from jointly.assessment.models import EvidenceItem
from jointly.capacity.models import ListingOutcome
from jointly.consultations.models import Consultation, YouSaidWeDid
from jointly.needs.models import OutcomeArea
from jointly.providers.models import Revision, ServiceOutcome

from .factories import OrganisationFactory, TrustFactory
from .migrator import Migrator, seed_outcome_areas

BEFORE = [
    ("assessment", "0001_initial"),
    ("consultations", "0003_consultation_outcome_areas"),
    ("capacity", "0005_listing_outcome_area"),
    ("providers", "0002_service_outcome_area"),
]
BACK = [
    ("assessment", "0001_initial"),
    ("consultations", "0002_deadline_indexes"),
    ("capacity", "0004_state_labels_read_as_words"),
    ("providers", "0001_initial"),
]


def _consultation(old, trust, title, **fields):
    today = timezone.localdate()
    return old.get_model("consultations", "Consultation").objects.create(
        trust_id=trust.pk,
        title=title,
        slug=title.lower(),
        purpose="Why.",
        audiences=["staff"],
        opens_on=today,
        closes_on=today,
        report_due_on=today,
        retention_until=today,
        **fields,
    )


def _old_rows(old) -> SimpleNamespace:
    rows = SimpleNamespace()
    rows.evidence = old.get_model("assessment", "EvidenceItem").objects.create(
        trust_id=TrustFactory().pk,
        title="Carers",
        summary="What we heard.",
        kind="research",
        source_organisation_id=OrganisationFactory().pk,
        dated="2026-01-01",
        groups=["young_carers", "sen", "martians", "poverty"],
    )

    trust, other_trust = TrustFactory(), TrustFactory()
    rows.own_area = OutcomeArea.objects.create(trust=trust, name="Ready for adulthood", slug="ready-for-adulthood")
    OutcomeArea.objects.create(trust=other_trust, name="Parks and play", slug="parks-and-play")
    tags = ["Enjoy and achieve", "be-healthy", "ready for adulthood", "Parks and play", "Transport"]
    rows.tagged = _consultation(old, trust, "Tagged", outcome_tags=tags)
    rows.untagged = _consultation(old, trust, "Untagged", outcome_tags=[])
    reported = _consultation(old, trust, "Parks", status="reported")
    items = old.get_model("consultations", "YouSaidWeDid").objects
    rows.published = items.create(consultation_id=reported.pk, you_said="A", we_did="B", published_on=timezone.localdate())
    rows.later = items.create(consultation_id=reported.pk, you_said="C", we_did="D")

    rows.listing = old.get_model("capacity", "PartnerListing").objects.create(organisation_id=OrganisationFactory().pk, can_offer="A venue")
    for code in ("stay_safe", "economic_wellbeing", "no_such_code"):
        old.get_model("capacity", "ListingOutcome").objects.create(listing_id=rows.listing.pk, outcome=code)

    rows.service = old.get_model("providers", "DirectoryService").objects.create(
        organisation_id=OrganisationFactory().pk, name="Club", description="A club.", tier="targeted", approach="prevention"
    )
    for code in ("be_healthy", "positive_contribution", "no_such_code"):
        old.get_model("providers", "ServiceOutcome").objects.create(service_id=rows.service.pk, outcome=code)
    OldRevision = old.get_model("providers", "Revision")
    rows.changed = OldRevision.objects.create(kind="service", data={"name": "Club", "outcome_areas": ["economic_wellbeing", "not_a_code"]})
    rows.listing_revision = OldRevision.objects.create(
        kind="listing", data={"organisation": {"name": "G"}, "service": {"outcome_areas": ["stay_safe"]}}
    )
    rows.profile = OldRevision.objects.create(kind="profile", data={"groups": ["young_carers"]})
    return rows


@pytest.fixture(scope="module")
def migrated(django_db_setup, django_db_blocker):
    """Back to the old shapes, the old rows made, forward to the latest; emptied afterwards, as a transactional test is."""
    with django_db_blocker.unblock():
        migrator = Migrator()
        try:
            old = migrator.migrate(*BEFORE)
            seed_outcome_areas(old)
            rows = _old_rows(old)
            migrator.latest()
            yield SimpleNamespace(migrator=migrator, rows=rows)
        finally:
            migrator.latest()
            call_command("flush", verbosity=0, interactive=False, reset_sequences=False, allow_cascade=False, inhibit_post_migrate=False)
            seed_outcome_areas(django_apps)  # the shared outcome areas, which tests that follow may need


@pytest.fixture(scope="module")
def gone_back(migrated, django_db_blocker):
    """After the forward checks: rows in the new shapes, then back past every migration checked, in one step."""
    with django_db_blocker.unblock():
        enjoy = OutcomeArea.objects.get(slug="enjoy-and-achieve", trust=None)
        ServiceOutcome.objects.filter(service_id=migrated.rows.service.pk).delete()
        ServiceOutcome.objects.create(service_id=migrated.rows.service.pk, outcome=enjoy)
        revision = Revision.objects.create(kind="service", data={"outcome_areas": ["enjoy-and-achieve"]})
        back = migrated.migrator.migrate(*BACK)
        return SimpleNamespace(apps=back, revision=revision)


# Forwards (the database at the latest migrations).


def test_evidence_groups_are_renamed_and_unknown_ones_kept(migrated, db):
    assert EvidenceItem.objects.get(pk=migrated.rows.evidence.pk).groups == [
        "low_income_families",
        "martians",
        "special_educational_needs",
        "young_carers",
    ]


def test_each_consultation_links_its_tags_and_keeps_the_rest_as_other_themes(migrated, db):
    tagged = Consultation.objects.get(pk=migrated.rows.tagged.pk)
    assert [area.slug for area in tagged.outcome_areas.order_by("order")] == ["be-healthy", "enjoy-and-achieve", migrated.rows.own_area.slug]
    # Another trust's outcome area is not this consultation's: its name stays as text.
    assert tagged.other_themes == "Parks and play, Transport"
    untagged = Consultation.objects.get(pk=migrated.rows.untagged.pk)
    assert (untagged.outcome_areas.count(), untagged.other_themes) == (0, "")


def test_items_with_a_publication_date_are_published(migrated, db):
    assert YouSaidWeDid.objects.get(pk=migrated.rows.published.pk).status == YouSaidWeDid.Status.PUBLISHED
    assert YouSaidWeDid.objects.get(pk=migrated.rows.later.pk).status == YouSaidWeDid.Status.DRAFT


def test_listing_codes_become_outcome_areas(migrated, db):
    slugs = ListingOutcome.objects.filter(listing_id=migrated.rows.listing.pk).order_by("outcome__order").values_list("outcome__slug", flat=True)
    assert list(slugs) == ["stay-safe", "achieve-economic-well-being"]


def test_service_codes_become_outcome_areas_and_revisions_name_them_by_slug(migrated, db):
    rows = ServiceOutcome.objects.filter(service_id=migrated.rows.service.pk).select_related("outcome").order_by("outcome__order")
    assert [(row.outcome.slug, row.outcome.trust_id) for row in rows] == [("be-healthy", None), ("make-a-positive-contribution", None)]
    # A code that stood for nothing has no row, but a revision keeps it as written.
    assert Revision.objects.get(pk=migrated.rows.changed.pk).data["outcome_areas"] == ["achieve-economic-well-being", "not_a_code"]
    assert Revision.objects.get(pk=migrated.rows.listing_revision.pk).data["service"]["outcome_areas"] == ["stay-safe"]
    assert Revision.objects.get(pk=migrated.rows.profile.pk).data == {"groups": ["young_carers"]}


# Backwards (the database at BACK); these come after the forward checks in this module.


def test_evidence_groups_go_back(migrated, gone_back, db):
    item = gone_back.apps.get_model("assessment", "EvidenceItem").objects.get(pk=migrated.rows.evidence.pk)
    assert item.groups == ["martians", "poverty", "sen", "young_carers"]


def test_consultation_outcome_areas_go_back_to_tags(migrated, gone_back, db):
    tags = gone_back.apps.get_model("consultations", "Consultation").objects.get(pk=migrated.rows.tagged.pk).outcome_tags
    assert sorted(tags) == sorted(["Be healthy", "Enjoy and achieve", "Ready for adulthood", "Parks and play", "Transport"])


def test_listing_outcome_areas_go_back_to_codes(migrated, gone_back, db):
    codes = gone_back.apps.get_model("capacity", "ListingOutcome").objects.filter(listing_id=migrated.rows.listing.pk)
    assert sorted(codes.values_list("outcome", flat=True)) == ["economic_wellbeing", "stay_safe"]


def test_service_outcome_areas_go_back_to_codes(migrated, gone_back, db):
    outcomes = gone_back.apps.get_model("providers", "ServiceOutcome").objects.filter(service_id=migrated.rows.service.pk)
    assert list(outcomes.values_list("outcome", flat=True)) == ["enjoy_and_achieve"]
    assert gone_back.apps.get_model("providers", "Revision").objects.get(pk=gone_back.revision.pk).data["outcome_areas"] == ["enjoy_and_achieve"]
