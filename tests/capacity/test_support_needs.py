"""Support needs: an organisation's current answer, the trust summary by size band and sector, and offers that meet it."""

import datetime

import pytest

from jointly.audit.models import AuditEntry
from jointly.capacity import selectors, services
from jointly.capacity.models import SupportNeed
from jointly.core.errors import FieldErrors
from jointly.partnerships.models import Sector, SizeBand

from ..downloads import csv_lines
from ..factories import OrganisationFactory, TrustPartnerFactory
from .conftest import make_offer

pytestmark = pytest.mark.django_db


def test_the_current_answer_is_kept_with_its_date_and_the_earlier_one_in_the_audit_trail(provider_org, provider_user):
    services.support_need_report(organisation=provider_org, by=provider_user, kinds=["bids", "governance"], other="", today=datetime.date(2026, 9, 1))
    need = services.support_need_report(
        organisation=provider_org, by=provider_user, kinds=["legal"], other="Help with a lease", today=datetime.date(2026, 10, 1)
    )
    assert SupportNeed.objects.count() == 1
    assert (need.kinds, need.other, need.reported_on) == (["legal"], "Help with a lease", datetime.date(2026, 10, 1))
    change = AuditEntry.objects.filter(object_type="capacity.supportneed", action=AuditEntry.Action.UPDATE).get()
    assert change.before["kinds"] == ["bids", "governance"] and change.after["kinds"] == ["legal"]


def test_an_answer_needs_a_kind_from_the_list_or_words(provider_org, provider_user):
    with pytest.raises(FieldErrors) as caught:
        services.support_need_report(organisation=provider_org, by=provider_user, kinds=[], other=" ")
    assert "Select the help" in caught.value.errors["kinds"]
    with pytest.raises(FieldErrors):
        services.support_need_report(organisation=provider_org, by=provider_user, kinds=["flying"], other="")
    need = services.support_need_report(organisation=provider_org, by=provider_user, kinds=[], other="A volunteer coordinator")
    assert need.kinds == []


def test_the_summary_counts_partner_organisations_by_kind_size_and_sector(trust, other_trust, commissioner):
    # Three partners report; a fourth partner does not; an organisation of another trust is not counted.
    #   micro VCS: bids, legal      small VCS: bids      medium social enterprise: bids, premises
    # bids = 3 (1 micro, 1 small, 1 medium; 2 VCS, 1 social enterprise); legal = 1; premises = 1; the rest 0.
    def partner(size, sector, trust=trust):
        organisation = OrganisationFactory(size_band=size, sector=sector)
        TrustPartnerFactory(trust=trust, organisation=organisation)
        return organisation

    for organisation, kinds in (
        (partner(SizeBand.MICRO, Sector.VCS), ["bids", "legal"]),
        (partner(SizeBand.SMALL, Sector.VCS), ["bids"]),
        (partner(SizeBand.MEDIUM, Sector.SOCIAL_ENTERPRISE), ["bids", "premises"]),
        (partner(SizeBand.SMALL, Sector.VCS, trust=other_trust), ["bids", "digital"]),
    ):
        services.support_need_report(organisation=organisation, by=commissioner, kinds=kinds)
    partner(SizeBand.LARGE, Sector.VCS)
    summary = selectors.support_summary(trust=trust)
    rows = {row.kind: row for row in summary.rows}
    assert (summary.partners, summary.reported) == (4, 3)
    assert rows["bids"].total == 3 and rows["legal"].total == 1 and rows["premises"].total == 1 and rows["digital"].total == 0
    assert rows["bids"].by_size == {"micro": 1, "small": 1, "medium": 1, "large": 0, "major": 0, "": 0}
    assert rows["bids"].by_sector["vcs"] == 2 and rows["bids"].by_sector["social_enterprise"] == 1
    assert summary.sectors == [("vcs", "Voluntary and community sector"), ("social_enterprise", "Social enterprise")]
    lines = csv_lines(summary.csv_headings, summary.csv_rows)
    assert lines[0].startswith('kind_of_help,organisations,"size: Micro (income under £10,000)"')
    assert lines[1] == "Writing bids and tenders,3,1,1,1,0,0,0,2,1"


def test_an_organisation_sees_the_published_offers_of_its_trusts_that_meet_its_needs(
    trust, other_trust, commissioner, other_commissioner, provider_org, provider_user
):
    meets = make_offer(trust, commissioner, title="Tender writing", topics=["bids"])
    make_offer(trust, commissioner, title="Safeguarding basics", topics=["safeguarding"])
    make_offer(trust, commissioner, title="Draft bid clinic", topics=["bids"], publish=False)
    make_offer(other_trust, other_commissioner, title="Elsewhere", topics=["bids"])
    assert list(selectors.offers_meeting(None)) == []
    need = services.support_need_report(organisation=provider_org, by=provider_user, kinds=["bids", "legal"])
    assert [offer.pk for offer in selectors.offers_meeting(need)] == [meets.pk]
