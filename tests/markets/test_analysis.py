"""The market arithmetic on small examples worked by hand (no database)."""

from decimal import Decimal

import pytest

from jointly.markets import analysis
from jointly.markets.analysis import Band, Basis, Dependency, ProviderAmount


def providers(*amounts, sectors=None) -> list[ProviderAmount]:
    sectors = sectors or ["vcs"] * len(amounts)
    return [
        ProviderAmount(provider_id=n, name=f"Provider {chr(65 + n)}", amount=Decimal(a), sector=s)
        for n, (a, s) in enumerate(zip(amounts, sectors, strict=True))
    ]


def test_shares_of_fifty_thirty_twenty():
    """£500, £300, £200 of £1,000: shares 50%, 30%, 20%; HHI 50² + 30² + 20² = 2,500 + 900 + 400 = 3,800."""
    market = providers(300, 500, 200)
    assert [(s.provider.name, s.share) for s in analysis.shares(market)] == [
        ("Provider B", Decimal("50.0")),
        ("Provider A", Decimal("30.0")),
        ("Provider C", Decimal("20.0")),
    ]
    assert analysis.hhi(market) == 3800
    assert analysis.hhi_band(3800) == Band.HIGH
    assert analysis.largest(market).share == Decimal("50.0")


def test_one_provider_is_the_whole_market():
    """One provider: 100² = 10,000, the largest the index can be, and a sole-provider dependency."""
    assert analysis.hhi(providers(750)) == 10_000
    assert analysis.dependency(providers(750)) == Dependency.SOLE


def test_ten_equal_providers_sit_on_the_unconcentrated_line():
    """Ten providers of 10% each: 10 × 10² = 1,000, the first value that is moderately concentrated."""
    assert analysis.hhi(providers(*[40] * 10)) == 1000
    assert analysis.hhi_band(1000) == Band.MODERATE
    assert analysis.hhi_band(999) == Band.UNCONCENTRATED


def test_the_highly_concentrated_line():
    """30%, 20% and five of 10%: 900 + 400 + 5 × 100 = 1,800, still moderately concentrated.
    31%, 19% and five of 10%: 961 + 361 + 500 = 1,822, highly concentrated."""
    assert analysis.hhi(providers(30, 20, 10, 10, 10, 10, 10)) == 1800
    assert analysis.hhi_band(1800) == Band.MODERATE
    assert analysis.hhi(providers(31, 19, 10, 10, 10, 10, 10)) == 1822
    assert analysis.hhi_band(1822) == Band.HIGH
    assert analysis.hhi_band(1801) == Band.HIGH


def test_hhi_is_worked_on_exact_shares_not_rounded_ones():
    """Three equal thirds: 3 × (100/3)² = 10,000/3 = 3,333.3, so 3,333.
    Rounding each share to 33.3% first would give 3 × 1,108.89 = 3,326.67: the exact sum avoids that drift."""
    assert analysis.hhi(providers(1, 1, 1)) == 3333
    assert [s.share for s in analysis.shares(providers(1, 1, 1))] == [Decimal("33.3")] * 3


def test_no_spend_has_no_shares_and_no_index():
    assert analysis.hhi(providers(0, 0)) is None
    assert analysis.hhi([]) is None
    assert analysis.hhi_band(None) is None
    assert analysis.largest([]) is None
    assert len(analysis.shares(providers(0, 5))) == 1, "a £0 record is not a presence in the market"


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        # 8,000 of 10,000 = 80%: exactly at the threshold, so a dependency.
        ((8000, 2000), Dependency.DOMINANT),
        # 7,999 of 10,000 = 79.99%: just below, so none (even though it shows as 80.0% to one decimal place).
        ((7999, 2001), Dependency.NONE),
        # 9 of 10 = 90%.
        ((9, 1), Dependency.DOMINANT),
        # 50/30/20: no.
        ((500, 300, 200), Dependency.NONE),
        ((10,), Dependency.SOLE),
        ((), Dependency.NONE),
    ],
)
def test_dependency_threshold(amounts, expected):
    assert analysis.DEPENDENCY_SHARE == Decimal(80)
    assert analysis.dependency(providers(*amounts)) == expected


def test_vcs_share_and_providers_by_sector():
    """£300 with the VCS of £1,000: 30.0%. Two VCS providers (£300), one council (£700)."""
    market = providers(100, 200, 700, sectors=["vcs", "vcs", "local_authority"])
    assert analysis.sector_share(market, "vcs") == analysis.third_sector_share(market) == Decimal("30.0")
    assert analysis.by_sector(market) == [
        analysis.GroupCount("vcs", 2, Decimal(300), Decimal("30.0")),
        analysis.GroupCount("local_authority", 1, Decimal(700), Decimal("70.0")),
    ]
    assert analysis.third_sector_share([]) is None


def test_the_vcse_share_counts_social_enterprises_co_operatives_and_mutuals():
    """£1,000 across five providers, £200 each.

    A: VCS charity; B: social enterprise (CIC); C: private sector, legal form co-operative or mutual society;
    D: private company; E: the council. A, B and C are the VCSE: £600 of £1,000 = 60.0%.
    The VCS alone would be 20.0%.
    """
    market = [
        ProviderAmount(1, "A", Decimal(200), sector="vcs", legal_form="cio"),
        ProviderAmount(2, "B", Decimal(200), sector="social_enterprise", legal_form="cic"),
        ProviderAmount(3, "C", Decimal(200), sector="private", legal_form="mutual"),
        ProviderAmount(4, "D", Decimal(200), sector="private", legal_form="company"),
        ProviderAmount(5, "E", Decimal(200), sector="local_authority", legal_form="statutory_body"),
    ]
    assert analysis.third_sector_share(market) == Decimal("60.0")
    assert analysis.sector_share(market, "vcs") == Decimal("20.0")
    assert analysis.measure(spend=market).vcs_share == Decimal("60.0")


def test_entries_and_exits_between_years():
    """A and B last year; B and C this year: C entered, A exited. D had a £0 record only, so it never entered."""
    a, b, c = (ProviderAmount(n, name, Decimal(10)) for n, name in enumerate("ABC"))
    d = ProviderAmount(3, "D", Decimal(0))
    change = analysis.entries_and_exits([a, b], [b, c, d], previous_year="2025-26", year="2026-27")
    assert [p.name for p in change.entered] == ["C"]
    assert [p.name for p in change.exited] == ["A"]


def test_previous_financial_year():
    assert analysis.previous_year("2026-27") == "2025-26"
    assert analysis.previous_year("2000-01") == "1999-00"


def test_measure_uses_spend_and_compares_with_the_year_before():
    before = providers(600, 400)
    now = providers(500, 300) + [ProviderAmount(9, "Newcomer", Decimal(200))]
    market = analysis.measure(spend=now, directory=providers(1), previous_spend=before, year="2026-27")
    assert market.basis == Basis.SPEND
    assert (market.hhi, market.band, market.total, market.provider_count) == (3800, Band.HIGH, Decimal(1000), 3)
    assert [p.name for p in market.change.entered] == ["Newcomer"] and market.change.exited == ()


def test_measure_falls_back_to_directory_services_and_says_so():
    """No spend: 3 services from A and 1 from B, so shares 75/25 and HHI 5,625 + 625 = 6,250."""
    market = analysis.measure(spend=[], directory=providers(3, 1), previous_spend=None, year="2026-27")
    assert market.basis == Basis.DIRECTORY
    assert market.hhi == 6250
    assert market.change is None, "no year before on record: nothing to compare"
    assert analysis.measure(spend=[], directory=[]).basis == Basis.NONE


def test_a_category_whose_providers_all_left_shows_the_exits():
    market = analysis.measure(spend=[], directory=[], previous_spend=providers(5, 5), year="2026-27")
    assert len(market.change.exited) == 2 and market.dependency == Dependency.NONE


def test_income_bands_are_listed_smallest_first_then_not_known():
    """Three large, one micro, two not known, one medium: by count the large band would lead;
    in band order it is micro (1), medium (1), large (3), then not known (2)."""
    bands = ["micro", "small", "medium", "large", "major"]
    sizes = ["large", "large", "large", "micro", "", "", "medium"]
    present = [ProviderAmount(provider_id=n, name=f"P{n}", amount=Decimal(10), sector="vcs", size_band=size) for n, size in enumerate(sizes)]
    assert [(g.key, g.providers) for g in analysis.by_size(present, bands)] == [("micro", 1), ("medium", 1), ("large", 3), ("", 2)]


def test_sectors_stay_in_order_of_how_many_providers():
    present = providers(10, 10, 10, sectors=["private", "vcs", "vcs"])
    assert [g.key for g in analysis.by_sector(present)] == ["vcs", "private"]
