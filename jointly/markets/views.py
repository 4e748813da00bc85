"""Market analysis pages: a trust's overview, one category, a region's trusts side by side, and their CSV files.

Every page asks `accounts.permissions` for MARKET_VIEW: another trust's pages
are "not found", a role without the permission is "forbidden" with the reason,
and anonymous people are sent to sign in.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core import downloads
from jointly.core.pagination import paginate
from jointly.partnerships.models import Trust

from . import selectors, tables
from .analysis import DEPENDENCY_SHARE, HHI_SOURCE, HIGHLY_CONCENTRATED_ABOVE, UNCONCENTRATED_BELOW

CATEGORY_TABLES = {
    "providers": tables.providers,
    "sectors": tables.by_sector,
    "sizes": tables.by_size,
    "staff": tables.by_staff,
}


def _trust(request, slug: str) -> Trust:
    return get_object_for(request.user, Perm.MARKET_VIEW, Trust.objects.select_related("region", "area"), slug=slug)


def _csv(table: tables.Table, filename: str) -> HttpResponse:
    return downloads.csv_response(filename=filename, headings=table.csv_headings, rows=table.csv_rows)


def _filename(prefix: str, year: str, tier: str, place: str = "") -> str:
    return "-".join(part for part in (prefix, place.lower(), "market", year or "directory", tier) if part)


def _choices(request, years: list[str]) -> tuple[str, str]:
    return selectors.pick_year(request.GET.get("year", ""), years), selectors.clean_tier(request.GET.get("tier", ""))


def _place(request, trust: Trust) -> tuple[selectors.PlaceScope | None, str]:
    """The district or ward asked for, or None for the whole area; and what was wrong with the request, if anything."""
    code = request.GET.get("place", "").strip()
    if not code:
        return None, ""
    scope = selectors.place_scope(trust, code)
    if scope is None:
        return None, f"{code[:20]} is not a district or ward in {trust.area.name}: choose a place from the list"
    return scope, ""


def _query(year: str, tier: str, place: str = "", **more) -> str:
    return urlencode({key: value for key, value in {"year": year, "tier": tier, "place": place, **more}.items() if value})


def _csv_url(year: str, tier: str, table: str = "", place: str = "") -> str:
    return "?" + _query(year, tier, place, format="csv", table=table)


def _code(scope: selectors.PlaceScope | None) -> str:
    return scope.area.code if scope else ""


def _in_place(scope: selectors.PlaceScope | None) -> str:
    return f", {scope.area.name}" if scope else ""


def _context(**extra) -> dict:
    """What every market page says about its measures."""
    return {
        "tiers": selectors.tier_choices(),
        "dependency_share": DEPENDENCY_SHARE,
        "unconcentrated_below": UNCONCENTRATED_BELOW,
        "highly_above": HIGHLY_CONCENTRATED_ABOVE,
        "hhi_source": HHI_SOURCE,
        **extra,
    }


def _crumbs(trust: Trust, *more):
    return [(trust.name, trust.get_absolute_url()), ("Market analysis", reverse("markets:overview", args=[trust.slug])), *more]


@login_required
def overview(request, slug):
    trust = _trust(request, slug)
    years_by_trust = selectors.spend_years([trust])
    years = years_by_trust.get(trust.pk, [])
    year, tier = _choices(request, years)
    place, place_error = _place(request, trust)
    rows = selectors.market_rows([trust], year=year, tier=tier, years_by_trust=years_by_trust, place=place)
    return _market_page(
        request,
        "markets/overview.html",
        rows,
        scope=trust,
        years=years,
        year=year,
        tier=tier,
        place=place,
        breadcrumbs=[(trust.name, trust.get_absolute_url()), ("Market analysis", "")],
        trust=trust,
        places=selectors.places_within(trust),
        place_error=place_error,
        region_query=_query(year, tier),
    )


@login_required
def category(request, slug, category_slug):
    trust = _trust(request, slug)
    the_category = selectors.category_for(trust=trust, slug=category_slug)
    if the_category is None:
        raise Http404("No such category.")
    years = selectors.spend_years([trust]).get(trust.pk, [])
    year, tier = _choices(request, years)
    place, place_error = _place(request, trust)
    code = _code(place)
    detail = selectors.category_detail(trust=trust, category=the_category, year=year, tier=tier, years=years, place=place)
    row = detail.row
    wanted = request.GET.get("table", "")
    if request.GET.get("format") == "csv":
        if wanted == "changes":
            table = tables.changes(row, detail.changes)
        elif wanted in CATEGORY_TABLES:
            table = CATEGORY_TABLES[wanted](row)
        else:
            raise Http404("No such table.")
        return _csv(table, _filename(f"{trust.slug}-{the_category.slug}-{wanted}", year, tier, code))
    provider_table = tables.providers(row)
    return render(
        request,
        "markets/category.html",
        _context(
            trust=trust,
            category=the_category,
            row=row,
            market=row.market,
            years=years,
            year=year,
            tier=tier,
            place=place,
            places=selectors.places_within(trust),
            place_error=place_error,
            charts=[(CATEGORY_TABLES[name](row), _csv_url(year, tier, name, code)) for name in ("sectors", "sizes", "staff")],
            provider_csv=_csv_url(year, tier, "providers", code),
            change_csv=_csv_url(year, tier, "changes", code),
            provider_table=provider_table,
            page_obj=paginate(request, provider_table.display_rows),
            change_table=tables.changes(row, detail.changes),
            query=_query(year, tier, code),
            page_title=f"{'Error: ' if place_error else ''}{the_category.name}: market analysis, {trust.name}{_in_place(place)}",
            breadcrumbs=_crumbs(trust, (the_category.name, "")),
        ),
    )


@login_required
def region(request, region_slug):
    """The region's trusts that the person's work covers, category by category."""
    the_region, trusts = selectors.region_trusts_for(user=request.user, region_slug=region_slug)
    years_by_trust = selectors.spend_years(trusts)
    years = selectors.years_of(years_by_trust)
    year, tier = _choices(request, years)
    rows = selectors.region_rows(trusts, year=year, tier=tier, years_by_trust=years_by_trust)
    return _market_page(
        request,
        "markets/region.html",
        rows,
        scope=the_region,
        years=years,
        year=year,
        tier=tier,
        breadcrumbs=[(the_region.name, the_region.get_absolute_url()), ("Market analysis", "")],
        region=the_region,
        trusts=trusts,
    )


def _market_page(
    request,
    template: str,
    rows,
    *,
    scope,
    years,
    year: str,
    tier: str,
    breadcrumbs,
    place: selectors.PlaceScope | None = None,
    place_error: str = "",
    **extra,
):
    """The overview and the regional view: one table of measures a row, as a page or as CSV."""
    title = f"Market analysis, {scope.name}{_in_place(place)}{', ' + year if year else ''}{', ' + tier + ' services' if tier else ''}"
    code = _code(place)
    if request.GET.get("format") == "csv":
        return _csv(tables.market_table(rows, title=title), _filename(scope.slug, year, tier, code))
    return render(
        request,
        template,
        _context(
            years=years,
            year=year,
            tier=tier,
            place=place,
            place_error=place_error,
            page_obj=paginate(request, rows),
            title=title,
            query=_query(year, tier, code),
            csv_url=_csv_url(year, tier, place=code),
            page_title=f"{'Error: ' if place_error else ''}Market analysis: {scope.name}{_in_place(place)}",
            breadcrumbs=breadcrumbs,
            **extra,
        ),
    )
