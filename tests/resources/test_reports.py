"""Reports on small, hand-worked examples."""

from decimal import Decimal

import pytest

from jointly.partnerships.models import Sector
from jointly.resources.models import PooledFund, Purpose
from jointly.resources.reports import (
    PooledFundSummary,
    PreventionShare,
    SpendByOutcome,
    SpendByPartner,
    SpendBySector,
    VcsInvestment,
)
from jointly.resources.services import contribution_add, pooled_fund_create

from ..downloads import csv_lines
from ..factories import OrganisationFactory, TrustFactory
from .factories import SpendRecordFactory


@pytest.fixture
def spend(trust, council, icb, charity, care_company):
    """Council: £600 VCS prevention, £300 private intervention. ICB: £100 in-house intervention. Total £1,000."""
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=600, purpose=Purpose.PREVENTION)
    SpendRecordFactory(trust=trust, partner=council, provider=care_company, amount=300, purpose=Purpose.INTERVENTION)
    SpendRecordFactory(trust=trust, partner=icb, provider=icb, amount=100, purpose=Purpose.INTERVENTION)
    # Another year, not counted in 2026-27 reports.
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=5000, year="2025-26")


def test_spend_by_partner(trust, spend):
    report = SpendByPartner(trust=trust, year="2026-27")
    assert report.rows == [
        ("Plymouth City Council", Decimal("900.00"), Decimal("90.0")),
        ("NHS Devon Integrated Care Board", Decimal("100.00"), Decimal("10.0")),
    ]
    assert report.display_rows[-1] == ("Total", "£1,000", "100.0%")


def test_prevention_share_is_prevention_spend_over_all_spend(trust, spend):
    report = PreventionShare(trust=trust, year="2026-27")
    assert report.prevention_share == Decimal("60.0")
    assert ("Intervention", Decimal("400.00"), Decimal("40.0")) in report.rows


def test_spend_by_sector(trust, spend):
    rows = {label: part for label, _, part in SpendBySector(trust=trust, year="2026-27").rows}
    assert rows == {"Voluntary and community sector": Decimal("60.0"), "Private sector": Decimal("30.0"), "NHS": Decimal("10.0")}


def test_spend_without_an_outcome_is_named_so(trust, spend):
    assert SpendByOutcome(trust=trust, year="2026-27").rows[0][0] == "No outcome area recorded"


def test_vcs_share_is_vcs_spend_over_all_spend_for_each_trust_and_year(trust, spend, other_trust):
    essex_council = OrganisationFactory(sector=Sector.LOCAL_AUTHORITY)
    SpendRecordFactory(trust=other_trust, partner=essex_council, provider=essex_council, amount=300)
    report = VcsInvestment(trusts=[trust, other_trust], scope_name="Both")
    assert report.rows == [
        ("Essex Children's Trust", "2026-27", Decimal("0.00"), Decimal("300.00"), Decimal("0.0")),
        ("Plymouth Children's Trust", "2026-27", Decimal("600.00"), Decimal("1000.00"), Decimal("60.0")),
        ("Plymouth Children's Trust", "2025-26", Decimal("5000.00"), Decimal("5000.00"), Decimal("100.0")),
    ]
    assert csv_lines(report.csv_headings, report.csv_rows)[2] == "Plymouth Children's Trust,2026-27,600.00,1000.00,60.0"


def test_the_vcs_report_is_one_query_whatever_the_number_of_trusts(django_assert_num_queries, spend):
    trusts = [TrustFactory() for _ in range(3)]
    for other in trusts:
        SpendRecordFactory(trust=other)
    with django_assert_num_queries(1):
        rows = VcsInvestment(trusts=trusts, scope_name="Three").rows
    assert [row[0] for row in rows] == sorted(t.name for t in trusts)


def test_pooled_fund_contributions_and_their_shares(trust, council, icb):
    fund = pooled_fund_create(
        trust=trust,
        name="CAMHS",
        kind=PooledFund.Kind.POOLED,
        host=icb,
        year="2026-27",
        legal_basis=PooledFund.LegalBasis.NHS_ACT_S75,
    )
    contribution_add(fund=fund, organisation=council, amount=250)
    contribution_add(fund=fund, organisation=icb, amount=700)
    contribution_add(fund=fund, organisation=council, amount=50, in_kind=True)
    report = PooledFundSummary(fund=fund)
    assert report.rows == [
        ("NHS Devon Integrated Care Board", False, Decimal("700.00"), Decimal("70.0")),
        ("Plymouth City Council", False, Decimal("250.00"), Decimal("25.0")),
        ("Plymouth City Council", True, Decimal("50.00"), Decimal("5.0")),
    ]
    assert report.display_rows[2] == ("Plymouth City Council (in kind)", "£50", "5.0%")


def test_a_report_with_no_spend_has_no_rows_and_an_empty_chart(trust):
    report = SpendByPartner(trust=trust, year="2026-27")
    assert report.rows == [] and report.chart.bars == []


def test_the_chart_describes_the_largest_bar(trust, spend):
    chart = SpendByPartner(trust=trust, year="2026-27").chart
    assert "The largest is 'Plymouth City Council' at £900" in chart.description
    assert chart.bars[0].width > chart.bars[1].width > 0


def test_vcse_investment_counts_social_enterprises_co_operatives_and_mutuals(trust, council):
    """Five providers paid £100 each by the council, £500 in all.

    A charity (VCS), a CIC (social enterprise), a co-operative recorded as private sector with the legal form
    "co-operative or mutual society", a private company, and the police. The first three are the VCSE:
    £300 of £500, 60.0%. The police and the company are not.
    """
    from jointly.partnerships.models import LegalForm

    providers = [
        OrganisationFactory(sector=Sector.VCS, legal_form=LegalForm.CIO),
        OrganisationFactory(sector=Sector.SOCIAL_ENTERPRISE, legal_form=LegalForm.CIC),
        OrganisationFactory(sector=Sector.PRIVATE, legal_form=LegalForm.MUTUAL),
        OrganisationFactory(sector=Sector.PRIVATE, legal_form=LegalForm.COMPANY),
        OrganisationFactory(sector=Sector.POLICE, legal_form=LegalForm.STATUTORY_BODY),
    ]
    for provider in providers:
        SpendRecordFactory(trust=trust, partner=council, provider=provider, amount=100)
    assert VcsInvestment(trusts=[trust], scope_name="Plymouth").rows == [
        ("Plymouth Children's Trust", "2026-27", Decimal("300.00"), Decimal("500.00"), Decimal("60.0"))
    ]
