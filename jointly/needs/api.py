"""API endpoints for places, indicators and observations, and a trust's area profile.

Places, indicators and observations are published statistics, so they are open
to anyone (`auth=None`): only published indicators and their observations are
returned. A trust's area profile is for the trust's members, like its page.
"""

import datetime
from types import SimpleNamespace

from django.db.models import Q
from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Trust
from jointly.places import selectors as places
from jointly.places.models import Area

from . import selectors
from .models import OutcomeArea, Polarity, ValueType
from .profiles import area_profile

router = Router(tags=["needs"])


def _area_or_404(code: str) -> Area:
    area = places.area_by_code(code.strip().upper())
    if area is None:
        raise Http404(f"No place has the code {code}.")
    return area


# --- Places -----------------------------------------------------------------------


class PlaceOut(Schema):
    code: str
    name: str
    kind: Area.Kind
    boundary_year: int
    parent_code: str | None = Field(None, alias="parent.code")
    has_shape: bool = Field(..., description="Whether a map can be drawn (some reorganised authorities have no shape)")

    @staticmethod
    def resolve_has_shape(area):
        return area.shape_year is not None


class NeighbourOut(Schema):
    rank: int
    code: str = Field(..., alias="neighbour.code")
    name: str = Field(..., alias="neighbour.name")


class PlaceDetailOut(PlaceOut):
    parent_name: str | None = Field(None, alias="parent.name")
    neighbours_list_date: datetime.date | None = None
    neighbours_source: str = ""
    neighbours: list[NeighbourOut] = []
    shape: dict | None = Field(None, description="GeoJSON geometry (WGS84), when asked for with ?shape=true")


@router.get("/places", response=list[PlaceOut], auth=None, tags=["places"])
@paginate(PageNumberPagination, page_size=100)
def list_places(request, kind: Area.Kind | None = None, parent: str | None = None, q: str = ""):
    """Places Jointly knows, by ONS code: England, regions, authorities, districts and wards."""
    areas = places.areas(kind=kind or None, parent=_area_or_404(parent) if parent else None)
    if q:
        areas = areas.filter(Q(name__icontains=q) | Q(code__iexact=q))
    return areas.only("code", "name", "kind", "boundary_year", "shape_year", "parent__code")


@router.get("/places/{code}", response=PlaceDetailOut, auth=None, tags=["places"])
def get_place(request, code: str, shape: bool = False):
    """One place, its parent and its statistical neighbours; with ?shape=true, its boundary as GeoJSON."""
    area = places.area_by_code(_area_or_404(code).code, with_shape=shape)
    entries = places.neighbour_list(authority=area)
    return SimpleNamespace(
        code=area.code,
        name=area.name,
        kind=area.kind,
        boundary_year=area.boundary_year,
        parent=area.parent,
        shape_year=area.shape_year,
        neighbours=entries,
        neighbours_list_date=entries[0].list_date if entries else None,
        neighbours_source=entries[0].source if entries else "",
        shape=area.shape if shape else None,
    )


# --- The outcomes framework -------------------------------------------------------


class OutcomeAreaOut(Schema):
    slug: str
    name: str
    description: str


class IndicatorOut(Schema):
    id: int
    code: str
    name: str
    outcome_area: str | None = Field(None, alias="outcome_area.slug")
    polarity: Polarity
    value_type: ValueType
    unit: str
    source: str
    source_url: str
    method: str
    disclosure_rule: str
    cohort: str = Field("", description="Who the figure counts, such as 'looked-after children at 31 March'")
    caution: str = Field("", description="The publisher's warning about reading or comparing the figure; empty when none")
    decimal_places: int | None = Field(None, description="Decimal places the publisher gives; empty when not known")
    interval_method: str = Field("auto", description="auto: intervals published or worked out; none: not compared for significance")
    headline_group: dict = Field(default_factory=dict, description="The group shown by default; {} means everyone")

    @staticmethod
    def resolve_headline_group(indicator):
        return indicator.headline_breakdown.dimensions if indicator.headline_breakdown_id else {}


def _published():
    return selectors.indicators_visible_to(user=None)


@router.get("/outcome-areas", response=list[OutcomeAreaOut], auth=None, tags=["indicators"])
def list_outcome_areas(request):
    """The five shared Every Child Matters outcome areas."""
    return list(OutcomeArea.objects.filter(trust__isnull=True).order_by("order"))


@router.get("/indicators", response=list[IndicatorOut], auth=None, tags=["indicators"])
@paginate(PageNumberPagination, page_size=100)
def list_indicators(request, outcome_area: str | None = None, q: str = "", code: str | None = None):
    """Published indicators, filtered by outcome area slug, name or exact code."""
    indicators = selectors.indicator_list(user=None, outcome_area=outcome_area, search=q)
    if code:
        indicators = indicators.filter(code=code)
    return indicators


@router.get("/indicators/{indicator_id}", response=IndicatorOut, auth=None, tags=["indicators"])
def get_indicator(request, indicator_id: int):
    indicator = _published().filter(pk=indicator_id).first()
    if indicator is None:
        raise Http404("No such published indicator.")
    return indicator


# --- Observations -----------------------------------------------------------------


class ObservationOut(Schema):
    indicator_id: int
    indicator_code: str = Field(..., alias="indicator.code")
    area_code: str = Field(..., alias="area.code")
    area_name: str = Field(..., alias="area.name")
    period: str
    period_key: int = Field(..., description="Sorts in time order: YYYYSS00, SS a part of the year (00 the whole year)")
    group: dict = Field(..., alias="breakdown.dimensions", description="The group of children; {} means everyone")
    value: float | None = Field(None, description="Empty when the publisher withheld it: see suppression")
    lower_95: float | None = None
    upper_95: float | None = None
    lower_998: float | None = None
    upper_998: float | None = None
    count: float | None = None
    denominator: float | None = None
    suppression: str = Field("", description="c confidential, z not applicable, x not available, k/low rounds to zero…")
    note: str = ""


@router.get("/observations", response=list[ObservationOut], auth=None, tags=["indicators"])
@paginate(PageNumberPagination, page_size=200)
def list_observations(
    request,
    indicator: int | None = None,
    indicator_code: str | None = None,
    area: str | None = None,
    period: str | None = None,
    all_groups: bool = False,
):
    """Observations of published indicators, newest first, filtered by indicator (id or code), area code and period.

    By default each indicator's headline group only; `all_groups=true` gives every breakdown.
    """
    chosen = None
    if indicator is not None or indicator_code:
        chosen = _published().filter(pk=indicator).first() if indicator is not None else _published().filter(code=indicator_code).first()
        if chosen is None:
            raise Http404("No such published indicator.")
    place = _area_or_404(area) if area else None
    observations = selectors.observations_for(indicator=chosen, area=place, period=period, all_groups=all_groups)
    return observations.filter(indicator__published=True)


# --- A trust's area profile ------------------------------------------------------------


class ProfileValueOut(Schema):
    period: str
    value: float | None = Field(None, description="Empty when there is no figure: see suppression")
    suppression: str = Field("", description="The publisher's code when it withheld the value; empty when there is a value or no record")


class ProfileRowOut(Schema):
    indicator_id: int
    indicator_code: str
    indicator: str
    cohort: str = Field("", description="Who the figure counts")
    caution: str = Field("", description="The publisher's warning about reading or comparing the figure")
    decimal_places: int | None = Field(None, description="Decimal places the publisher gives")
    outcome_area: str
    polarity: str
    unit: str
    period: str = Field(..., description="The area's latest period; every comparison below is for this period")
    value: float | None
    suppression: str
    lower_95: float | None
    upper_95: float | None
    interval_method: str | None = Field(None, description="published, Wilson or Byar")
    trend: list[ProfileValueOut] = Field(..., description="Oldest to latest")
    england: float | None
    england_suppression: str = Field("", description="The publisher's code when it withheld England's value")
    region: float | None
    region_suppression: str = Field("", description="The publisher's code when it withheld the region's value")
    neighbour_average: float | None
    neighbours_with_value: int
    compared_with_england: str
    rag: str
    rank_among_neighbours: int | None
    ranked_of: int | None
    england_lowest: float | None
    england_highest: float | None


class ProfileOut(Schema):
    trust: str
    area_code: str
    area_name: str
    england_code: str | None
    region_code: str | None
    neighbour_codes: list[str]
    neighbours_illustrative: bool = Field(False, description="True when the neighbour list is an illustrative stand-in, not a published list")
    comparison_rule: str
    rows: list[ProfileRowOut]


def _cell_value(cell) -> float | None:
    return cell.value if cell is not None else None


def _suppression(cell) -> str:
    """The publisher's code for a withheld value; empty when there is a value or no record at all."""
    return (cell.suppression or "") if cell is not None and cell.value is None else ""


def _profile_row(row) -> dict:
    indicator, area, interval = row.indicator, row.area, row.interval
    return {
        "indicator_id": indicator.pk,
        "indicator_code": indicator.code,
        "indicator": indicator.name,
        "cohort": indicator.cohort,
        "caution": indicator.caution,
        "decimal_places": indicator.decimal_places,
        "outcome_area": indicator.outcome_area.name if indicator.outcome_area else "",
        "polarity": indicator.polarity,
        "unit": indicator.unit or indicator.value_type,
        "period": row.period,
        "value": _cell_value(area),
        "suppression": _suppression(area),
        "lower_95": interval.lower if interval else None,
        "upper_95": interval.upper if interval else None,
        "interval_method": interval.method if interval else None,
        "trend": [{"period": label, "value": _cell_value(cell), "suppression": _suppression(cell)} for label, cell in row.trend],
        "england": _cell_value(row.england),
        "england_suppression": _suppression(row.england),
        "region": _cell_value(row.region),
        "region_suppression": _suppression(row.region),
        "neighbour_average": row.neighbour_average,
        "neighbours_with_value": row.neighbour_count,
        "compared_with_england": str(row.outcome),
        "rag": str(row.rag),
        "rank_among_neighbours": row.rank[0] if row.rank else None,
        "ranked_of": row.rank[1] if row.rank else None,
        "england_lowest": row.england_low,
        "england_highest": row.england_high,
    }


@router.get("/trusts/{slug}/profile", response=ProfileOut, tags=["indicators"])
def trust_profile(request, slug: str):
    """The trust's area profile: every indicator it may see, its latest value beside England, the region and the
    statistical neighbours, with the comparison, RAG rating, rank and trend (the same as the page and its CSV).

    For members of the trust (every role); another trust's profile is "not found".
    """
    trust = get_object_for(request.user, Perm.PROFILE_VIEW, Trust.objects.select_related("area", "region"), slug=slug)
    profile = area_profile(user=request.user, trust=trust)
    return {
        "trust": trust.slug,
        "area_code": profile.area.code,
        "area_name": profile.area.name,
        "england_code": profile.england.code if profile.england else None,
        "region_code": profile.region.code if profile.region else None,
        "neighbour_codes": [area.code for area in profile.neighbours],
        "neighbours_illustrative": profile.neighbours_illustrative,
        "comparison_rule": profile.rule_text,
        "rows": [_profile_row(row) for row in profile.rows],
    }
