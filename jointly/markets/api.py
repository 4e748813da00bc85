"""API for the market analysis: a trust's measures by category and year, one category in full, and a region.

The same permissions as the pages (MARKET_VIEW): another trust is "not found",
a role without the permission is "forbidden". Unlike the pages, a malformed
year or tier is an error rather than quietly replaced. Amounts are pounds on
the spend basis and numbers of services on the directory basis; shares are
percentages to one decimal place.
"""

from __future__ import annotations

from decimal import Decimal

from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import SizeBand, Trust
from jointly.providers.taxonomy import StaffBand
from jointly.resources.models import Tier, financial_year_problem

from . import analysis, selectors
from .analysis import CategoryMarket, Change, GroupCount
from .selectors import CategoryRow

router = Router(tags=["markets"])


class ChangeOut(Schema):
    previous_year: str
    year: str
    entered: list[str]
    exited: list[str]


class ProviderShareOut(Schema):
    provider: str
    name: str
    sector: str
    size_band: str
    staff_band: str
    amount: Decimal
    share: Decimal | None


class GroupOut(Schema):
    key: str
    providers: int
    amount: Decimal
    share: Decimal | None


class CategoryMarketOut(Schema):
    trust: str
    place: str  # the ONS code of the trust's area, or of the district or ward asked for
    category: str
    category_name: str
    year: str
    tier: str
    basis: str
    providers: int
    directory_providers: int
    total: Decimal
    vcs_share: Decimal | None
    largest_provider: str | None
    largest_share: Decimal | None
    hhi: int | None
    hhi_band: str | None
    dependency: str
    change: ChangeOut | None


class CategoryDetailOut(CategoryMarketOut):
    shares: list[ProviderShareOut]
    by_sector: list[GroupOut]
    by_size: list[GroupOut]
    by_staff: list[GroupOut]
    changes: list[ChangeOut]


def _change(change: Change | None) -> dict | None:
    if change is None:
        return None
    return {
        "previous_year": change.previous_year,
        "year": change.year,
        "entered": [p.slug for p in change.entered],
        "exited": [p.slug for p in change.exited],
    }


def _market(row: CategoryRow) -> dict:
    market: CategoryMarket = row.market
    return {
        "trust": row.trust.slug,
        "place": row.area.code,
        "category": row.category.slug,
        "category_name": row.category.name,
        "year": row.year,
        "tier": row.tier,
        "basis": market.basis.value,
        "providers": market.provider_count,
        "directory_providers": row.directory_providers,
        "total": market.total,
        "vcs_share": market.vcs_share,
        "largest_provider": market.largest.provider.slug if market.largest else None,
        "largest_share": market.largest.share if market.largest else None,
        "hhi": market.hhi,
        "hhi_band": market.band.value if market.band else None,
        "dependency": market.dependency.value,
        "change": _change(market.change),
    }


def _groups(groups: list[GroupCount]) -> list[dict]:
    return [{"key": g.key, "providers": g.providers, "amount": g.amount, "share": g.share} for g in groups]


def _place(trust: Trust, code: str) -> selectors.PlaceScope | None:
    if not code:
        return None
    scope = selectors.place_scope(trust, code)
    if scope is None:
        raise HttpError(400, f"place: {code[:20]} is not the ONS code of a district or ward in {trust.area.name}; leave it out for the whole area.")
    return scope


def _choices(year: str, tier: str, years: list[str]) -> tuple[str, str]:
    if year and financial_year_problem(year):
        raise HttpError(400, f"year: {financial_year_problem(year)}.")
    if tier and tier not in Tier.values:
        raise HttpError(400, f"tier: choose one of {', '.join(Tier.values)}, or leave it out for all tiers.")
    return year or (years[0] if years else ""), tier


@router.get("/markets/{slug}", response=list[CategoryMarketOut])
@paginate(PageNumberPagination, page_size=100)
def trust_market(request, slug: str, year: str = "", tier: str = "", place: str = ""):
    """Each category's measures for a trust in a financial year (the latest with spend when none is given),
    in the whole area or in one district or ward of it (`place`, an ONS code)."""
    trust = get_object_for(request.user, Perm.MARKET_VIEW, Trust.objects.select_related("area"), slug=slug)
    years_by_trust = selectors.spend_years([trust])
    year, tier = _choices(year, tier, years_by_trust.get(trust.pk, []))
    scope = _place(trust, place)
    rows = selectors.market_rows([trust], year=year, tier=tier, years_by_trust=years_by_trust, place=scope)
    return [_market(row) for row in rows]


@router.get("/markets/{slug}/categories/{category_slug}", response=CategoryDetailOut)
def trust_category(request, slug: str, category_slug: str, year: str = "", tier: str = "", place: str = ""):
    """One category in full: every provider's share, providers by sector and size, and entries and exits by year;
    in the whole area or in one district or ward of it (`place`, an ONS code)."""
    trust = get_object_for(request.user, Perm.MARKET_VIEW, Trust.objects.select_related("area"), slug=slug)
    category = selectors.category_for(trust=trust, slug=category_slug)
    if category is None:
        raise HttpError(404, f"The trust has no category '{category_slug}'.")
    years = selectors.spend_years([trust]).get(trust.pk, [])
    year, tier = _choices(year, tier, years)
    scope = _place(trust, place)
    detail = selectors.category_detail(trust=trust, category=category, year=year, tier=tier, years=years, place=scope)
    present = [share.provider for share in detail.row.market.shares]
    return {
        **_market(detail.row),
        "shares": [
            {
                "provider": s.provider.slug,
                "name": s.provider.name,
                "sector": s.provider.sector,
                "size_band": s.provider.size_band,
                "staff_band": s.provider.staff_band,
                "amount": s.provider.amount,
                "share": s.share,
            }
            for s in detail.row.market.shares
        ],
        "by_sector": _groups(analysis.by_sector(present)),
        "by_size": _groups(analysis.by_size(present, SizeBand.values)),
        "by_staff": _groups(analysis.by_staff(present, StaffBand.values)),
        "changes": [_change(change) for change in detail.changes],
    }


@router.get("/markets/regions/{region_slug}", response=list[CategoryMarketOut])
@paginate(PageNumberPagination, page_size=100)
def region_market(request, region_slug: str, year: str = "", tier: str = ""):
    """The same measures for each trust of the region that the person's work covers."""
    _, trusts = selectors.region_trusts_for(user=request.user, region_slug=region_slug)
    years_by_trust = selectors.spend_years(trusts)
    year, tier = _choices(year, tier, selectors.years_of(years_by_trust))
    return [_market(row) for row in selectors.region_rows(trusts, year=year, tier=tier, years_by_trust=years_by_trust)]
