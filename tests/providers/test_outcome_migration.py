"""Providers migrations 0002–0004: the directory's outcome codes become links to the shared outcome areas."""

from jointly.providers.models import Revision, ServiceOutcome

from ..factories import OrganisationFactory
from ..migrator import seed_outcome_areas

BEFORE = ("providers", "0002_service_outcome_area")
FIRST = ("providers", "0001_initial")


def _service(apps):
    organisation = OrganisationFactory()
    return apps.get_model("providers", "DirectoryService").objects.create(
        organisation_id=organisation.pk, name="Club", description="A club.", tier="targeted", approach="prevention"
    )


def test_codes_become_outcome_areas_and_revisions_name_them_by_slug(migrator):
    old = migrator.migrate(BEFORE)
    seed_outcome_areas(old)
    service = _service(old)
    Outcome = old.get_model("providers", "ServiceOutcome")
    for code in ("be_healthy", "positive_contribution", "no_such_code"):
        Outcome.objects.create(service_id=service.pk, outcome=code)
    OldRevision = old.get_model("providers", "Revision")
    changed = OldRevision.objects.create(kind="service", data={"name": "Club", "outcome_areas": ["economic_wellbeing", "not_a_code"]})
    listing = OldRevision.objects.create(kind="listing", data={"organisation": {"name": "G"}, "service": {"outcome_areas": ["stay_safe"]}})
    profile = OldRevision.objects.create(kind="profile", data={"groups": ["young_carers"]})

    migrator.latest()

    rows = ServiceOutcome.objects.filter(service_id=service.pk).select_related("outcome").order_by("outcome__order")
    assert [(row.outcome.slug, row.outcome.trust_id) for row in rows] == [("be-healthy", None), ("make-a-positive-contribution", None)]
    # A code that stood for nothing has no row, but a revision keeps it as written.
    assert Revision.objects.get(pk=changed.pk).data["outcome_areas"] == ["achieve-economic-well-being", "not_a_code"]
    assert Revision.objects.get(pk=listing.pk).data["service"]["outcome_areas"] == ["stay-safe"]
    assert Revision.objects.get(pk=profile.pk).data == {"groups": ["young_carers"]}


def test_the_migration_goes_back_to_the_codes(migrator):
    old = migrator.migrate(BEFORE)
    seed_outcome_areas(old)
    service = _service(old)
    migrator.latest()
    from jointly.needs.models import OutcomeArea

    ServiceOutcome.objects.create(service_id=service.pk, outcome=OutcomeArea.objects.get(slug="enjoy-and-achieve", trust=None))
    revision = Revision.objects.create(kind="service", data={"outcome_areas": ["enjoy-and-achieve"]})

    first = migrator.migrate(FIRST)

    assert list(first.get_model("providers", "ServiceOutcome").objects.values_list("outcome", flat=True)) == ["enjoy_and_achieve"]
    assert first.get_model("providers", "Revision").objects.get(pk=revision.pk).data["outcome_areas"] == ["enjoy_and_achieve"]
