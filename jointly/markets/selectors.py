"""Reads for the market analysis: spend and the directory, turned into `analysis.ProviderAmount` rows.

What the pages measure:

* a **service category** is an outcome area (`needs.OutcomeArea`: the five
  shared Every Child Matters outcomes and any the trust added), narrowed to
  one tier (universal, targeted, specialist) when asked;
* the **place** is the trust's whole local authority area unless narrowed to
  a district or ward inside it (`PlaceScope`): every spend record of the trust
  counts, and a directory service counts when it serves the trust's area or a
  district or ward inside it. Narrowed, a record or service counts when its
  place is the chosen place, a place inside it or a place containing it (an
  authority-wide service reaches every ward), and a record naming no place is
  taken to be authority-wide; spend is counted whole, not apportioned;
* shares are of **spend** (`resources.SpendRecord`) in the category and
  financial year; where the category has no spend that year, of **active
  directory services** of published directory entries.

Each function reads in a fixed number of queries, whatever the number of
trusts, categories, providers or records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from jointly.accounts.permissions import DESCRIPTIONS, Perm, has_perm, trust_ids_for
from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import Region, Trust
from jointly.places.models import Area
from jointly.providers.models import DirectoryService, ServiceOutcome
from jointly.resources.models import SpendRecord, Tier
from jointly.resources.reports import cents

from . import analysis
from .analysis import CategoryMarket, ProviderAmount

_PROVIDER_FIELDS = (
    "provider__size_band",
    "provider__legal_form",
    "provider__provider_profile__income_band",
    "provider__provider_profile__staff_band",
)


@dataclass(frozen=True)
class PlaceScope:
    """A district or ward inside a trust's area that the market is narrowed to."""

    area: Area
    reaching_ids: frozenset[int]  # the place, the places inside it and the places containing it


def places_within(trust: Trust) -> list[tuple[str, list[Area]]]:
    """The districts and wards of the trust's area, for the place filter: districts first, then each
    district's wards under its name, then wards directly in the area (one query)."""
    inside = list(
        Area.objects.filter(Q(parent_id=trust.area_id) | Q(parent__parent_id=trust.area_id))
        .only("code", "name", "kind", "parent_id")
        .order_by("name")
    )
    districts = [area for area in inside if area.parent_id == trust.area_id and area.kind != Area.Kind.WARD]
    groups: list[tuple[str, list[Area]]] = [("Districts", districts)] if districts else []
    for district in districts:
        wards = [area for area in inside if area.parent_id == district.pk]
        if wards:
            groups.append((f"Wards in {district.name}", wards))
    direct_wards = [area for area in inside if area.parent_id == trust.area_id and area.kind == Area.Kind.WARD]
    if direct_wards:
        groups.append((f"Wards in {trust.area.name}", direct_wards))
    return groups


def place_scope(trust: Trust, code: str) -> PlaceScope | None:
    """The district or ward of the trust's area with this ONS code, with the places that reach it (two queries); None if there is none."""
    area = (
        Area.objects.filter(Q(parent_id=trust.area_id) | Q(parent__parent_id=trust.area_id), code=code.strip().upper())
        .select_related("parent__parent__parent__parent")
        .first()
    )
    if area is None:
        return None
    containing, above = set(), area.parent
    while above is not None:
        containing.add(above.pk)
        above = above.parent
    inside = set(Area.objects.filter(Q(parent=area) | Q(parent__parent=area)).values_list("pk", flat=True))
    return PlaceScope(area=area, reaching_ids=frozenset({area.pk} | containing | inside))


@dataclass(frozen=True)
class CategoryRow:
    """One category of one trust in one year, with its measures."""

    trust: Trust
    category: OutcomeArea
    year: str
    tier: str
    market: CategoryMarket
    directory_providers: int  # providers with an active service in the directory, whatever the basis
    place: Area | None = None  # the district or ward the row is narrowed to; None for the trust's whole area

    @property
    def area(self) -> Area:
        return self.place or self.trust.area


def tier_choices() -> list[tuple[str, str]]:
    return list(Tier.choices)


def clean_tier(value: str) -> str:
    return value if value in Tier.values else ""


def spend_years(trusts) -> dict[int, list[str]]:
    """Each trust's financial years with spend, latest first (one query)."""
    years: dict[int, list[str]] = defaultdict(list)
    rows = SpendRecord.objects.filter(trust__in=_ids(trusts)).values_list("trust_id", "year").distinct().order_by("trust_id", "-year")
    for trust_id, year in rows:
        years[trust_id].append(year)
    return years


def years_of(years_by_trust: dict[int, list[str]]) -> list[str]:
    return sorted({year for years in years_by_trust.values() for year in years}, reverse=True)


def pick_year(wanted: str, years: list[str]) -> str:
    return wanted if wanted in years else (years[0] if years else "")


def categories_for(trusts) -> dict[int, list[OutcomeArea]]:
    """The categories of each trust: the shared outcome areas and the trust's own (one query)."""
    ids = _ids(trusts)
    areas = list(OutcomeArea.objects.filter(Q(trust__isnull=True) | Q(trust_id__in=ids)).order_by("order", "name"))
    return {trust_id: [area for area in areas if area.trust_id in (None, trust_id)] for trust_id in ids}


def category_for(*, trust: Trust, slug: str) -> OutcomeArea | None:
    return OutcomeArea.objects.filter(Q(trust__isnull=True) | Q(trust=trust), slug=slug).order_by("trust_id").first()


def spend_amounts(
    trusts, *, years, tier: str = "", category: OutcomeArea | None = None, place: PlaceScope | None = None
) -> dict[tuple, list[ProviderAmount]]:
    """Spend by provider, keyed by (trust id, year, outcome area id): one aggregate query.

    A provider's sector is as it was when the money was spent; if its records
    in a year disagree, the sector with more of the money counts.
    """
    records = SpendRecord.objects.filter(trust__in=_ids(trusts), year__in=list(years), outcome_area__isnull=False)
    if tier:
        records = records.filter(tier=tier)
    if category is not None:
        records = records.filter(outcome_area=category)
    if place is not None:
        records = records.filter(Q(place__isnull=True) | Q(place_id__in=place.reaching_ids))
    grouped = (
        records.values("trust_id", "year", "outcome_area_id", "provider_id", "provider__name", "provider__slug", "provider_sector", *_PROVIDER_FIELDS)
        .annotate(total=Sum("amount"))
        .order_by()
    )
    merged: dict[tuple, dict] = {}
    for row in grouped:
        key = (row["trust_id"], row["year"], row["outcome_area_id"], row["provider_id"])
        amount = cents(row["total"])
        entry = merged.setdefault(key, {"row": row, "amount": Decimal(0), "sectors": defaultdict(Decimal)})
        entry["amount"] += amount
        entry["sectors"][row["provider_sector"]] += amount
    out: dict[tuple, list[ProviderAmount]] = defaultdict(list)
    for (trust_id, year, area_id, _), entry in merged.items():
        sector = max(entry["sectors"].items(), key=lambda item: (item[1], item[0]))[0]
        out[(trust_id, year, area_id)].append(_provider(entry["row"], "provider", entry["amount"], sector))
    return out


def _trusts_of_places(trust_ids: list[int]) -> dict[int, set[int]]:
    """Each place in the trusts' areas (the area and two levels inside it) with the trusts it is in."""
    rows = Area.objects.filter(Q(trust__in=trust_ids) | Q(parent__trust__in=trust_ids) | Q(parent__parent__trust__in=trust_ids)).values_list(
        "pk", "trust", "parent__trust", "parent__parent__trust"
    )
    wanted = set(trust_ids)
    places: dict[int, set[int]] = defaultdict(set)
    for area_id, *trusts in rows:
        places[area_id] |= set(trusts) & wanted
    return places


def directory_amounts(trusts, *, tier: str = "", place: PlaceScope | None = None) -> dict[tuple, list[ProviderAmount]]:
    """Active directory services by provider, keyed by (trust id, outcome area id): three queries.

    A service counts for a trust when it serves the trust's area or a place
    inside it (two levels down, like the public directory's place search), and
    once however many of those places it names. The directory names shared
    outcome areas, so a trust's own outcome area has no directory services.
    The places come first, then the services linked to them through the link table's
    index: the directory is never read whole.
    """
    ids = _ids(trusts)
    places = _trusts_of_places(ids)
    through = DirectoryService.areas.through
    links = through.objects.filter(area_id__in=list(places))
    if place is not None:
        links = links.filter(directoryservice_id__in=through.objects.filter(area_id__in=place.reaching_ids).values("directoryservice_id"))
    trusts_of_service: dict[int, set[int]] = defaultdict(set)
    for service_id, area_id in links.values_list("directoryservice_id", "area_id"):
        trusts_of_service[service_id] |= places[area_id]
    rows = (
        ServiceOutcome.objects.filter(
            service_id__in=links.values("directoryservice_id"),
            service__status=DirectoryService.Status.ACTIVE,
            service__organisation__provider_profile__published_at__isnull=False,
        )
        .values(
            "outcome_id",
            "service_id",
            "service__organisation_id",
            "service__organisation__name",
            "service__organisation__slug",
            "service__organisation__sector",
            "service__organisation__size_band",
            "service__organisation__legal_form",
            "service__organisation__provider_profile__income_band",
            "service__organisation__provider_profile__staff_band",
        )
        .order_by()
    )
    if tier:
        rows = rows.filter(service__tier=tier)
    services: dict[tuple, set[int]] = defaultdict(set)
    firsts: dict[tuple, dict] = {}
    for row in rows:
        area_id = row["outcome_id"]
        for trust_id in trusts_of_service[row["service_id"]]:
            key = (trust_id, area_id, row["service__organisation_id"])
            services[key].add(row["service_id"])
            firsts.setdefault(key, row)
    out: dict[tuple, list[ProviderAmount]] = defaultdict(list)
    for key, service_ids in services.items():
        row = firsts[key]
        out[key[:2]].append(_provider(row, "service__organisation", Decimal(len(service_ids)), row["service__organisation__sector"]))
    return out


def market_rows(
    trusts, *, year: str, tier: str = "", years_by_trust: dict[int, list[str]] | None = None, place: PlaceScope | None = None
) -> list[CategoryRow]:
    """Every category of every trust in `year`, measured: five queries however many trusts and records."""
    trusts = list(trusts)
    if years_by_trust is None:
        years_by_trust = spend_years(trusts)
    before = analysis.previous_year(year) if year else ""
    spend = spend_amounts(trusts, years=[year, before], tier=tier, place=place) if year else {}
    directory = directory_amounts(trusts, tier=tier, place=place)
    categories = categories_for(trusts)
    rows = []
    for trust in trusts:
        compare = bool(before) and before in years_by_trust.get(trust.pk, [])
        for category in categories[trust.pk]:
            listed = directory.get((trust.pk, category.pk), [])
            market = analysis.measure(
                spend=spend.get((trust.pk, year, category.pk), []),
                directory=listed,
                previous_spend=spend.get((trust.pk, before, category.pk), []) if compare else None,
                year=year,
            )
            rows.append(CategoryRow(trust, category, year, tier, market, len(analysis.active(listed)), place.area if place else None))
    return rows


def region_rows(trusts, *, year: str, tier: str, years_by_trust: dict[int, list[str]]) -> list[CategoryRow]:
    """`market_rows` for a region, category by category, so each category's trusts sit together."""
    rows = market_rows(trusts, year=year, tier=tier, years_by_trust=years_by_trust)
    return sorted(rows, key=lambda row: (row.category.order, row.category.name, row.trust.name))


@dataclass(frozen=True)
class CategoryDetail:
    row: CategoryRow
    changes: list[analysis.Change]  # every pair of consecutive years with spend, latest first


def category_detail(
    *, trust: Trust, category: OutcomeArea, year: str, tier: str, years: list[str], place: PlaceScope | None = None
) -> CategoryDetail:
    """One category of one trust: this year's measures and its entries and exits in every year (three queries)."""
    spend = spend_amounts([trust], years=years, tier=tier, category=category, place=place)
    directory = directory_amounts([trust], tier=tier, place=place).get((trust.pk, category.pk), [])
    recorded = set(years)

    def market_in(a_year: str) -> CategoryMarket:
        before = analysis.previous_year(a_year) if a_year else ""
        return analysis.measure(
            spend=spend.get((trust.pk, a_year, category.pk), []),
            directory=directory,
            previous_spend=spend.get((trust.pk, before, category.pk), []) if before in recorded else None,
            year=a_year,
        )

    changes = [change for change in (market_in(y).change for y in years) if change is not None]
    row = CategoryRow(trust, category, year, tier, market_in(year), len(analysis.active(directory)), place.area if place else None)
    return CategoryDetail(row=row, changes=changes)


def region_trusts_for(*, user, region_slug: str) -> tuple[Region, list[Trust]]:
    """A region and those of its trusts that the person's work covers, for the regional page and API.

    The region is public, so a role without the permission is told so (403);
    a region with none of the person's trusts is "not found" (404).
    """
    region = get_object_or_404(Region, slug=region_slug)
    if not has_perm(user, Perm.MARKET_VIEW):
        raise PermissionDenied(f"Your role ({user.get_role_display().lower()}) cannot {DESCRIPTIONS[Perm.MARKET_VIEW]}.")
    trusts = Trust.objects.filter(region=region).select_related("area").order_by("name")
    ids = trust_ids_for(user)
    if ids is not None:
        trusts = trusts.filter(pk__in=ids)
    trusts = list(trusts)
    if not trusts:
        raise Http404("Not found.")
    return region, trusts


def _ids(trusts) -> list[int]:
    return [trust.pk if isinstance(trust, Trust) else trust for trust in trusts]


def _provider(row: dict, prefix: str, amount: Decimal, sector: str) -> ProviderAmount:
    # The directory entry's income band is the provider's own latest word; the register's is the fallback.
    return ProviderAmount(
        provider_id=row[f"{prefix}_id"],
        name=row[f"{prefix}__name"],
        slug=row[f"{prefix}__slug"],
        amount=amount,
        sector=sector,
        size_band=row[f"{prefix}__provider_profile__income_band"] or row[f"{prefix}__size_band"] or "",
        staff_band=row[f"{prefix}__provider_profile__staff_band"] or "",
        legal_form=row[f"{prefix}__legal_form"] or "",
    )
