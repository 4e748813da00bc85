"""Assessment migration 0002: evidence names children's groups by the one vocabulary's codes."""

import importlib

from jointly.assessment.models import EvidenceItem
from jointly.needs.vocabulary import Group

from ..factories import OrganisationFactory, TrustFactory

moving = importlib.import_module("jointly.assessment.migrations.0002_evidence_groups_to_one_vocabulary")


def test_every_old_code_has_a_group_in_the_vocabulary():
    assert set(moving.NEW_CODE.values()) <= set(Group.values)
    assert len(set(moving.NEW_CODE.values())) == len(moving.NEW_CODE)  # no two old groups became one


def test_evidence_groups_are_renamed_and_unknown_ones_kept(migrator):
    old = migrator.migrate(("assessment", "0001_initial"))
    item = old.get_model("assessment", "EvidenceItem").objects.create(
        trust_id=TrustFactory().pk,
        title="Carers",
        summary="What we heard.",
        kind="research",
        source_organisation_id=OrganisationFactory().pk,
        dated="2026-01-01",
        groups=["young_carers", "sen", "martians", "poverty"],
    )

    migrator.latest()

    assert EvidenceItem.objects.get(pk=item.pk).groups == ["low_income_families", "martians", "special_educational_needs", "young_carers"]
    back = migrator.migrate(("assessment", "0001_initial"))
    assert back.get_model("assessment", "EvidenceItem").objects.get(pk=item.pk).groups == ["martians", "poverty", "sen", "young_carers"]
