"""Reading the market from spend and the directory: what counts, for which trust, in a fixed number of queries."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jointly.markets import selectors
from jointly.markets.analysis import Basis, Dependency
from jointly.partnerships.models import Sector
from jointly.places.models import Area
from jointly.providers.models import DirectoryService

from ..factories import AreaFactory, OrganisationFactory
from .factories import SpendRecordFactory, listed_service, outcome


def _row(rows, slug):
    return next(row for row in rows if row.category.slug == slug)


def test_the_overview_measures_each_category_from_spend(trust, market):
    rows = selectors.market_rows([trust], year="2026-27")
    assert [row.category.slug for row in rows] == [
        "be-healthy",
        "stay-safe",
        "enjoy-and-achieve",
        "make-a-positive-contribution",
        "achieve-economic-well-being",
    ]
    safe = _row(rows, "stay-safe").market
    assert (safe.basis, safe.hhi, safe.total, safe.provider_count) == (Basis.SPEND, 3800, Decimal("1000.00"), 3)
    assert safe.largest.provider.name == "Plymouth City Council" and safe.largest.share == Decimal("50.0")
    assert safe.vcs_share == Decimal("30.0")
    assert [p.name for p in safe.change.entered] == ["Moorview Care Ltd"] and safe.change.exited == ()
    assert _row(rows, "be-healthy").market.basis == Basis.NONE


def test_the_first_year_on_record_has_nothing_to_compare(trust, market):
    safe = _row(selectors.market_rows([trust], year="2025-26"), "stay-safe").market
    assert safe.change is None
    assert safe.hhi == 5200  # 60% and 40%: 3,600 + 1,600


def test_a_tier_narrows_the_category(trust, council, charity, stay_safe):
    SpendRecordFactory(trust=trust, partner=council, provider=council, amount=900, outcome_area=stay_safe, tier="specialist")
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=100, outcome_area=stay_safe, tier="targeted")
    targeted = _row(selectors.market_rows([trust], year="2026-27", tier="targeted"), "stay-safe").market
    assert targeted.provider_count == 1 and targeted.dependency == Dependency.SOLE
    everything = _row(selectors.market_rows([trust], year="2026-27"), "stay-safe").market
    assert everything.dependency == Dependency.DOMINANT  # 900 of 1,000 = 90%, above 80%


def test_another_trusts_spend_does_not_count(trust, other_trust, market, stay_safe):
    SpendRecordFactory(trust=other_trust, provider=OrganisationFactory(), amount=10_000, outcome_area=stay_safe)
    assert _row(selectors.market_rows([trust], year="2026-27"), "stay-safe").market.total == Decimal("1000.00")


def test_a_provider_counts_once_whatever_its_sector_on_each_record(trust, council, charity, stay_safe):
    """The charity's records say VCS for £300 and social enterprise for £100: one provider, VCS (more of the money)."""
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=300, outcome_area=stay_safe)
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=100, outcome_area=stay_safe, provider_sector=Sector.SOCIAL_ENTERPRISE)
    safe = _row(selectors.market_rows([trust], year="2026-27"), "stay-safe").market
    assert safe.provider_count == 1 and safe.shares[0].provider.sector == Sector.VCS and safe.total == Decimal("400.00")


def test_without_spend_the_directory_is_measured(trust, charity, care_company):
    """Two services of the charity (one in the trust's area, one in a ward inside it) and one of the company: 2 to 1.

    Shares 66.7% and 33.3%: HHI (2/3)² + (1/3)² of 10,000 = 4,444 + 1,111 = 5,556 (5,555.6 rounded).
    A closed service, an unpublished entry's service and a service elsewhere do not count.
    """
    ward = AreaFactory(code="E05000001", kind=Area.Kind.WARD, parent=trust.area)
    listed_service(charity, outcome_slug="stay-safe", areas=[trust.area])
    listed_service(charity, outcome_slug="stay-safe", areas=[ward, trust.area], name="Second")
    listed_service(care_company, outcome_slug="stay-safe", areas=[ward])
    listed_service(care_company, outcome_slug="stay-safe", areas=[trust.area], status=DirectoryService.Status.DEFUNCT, name="Closed")
    listed_service(OrganisationFactory(), outcome_slug="stay-safe", areas=[trust.area], published=False)
    listed_service(OrganisationFactory(), outcome_slug="stay-safe", areas=[AreaFactory()])
    safe = _row(selectors.market_rows([trust], year=""), "stay-safe")
    assert safe.market.basis == Basis.DIRECTORY
    assert [(s.provider.name, s.provider.amount) for s in safe.market.shares] == [("Harbour Families", 2), ("Moorview Care Ltd", 1)]
    assert safe.market.hhi == 5556
    assert safe.directory_providers == 2


def test_a_trusts_own_outcome_area_is_a_category_for_that_trust_only(trust, other_trust):
    from jointly.needs.models import OutcomeArea

    OutcomeArea.objects.create(name="Ready for adulthood", slug="ready-for-adulthood", trust=trust, order=200)
    categories = selectors.categories_for([trust, other_trust])
    assert categories[trust.pk][-1].slug == "ready-for-adulthood"
    assert "ready-for-adulthood" not in [c.slug for c in categories[other_trust.pk]]
    assert selectors.category_for(trust=other_trust, slug="ready-for-adulthood") is None


def test_category_detail_gives_entries_and_exits_for_every_pair_of_years(trust, council, charity, care_company, stay_safe):
    """2024-25: council. 2025-26: council, charity (entered). 2026-27: company (entered); council and charity exited."""
    for year, provider in (("2024-25", council), ("2025-26", council), ("2025-26", charity), ("2026-27", care_company)):
        SpendRecordFactory(trust=trust, partner=council, provider=provider, amount=100, year=year, outcome_area=stay_safe)
    years = selectors.spend_years([trust])[trust.pk]
    assert years == ["2026-27", "2025-26", "2024-25"]
    detail = selectors.category_detail(trust=trust, category=stay_safe, year="2026-27", tier="", years=years)
    assert [(c.year, [p.name for p in c.entered], [p.name for p in c.exited]) for c in detail.changes] == [
        ("2026-27", ["Moorview Care Ltd"], ["Harbour Families", "Plymouth City Council"]),
        ("2025-26", ["Harbour Families"], []),
    ]


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_reads_take_the_same_number_of_queries_however_many_rows(trust, other_trust, council, stay_safe):
    def read():
        years = selectors.spend_years([trust, other_trust])
        selectors.market_rows([trust, other_trust], year="2026-27", years_by_trust=years)
        selectors.category_detail(trust=trust, category=stay_safe, year="2026-27", tier="", years=years[trust.pk])

    SpendRecordFactory(trust=trust, partner=council, provider=council, amount=1, outcome_area=stay_safe)
    few = _queries(read)
    for n in range(12):
        provider = OrganisationFactory()
        for year in ("2025-26", "2026-27"):
            SpendRecordFactory(
                trust=trust, partner=council, provider=provider, amount=10 + n, year=year, outcome_area=outcome(["stay-safe", "be-healthy"][n % 2])
            )
        listed_service(provider, outcome_slug="stay-safe", areas=[trust.area, other_trust.area])
    # years 1; overview 5 (spend, directory 3: places, their links, services; categories); detail 4 (spend, directory 3)
    assert _queries(read) == few == 10


def test_a_ward_counts_its_own_spend_and_the_authority_wide_spend(trust, wards_market):
    ward_a = selectors.place_scope(trust, "E05000901")
    safe = _row(selectors.market_rows([trust], year="2026-27", place=ward_a), "stay-safe").market
    assert [(s.provider.name, s.provider.amount) for s in safe.shares] == [("Plymouth City Council", 600), ("Harbour Families", 300)]
    assert safe.hhi == 5556 and safe.total == Decimal("900.00")


def test_a_district_counts_the_spend_in_its_wards_but_not_in_other_wards(trust, wards_market):
    north = selectors.place_scope(trust, "e07000901")  # codes are matched whatever their case
    safe = _row(selectors.market_rows([trust], year="2026-27", place=north), "stay-safe").market
    assert [s.provider.name for s in safe.shares] == ["Plymouth City Council", "Harbour Families", "Moorview Care Ltd"]
    assert safe.hhi == 4600
    whole = _row(selectors.market_rows([trust], year="2026-27"), "stay-safe").market
    assert whole.total == Decimal("1050.00") and whole.provider_count == 4


def test_a_ward_counts_directory_services_that_reach_it(trust, charity, care_company, wards_market):
    """The charity serves ward A; the company serves the whole area; a club serves ward B only: ward A sees two."""
    listed_service(charity, outcome_slug="stay-safe", areas=[wards_market["a"]])
    listed_service(care_company, outcome_slug="stay-safe", areas=[trust.area])
    listed_service(OrganisationFactory(name="Ward B Club"), outcome_slug="stay-safe", areas=[wards_market["b"]])
    row = _row(selectors.market_rows([trust], year="", place=selectors.place_scope(trust, "E05000901")), "stay-safe")
    assert sorted(s.provider.name for s in row.market.shares) == ["Harbour Families", "Moorview Care Ltd"]
    # The district reaches all three: its wards' services and the area's.
    district = _row(selectors.market_rows([trust], year="", place=selectors.place_scope(trust, "E07000901")), "stay-safe")
    assert district.directory_providers == 3


def test_only_places_inside_the_trusts_area_can_be_chosen(trust, other_trust, wards_market):
    assert selectors.place_scope(trust, trust.area.code) is None  # the whole area is the default, not a narrowing
    assert selectors.place_scope(other_trust, "E05000901") is None
    assert selectors.place_scope(trust, "nonsense") is None
    groups = selectors.places_within(trust)
    assert [(label, [area.name for area in areas]) for label, areas in groups] == [
        ("Districts", ["North"]),
        ("Wards in North", ["Ward A", "Ward B"]),
        (f"Wards in {trust.area.name}", ["Ward C"]),
    ]


def test_the_vcse_share_counts_a_co_operative_from_spend_and_a_mutual_from_the_directory(trust, council, care_company, stay_safe):
    """Stay safe, 2026-27 spend: the council £500, a co-operative (private sector, legal form co-operative or mutual
    society) £300, the care company £200. The co-operative is VCSE: 30.0%.

    Be healthy, no spend: one directory service each from a mutual (private, mutual) and the care company:
    1 of 2 services, VCSE 50.0%.
    """
    from jointly.partnerships.models import LegalForm

    coop = OrganisationFactory(name="Moor Families Co-operative", sector=Sector.PRIVATE, legal_form=LegalForm.MUTUAL)
    for provider, amount in ((council, 500), (coop, 300), (care_company, 200)):
        SpendRecordFactory(trust=trust, partner=council, provider=provider, amount=amount, outcome_area=stay_safe)
    listed_service(coop, outcome_slug="be-healthy", areas=[trust.area])
    listed_service(care_company, outcome_slug="be-healthy", areas=[trust.area])
    rows = selectors.market_rows([trust], year="2026-27")
    assert _row(rows, "stay-safe").market.vcs_share == Decimal("30.0")
    healthy = _row(rows, "be-healthy").market
    assert healthy.basis == Basis.DIRECTORY and healthy.vcs_share == Decimal("50.0")
