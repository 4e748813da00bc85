import datetime

import pytest

from jointly.assessment.models import EvidenceItem, EvidenceKind
from jointly.assessment.selectors import evidence_list, vcs_share
from jointly.assessment.services.evidence import evidence_accept, evidence_decline, evidence_submit
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.partnerships.models import Sector

from ..factories import OrganisationFactory
from .factories import EvidenceFactory, VcsOrganisationFactory, outcome


def _submit(trust, user, organisation, **extra):
    return evidence_submit(
        trust=trust,
        title="Young carers miss school",
        summary="Half the young carers we support miss a day a week.",
        kind=EvidenceKind.VCS_INTELLIGENCE,
        source_organisation=organisation,
        dated=datetime.date(2026, 5, 1),
        by=user,
        **extra,
    )


def test_a_provider_submits_evidence_for_its_own_organisation(trust, provider_user, provider_org):
    item = _submit(trust, provider_user, provider_org, outcome_areas=[outcome("enjoy-and-achieve")], groups=["young_carers"])
    assert item.status == EvidenceItem.Status.SUBMITTED
    assert item.submitted_by == provider_user
    assert item.group_labels == ["Young carers"]


def test_a_provider_cannot_submit_in_another_organisations_name(trust, provider_user, other_provider_org):
    with pytest.raises(FieldErrors) as error:
        _submit(trust, provider_user, other_provider_org)
    assert "source_organisation" in error.value.errors
    assert not EvidenceItem.objects.exists()


def test_unknown_groups_are_refused(trust, commissioner, provider_org):
    with pytest.raises(FieldErrors) as error:
        _submit(trust, commissioner, provider_org, groups=["special_educational_needs", "martians"])
    assert "martians" in error.value.errors["groups"]


def test_accept_and_decline(trust, provider_user, provider_org, analyst):
    item = _submit(trust, provider_user, provider_org)
    accepted = evidence_accept(item=item, by=analyst)
    assert accepted.status == EvidenceItem.Status.ACCEPTED and accepted.decided_by == analyst
    with pytest.raises(
        InvalidTransition,
        match=("This evidence item is accepted into the assessment, so you cannot decline it. You can decline it only when it is submitted."),
    ):
        evidence_decline(item=accepted, by=analyst, note="Too late")


def test_declining_needs_a_reason(trust, provider_user, provider_org, analyst):
    item = _submit(trust, provider_user, provider_org)
    with pytest.raises(FieldErrors):
        evidence_decline(item=item, by=analyst, note="  ")
    declined = evidence_decline(item=item, by=analyst, note="Covered by the school census")
    assert declined.status == EvidenceItem.Status.DECLINED
    # Evidence not used can still be accepted later.
    assert evidence_accept(item=declined, by=analyst).status == EvidenceItem.Status.ACCEPTED


def test_every_problem_with_a_contribution_is_given_at_once(trust, other_trust, provider_user, other_provider_org):
    from jointly.needs.models import OutcomeArea

    theirs = OutcomeArea.objects.create(name="Theirs", slug="theirs", trust=other_trust)
    with pytest.raises(FieldErrors) as error:
        evidence_submit(
            trust=trust,
            title=" ",
            summary="S",
            kind=EvidenceKind.RESEARCH,
            source_organisation=other_provider_org,
            dated=datetime.date(2026, 5, 1),
            by=provider_user,
            outcome_areas=[theirs],
            groups=["martians"],
        )
    assert set(error.value.errors) == {"title", "source_organisation", "outcome_areas", "groups"}
    assert not EvidenceItem.objects.exists()


def test_vcs_share_hand_worked(trust):
    """Five accepted items, two from the VCS; one submitted VCS item that does not count.

    Overall 2 of 5 = 40%. Be healthy: items 1, 2 (VCS) and 3 = 2 of 3 = 66.7%.
    Stay safe: items 1 (VCS) and 4 = 1 of 2 = 50%.
    """
    vcs, council = VcsOrganisationFactory(), OrganisationFactory(sector=Sector.LOCAL_AUTHORITY)
    healthy, safe = outcome("be-healthy"), outcome("stay-safe")
    EvidenceFactory(trust=trust, source_organisation=vcs).outcome_areas.set([healthy, safe])
    EvidenceFactory(trust=trust, source_organisation=vcs).outcome_areas.set([healthy])
    EvidenceFactory(trust=trust, source_organisation=council).outcome_areas.set([healthy])
    EvidenceFactory(trust=trust, source_organisation=council).outcome_areas.set([safe])
    EvidenceFactory(trust=trust, source_organisation=council)
    EvidenceFactory(trust=trust, source_organisation=vcs, status=EvidenceItem.Status.SUBMITTED).outcome_areas.set([safe])
    overall, per_area = vcs_share(trust=trust)
    assert (overall.vcs, overall.total, overall.percent) == (2, 5, 40.0)
    assert [(s.label, s.vcs, s.total, s.percent) for s in per_area] == [
        ("Be healthy", 2, 3, 66.7),
        ("Stay safe", 1, 2, 50.0),
    ]


def test_the_vcse_share_counts_social_enterprises_co_operatives_and_mutuals(trust, commissioner):
    """Four accepted items, one each from a CIC (social enterprise), a co-operative recorded as private sector
    with the legal form "co-operative or mutual society", a private company and the NHS.

    The CIC and the co-operative are the VCSE: 2 of 4 = 50%. The "VCSE" filter lists those two, "other" the rest.
    """
    from jointly.partnerships.models import LegalForm

    cic = EvidenceFactory(trust=trust, source_organisation=OrganisationFactory(sector=Sector.SOCIAL_ENTERPRISE, legal_form=LegalForm.CIC))
    coop = EvidenceFactory(trust=trust, source_organisation=OrganisationFactory(sector=Sector.PRIVATE, legal_form=LegalForm.MUTUAL))
    firm = EvidenceFactory(trust=trust, source_organisation=OrganisationFactory(sector=Sector.PRIVATE, legal_form=LegalForm.COMPANY))
    nhs = EvidenceFactory(trust=trust, source_organisation=OrganisationFactory(sector=Sector.NHS))
    overall, _ = vcs_share(trust=trust)
    assert (overall.vcs, overall.total, overall.percent) == (2, 4, 50.0)
    assert set(evidence_list(user=commissioner, trust=trust, sector="vcs")) == {cic, coop}
    assert set(evidence_list(user=commissioner, trust=trust, sector="other")) == {firm, nhs}


def test_vcs_share_of_nothing_is_no_percentage(trust):
    overall, per_area = vcs_share(trust=trust)
    assert overall.percent is None and per_area == []


def test_evidence_list_filters_by_group_and_sector(trust, commissioner):
    sen = EvidenceFactory(trust=trust, groups=["disabled_children", "special_educational_needs"], source_organisation=VcsOrganisationFactory())
    EvidenceFactory(trust=trust, groups=["special_educational_needs_other"], source_organisation=OrganisationFactory(sector=Sector.NHS))
    assert list(evidence_list(user=commissioner, group="special_educational_needs")) == [sen]
    assert list(evidence_list(user=commissioner, sector="vcs")) == [sen]


def test_a_provider_sees_only_its_own_contributions(trust, provider_user, provider_org):
    own = EvidenceFactory(trust=trust, source_organisation=provider_org)
    EvidenceFactory(trust=trust)
    assert list(evidence_list(user=provider_user)) == [own]
