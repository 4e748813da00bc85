"""One indicator for one trust's area: its trend, neighbours, groups of children and wards, from a few queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from jointly.core import charts
from jointly.places.models import Area
from jointly.places.shapes import svg_map

from .models import IndicatorDefinition, Observation
from .models.observations import TOTAL_KEY, dimension_label
from .profiles import ILLUSTRATIVE_NEIGHBOURS, format_value, shown
from .projections import Projection, projection_for
from .selectors import comparators_for, headline_condition, indicators_visible_to


def indicator_for(*, user, trust, pk: int) -> IndicatorDefinition | None:
    """The indicator if the person may see it and it belongs to no trust or to this one."""
    return indicators_visible_to(user=user).filter(Q(trust__isnull=True) | Q(trust=trust)).filter(pk=pk).first()


@dataclass
class BreakdownGroup:
    name: str
    rows: list[tuple[str, Observation]]
    chart: object = None


@dataclass
class IndicatorDetail:
    indicator: IndicatorDefinition
    area: Area
    england: Area | None
    region: Area | None
    trend_rows: list[dict]
    projection: Projection | None
    latest_label: str
    comparison: list[tuple[Area, Observation | None, bool]]
    england_latest: Observation | None
    breakdown_period: str
    breakdown_groups: list[BreakdownGroup]
    ward_period: str
    ward_rows: list[tuple[Area, Observation | None]]
    has_ward_shapes: bool
    charts: dict = field(default_factory=dict)
    map_classes: list = field(default_factory=list)
    neighbours_illustrative: bool = False

    @property
    def neighbours_text(self) -> str:
        return ILLUSTRATIVE_NEIGHBOURS if self.neighbours_illustrative else ""


def _under(area: Area) -> Q:
    # Wards hang from a district; in a county the districts hang from the county.
    return Q(area__parent_id=area.pk) | Q(area__parent__parent_id=area.pk)


def indicator_detail(*, trust, indicator: IndicatorDefinition) -> IndicatorDetail:
    area = trust.area
    comparators = comparators_for(area)
    england = comparators["england"][0] if comparators["england"] else None
    region = comparators["region"][0] if comparators["region"] else None
    neighbours = comparators["neighbours"]
    area_ids = [area.pk] + [a.pk for a in (england, region) if a] + [n.pk for n in neighbours]

    by_area: dict[int, dict[int, Observation]] = defaultdict(dict)
    labels: dict[int, str] = {}
    for observation in Observation.objects.filter(indicator=indicator, area_id__in=area_ids).filter(headline_condition()):
        by_area[observation.area_id][observation.period_key] = observation
        labels[observation.period_key] = observation.period
    keys = sorted(labels)
    own = by_area[area.pk]
    trend_rows = [
        {
            "period": labels[k],
            "area": own.get(k),
            "england": by_area[england.pk].get(k) if england else None,
            "region": by_area[region.pk].get(k) if region else None,
        }
        for k in keys
    ]
    # The same function, on the same series, as the area profile's projection column.
    projection = projection_for([(labels[k], own[k].value if k in own else None) for k in keys], indicator.value_type)
    latest_key = max(own) if own else None

    comparison = [(area, own.get(latest_key) if latest_key else None, True)] + [
        (n, by_area[n.pk].get(latest_key) if latest_key else None, False) for n in neighbours
    ]
    england_latest = by_area[england.pk].get(latest_key) if england and latest_key else None

    # Groups of children: the area's newest period with any breakdown, grouped by the dimensions used.
    grouped = list(
        Observation.objects.filter(indicator=indicator, area=area)
        .exclude(breakdown__key=TOTAL_KEY)
        .select_related("breakdown")
        .order_by("-period_key", "breakdown_id")
    )
    breakdown_period, groups = "", []
    if grouped:
        newest = grouped[0].period_key
        breakdown_period = grouped[0].period
        collected: dict[tuple[str, ...], list[tuple[str, Observation]]] = defaultdict(list)
        for observation in grouped:
            if observation.period_key != newest:
                break
            dims = observation.breakdown.dimensions
            names = tuple(sorted(dims))
            collected[names].append((", ".join(str(dims[n]) for n in names), observation))
        for names, rows in sorted(collected.items()):
            groups.append(BreakdownGroup(name=" and ".join(dimension_label(n) for n in names), rows=sorted(rows, key=lambda r: r[0])))

    # Wards: the newest period with ward data, and the ward shapes if any are held.
    ward_obs = list(
        Observation.objects.filter(indicator=indicator, area__kind=Area.Kind.WARD)
        .filter(_under(area))
        .filter(headline_condition())
        .order_by("-period_key")
    )
    ward_period, ward_rows, has_shapes, ward_map, classes = "", [], False, None, []
    if ward_obs:
        newest = ward_obs[0].period_key
        ward_period = ward_obs[0].period
        values_by_ward = {o.area_id: o for o in ward_obs if o.period_key == newest}
        wards = list(Area.objects.filter(kind=Area.Kind.WARD).filter(Q(parent_id=area.pk) | Q(parent__parent_id=area.pk)).order_by("name"))
        ward_rows = [(w, values_by_ward.get(w.pk)) for w in wards if w.pk in values_by_ward or w.shape]
        known = [o.value for o in values_by_ward.values() if o.value is not None]
        classes = charts.map_classes(known)
        ward_map = svg_map((w.pk, w.shape) for w in wards)
        has_shapes = ward_map is not None
        if has_shapes:
            ward_chart = charts.choropleth(
                ward_map,
                {w.pk: (values_by_ward[w.pk].value if w.pk in values_by_ward else None) for w in wards},
                {w.pk: w.name for w in wards},
                classes=classes,
                label=f"Map of {area.name}'s wards shaded by {indicator.name}, {ward_period}. Darker is higher; hatched wards have no data.",
            )
    detail = IndicatorDetail(
        indicator=indicator,
        area=area,
        england=england,
        region=region,
        trend_rows=trend_rows,
        projection=projection,
        latest_label=labels.get(latest_key, "") if latest_key else "",
        comparison=comparison,
        england_latest=england_latest,
        breakdown_period=breakdown_period,
        breakdown_groups=groups,
        ward_period=ward_period,
        ward_rows=ward_rows,
        has_ward_shapes=has_shapes,
        map_classes=classes,
        neighbours_illustrative=comparators["neighbours_illustrative"],
    )
    detail.charts = _charts(detail, keys, labels, by_area)
    if has_shapes:
        detail.charts["wards"] = ward_chart
    return detail


def _code(observation, places: int | None = None) -> str:
    """Beside a bar: its value to the published places, or the publisher's code (the table says what it means), or "no data"."""
    if observation is None:
        return "no data"
    if observation.value is not None:
        return format_value(observation.value, places)
    return observation.suppression or ""


def _charts(detail: IndicatorDetail, keys, labels, by_area) -> dict:
    indicator, area = detail.indicator, detail.area
    x_labels = [labels[k] for k in keys]
    series = [charts.Series(area.name, [row["area"].value if row["area"] else None for row in detail.trend_rows], charts.ORANGE)]
    if detail.england:
        series.append(charts.Series("England", [row["england"].value if row["england"] else None for row in detail.trend_rows], charts.BLACK))
    if detail.region:
        series.append(charts.Series(detail.region.name, [row["region"].value if row["region"] else None for row in detail.trend_rows], charts.BLUE))
    band = None
    description = f"Line chart of {indicator.name} for {area.name}"
    description += (" compared with England" if detail.england else "") + (f" and {detail.region.name}" if detail.region else "")
    description += f", {x_labels[0]} to {x_labels[-1]}." if x_labels else "."
    projection = detail.projection
    if projection:
        last_index = len(x_labels) - 1
        last_value = series[0].values[-1]
        x_labels = x_labels + [p.label for p in projection.points]
        for s in series:
            s.values = s.values + [None] * len(projection.points)
        projected = [None] * last_index + [last_value] + [p.value for p in projection.points]
        series.append(charts.Series("Projection", projected, charts.ORANGE, dashed=True))
        band = [(last_index, last_value, last_value)] + [(last_index + 1 + i, p.lower, p.upper) for i, p in enumerate(projection.points)]
        description += (
            f" A dashed line projects the next {len(projection.points)} periods, reaching "
            f"{format_value(projection.points[-1].value, indicator.decimal_places)} in {projection.points[-1].label}, with a shaded 95% band."
        )
    result = {"trend": charts.line_chart(labels=x_labels, series=series, band=band, label=description)}

    places = indicator.decimal_places
    bars = [(a.name, obs.value if obs else None, _code(obs, places), is_area) for a, obs, is_area in detail.comparison]
    england_value = detail.england_latest.value if detail.england_latest else None
    result["comparison"] = charts.bar_chart(
        bars,
        reference=("England", england_value) if england_value is not None else None,
        description=(
            f"Bar chart of {indicator.name}, {detail.latest_label}: {area.name} "
            f"({shown(detail.comparison[0][1], indicator.decimal_places)}) and its {len(bars) - 1} "
            + ("illustrative " if detail.neighbours_illustrative else "")
            + "statistical neighbours"
            + (
                f", with England's value ({format_value(england_value, indicator.decimal_places)}) as a dashed line."
                if england_value is not None
                else "."
            )
        ),
    )
    for group in detail.breakdown_groups:
        group.chart = charts.bar_chart(
            [(label, obs.value, _code(obs, places)) for label, obs in group.rows],
            description=f"Bar chart of {indicator.name} for {area.name} by {group.name.lower()}, {detail.breakdown_period}.",
        )
    return result
