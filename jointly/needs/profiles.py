"""An area profile: every indicator for a trust's area beside England, its region and its statistical neighbours.

Built from a handful of bulk queries and computed in Python, so the number of
queries does not grow with the number of indicators.
"""

from __future__ import annotations

from collections import defaultdict, namedtuple
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Q

from jointly.core.charts import format_number
from jointly.core.downloads import Figure
from jointly.places.models import Area

from .models import IndicatorDefinition, Observation, OutcomeArea, Polarity, ValueType
from .projections import MAXIMUM_PERIODS, projection_for
from .selectors import comparators_for, headline_cells_sql, indicators_visible_to
from .significance import RULE_TEXT, Interval, Outcome, Rag, compare, interval_for, rag_for, rank_among
from .suppression import describe

TREND_PERIODS = 5

PROFILE_COLUMNS = [
    "Outcome area",
    "Indicator",
    "Polarity",
    "Unit",
    "Period",
    "Value",
    "Lower 95% limit",
    "Upper 95% limit",
    "Trend (oldest to latest)",
    "England",
    "Region",
    "Statistical neighbours (average)",
    "Neighbours with a value",
    "Compared with England",
    "RAG",
    "Rank among neighbours",
    "England lowest",
    "England highest",
    "Projected next period (95% band)",
    # Added at the end, so the page's cell positions stay the same.
    "Who is counted",
    "Decimal places published",
    "Caution",
    "Statistical neighbours",
]
NEIGHBOURS_AVERAGE = 11  # position of the neighbours' average in PROFILE_COLUMNS
ILLUSTRATIVE_NEIGHBOURS = "Illustrative: a stand-in list worked out by Jointly for the demonstration, not a published statistical neighbour list"


def profile_columns(profile: Profile) -> list[str]:
    """The downloads' headings: the neighbours' column says when the list is only illustrative."""
    columns = list(PROFILE_COLUMNS)
    if profile.neighbours_illustrative:
        columns[NEIGHBOURS_AVERAGE] = "Statistical neighbours, illustrative (average)"
    return columns


def format_value(value: float | None, places: int | None = None) -> str:
    """A number to the decimal places its publisher gives, rounded once; as format_number when they are not known."""
    if value is None:
        return ""
    if places is None:
        return format_number(value)
    return f"{value:,.{places}f}"


def shown(observation: Cell | None, places: int | None = None) -> str:
    """A value as people read it: the number (to its published places), or the suppression code and its meaning, never a zero."""
    if observation is None:
        return "No data"
    if observation.value is None:
        code = observation.suppression or "x"
        return f"{code} ({describe(code).lower()})"
    return format_value(observation.value, places)


def figure(observation: Cell | None, places: int | None = None):
    """A value for a download: a number cell when there is one, else the same words as the page."""
    if observation is not None and observation.value is not None:
        return Figure(observation.value, places)
    return shown(observation, places)


@dataclass
class Spine:
    """Spine-chart geometry on a 0–200 wide strip: England in the middle, worse to the left, better to the right."""

    low_x: float
    high_x: float
    q1_x: float
    q3_x: float
    area_x: float | None
    england_x: float = 100.0
    width: int = 200
    flipped: bool = False  # True when lower is better, so low values sit on the right.

    @staticmethod
    def build(*, england: float | None, values: list[float], area: float | None, polarity: str) -> Spine | None:
        if england is None or not values:
            return None
        values = sorted(values)
        low, high = values[0], values[-1]
        q1, q3 = _quantile(values, 0.25), _quantile(values, 0.75)
        half = max(abs(high - england), abs(england - low), abs((area if area is not None else england) - england))
        half = half or 1.0
        flipped = polarity == Polarity.LOWER_BETTER
        direction = -1 if flipped else 1

        def x(value: float) -> float:
            return round(100 + direction * (value - england) / half * 95, 1)

        left, right = sorted((x(low), x(high)))
        q_left, q_right = sorted((x(q1), x(q3)))
        return Spine(
            low_x=left,
            high_x=right,
            q1_x=q_left,
            q3_x=q_right,
            area_x=x(area) if area is not None else None,
            flipped=flipped,
        )


def _quantile(ordered: list[float], q: float) -> float:
    position = (len(ordered) - 1) * q
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


@dataclass
class ProfileRow:
    indicator: IndicatorDefinition
    period: str
    period_key: int | None
    area: Cell | None
    trend: list[tuple[str, Cell | None]]  # the last TREND_PERIODS periods, as shown
    england: Cell | None
    region: Cell | None
    neighbours: list[tuple[Area, Cell | None]]
    neighbour_average: float | None
    neighbour_count: int
    interval: Interval | None
    outcome: Outcome
    rag: Rag
    rank: tuple[int, int] | None
    england_low: float | None = None
    england_high: float | None = None
    spine: Spine | None = None
    # Every period read (up to MAXIMUM_PERIODS): the projection's series, the same the indicator page uses.
    series: list[tuple[str, Cell | None]] = field(default_factory=list)
    neighbours_illustrative: bool = False

    @property
    def places(self) -> int | None:
        return self.indicator.decimal_places

    @property
    def trend_values(self) -> list[float | None]:
        return [obs.value if obs is not None else None for _, obs in self.trend]

    @property
    def trend_text(self) -> str:
        return "; ".join(f"{label}: {shown(obs, self.places)}" for label, obs in self.trend)

    @property
    def rank_text(self) -> str:
        return f"{self.rank[0]} of {self.rank[1]}" if self.rank else "Not ranked"

    @property
    def projection(self):
        """The straight-line projection of the unbroken run of values ending at the latest period (at least three)."""
        if not hasattr(self, "_projection"):
            points = [(label, cell.value if cell is not None else None) for label, cell in self.series or self.trend]
            self._projection = projection_for(points, self.indicator.value_type)
        return self._projection

    @property
    def projection_text(self) -> str:
        projection = self.projection
        if projection is None:
            return "Not projected (fewer than 3 values in a row)"
        point, places = projection.points[0], self.places
        # Rounded once, to the published places: never rounded and then rounded again.
        return f"{point.label}: {format_value(point.value, places)} ({format_value(point.lower, places)} to {format_value(point.upper, places)})"

    @property
    def caution(self) -> str:
        return self.indicator.caution

    @property
    def neighbours_text(self) -> str:
        return ILLUSTRATIVE_NEIGHBOURS if self.neighbours_illustrative else "As recorded for this area"

    def cells(self) -> list[str]:
        """The row as the page shows it, as text (same order as PROFILE_COLUMNS); the downloads use `download_cells`."""
        if getattr(self, "_cells", None) is None:
            self._cells = self._cells_uncached()
        return self._cells

    def _cells_uncached(self) -> list[str]:
        indicator, places = self.indicator, self.places
        return [
            indicator.outcome_area.name if indicator.outcome_area else "Other indicators",
            indicator.name,
            indicator.get_polarity_display(),
            indicator.unit or indicator.get_value_type_display(),
            self.period,
            shown(self.area, places),
            # Worked-out limits carry one place more than the figure, so a narrow interval does not collapse onto it.
            format_value(self.interval.lower, self._limit_places) if self.interval else "",
            format_value(self.interval.upper, self._limit_places) if self.interval else "",
            self.trend_text,
            shown(self.england, places),
            shown(self.region, places),
            format_value(self.neighbour_average, places) if self.neighbour_average is not None else "No data",
            str(self.neighbour_count),
            str(self.outcome).capitalize(),
            str(self.rag).capitalize(),
            self.rank_text,
            format_value(self.england_low, places),
            format_value(self.england_high, places),
            self.projection_text,
            *self._about(),
        ]

    @property
    def _limit_places(self) -> int | None:
        if self.places is None or self.interval is None or self.interval.method == "published":
            return self.places
        return self.places + 1

    def _about(self) -> list[str]:
        indicator = self.indicator
        return [
            indicator.cohort,
            "" if indicator.decimal_places is None else str(indicator.decimal_places),
            indicator.caution,
            self.neighbours_text,
        ]

    def download_cells(self) -> list:
        """The row for the CSV and XLSX downloads: as `cells`, but every figure a number (to its published places)."""
        places, interval = self.places, self.interval
        cells: list = list(self.cells())
        cells[5] = figure(self.area, places)
        cells[6] = Figure(interval.lower, self._limit_places) if interval else ""
        cells[7] = Figure(interval.upper, self._limit_places) if interval else ""
        cells[9] = figure(self.england, places)
        cells[10] = figure(self.region, places)
        cells[11] = Figure(self.neighbour_average, places) if self.neighbour_average is not None else "No data"
        cells[12] = self.neighbour_count
        cells[16] = Figure(self.england_low, places) if self.england_low is not None else ""
        cells[17] = Figure(self.england_high, places) if self.england_high is not None else ""
        cells[20] = indicator_places if (indicator_places := self.indicator.decimal_places) is not None else ""
        return cells


@dataclass
class ProfileGroup:
    outcome_area: OutcomeArea | None
    rows: list[ProfileRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.outcome_area.name if self.outcome_area else "Other indicators"


@dataclass
class Profile:
    area: Area
    england: Area | None
    region: Area | None
    neighbours: list[Area]
    groups: list[ProfileGroup]
    rule_text: str = RULE_TEXT
    neighbours_illustrative: bool = False

    @property
    def rows(self) -> list[ProfileRow]:
        return [row for group in self.groups for row in group.rows]


def profile_indicators(*, user, trust):
    """The indicators a trust's profile shows: those the person may see that have data for the trust's area."""
    has_data = Observation.objects.filter(indicator=OuterRef("pk"), area_id=trust.area_id)
    return (
        indicators_visible_to(user=user)
        .filter(Q(trust__isnull=True) | Q(trust=trust))
        .filter(Exists(has_data))
        .order_by("outcome_area__order", "outcome_area__name", "name")
    )


# A profile reads tens of thousands of cells; plain tuples with an observation's field names
# cost a fraction of model instances and are read the same way.
_FIELDS = ("indicator_id", "area_id", "period", "period_key", "value", "lower_95", "upper_95", "count", "denominator", "suppression")
Cell = namedtuple("Cell", _FIELDS)


def profile_cells(*, area_ids, indicators, periods: int) -> dict[tuple[int, int], list[Cell]]:
    """The latest `periods` periods of each indicator's headline group for each area, in ONE query.

    As `selectors.latest_observations`, periods are ranked per indicator across
    all the areas asked for, so a comparator with newer data shows as a gap for
    the area rather than a shifted trend. Plain SQL over exactly those cells: a profile reads
    tens of thousands, and model instances (or Django compiling an IN list per indicator) cost
    several times the query.
    """
    condition, params = headline_cells_sql(indicators)
    areas = ", ".join(str(int(pk)) for pk in area_ids) or "NULL"
    columns = ", ".join(_FIELDS)
    sql = (
        f"SELECT {columns} FROM (SELECT {columns}, DENSE_RANK() OVER (PARTITION BY indicator_id ORDER BY period_key DESC) AS period_rank "
        f"FROM {Observation._meta.db_table} WHERE area_id IN ({areas}) AND {condition}) ranked "
        "WHERE period_rank <= %s ORDER BY indicator_id, area_id, period_key"
    )
    result: dict[tuple[int, int], list[Cell]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, periods])
        for row in cursor.fetchall():
            cell = Cell._make(row)
            result[(cell.indicator_id, cell.area_id)].append(cell)
    return dict(result)


def _england_values(indicators, latest_keys: dict[int, int]) -> dict[int, list[float]]:
    """Every upper-tier authority's value for each indicator's latest period, in one query: the spine's range.

    It reads exactly those cells (each indicator's headline group at its own latest period),
    not every indicator at every indicator's latest period.
    """
    if not latest_keys:
        return {}
    condition, params = headline_cells_sql(indicators, period_keys=latest_keys)
    sql = (
        f"SELECT indicator_id, value FROM {Observation._meta.db_table} WHERE value IS NOT NULL "
        f"AND area_id IN (SELECT id FROM {Area._meta.db_table} WHERE kind = %s) AND {condition}"
    )
    result: dict[int, list[float]] = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [Area.Kind.UPPER_TIER, *params])
        for indicator_id, value in cursor.fetchall():
            result[indicator_id].append(value)
    return result


def area_profile(*, user, trust, periods: int = TREND_PERIODS) -> Profile:
    area = trust.area
    comparators = comparators_for(area)
    england = comparators["england"][0] if comparators["england"] else None
    region = comparators["region"][0] if comparators["region"] else None
    neighbours = comparators["neighbours"]
    illustrative = comparators["neighbours_illustrative"]
    indicators = list(profile_indicators(user=user, trust=trust))
    area_ids = [area.pk] + [a.pk for a in (england, region) if a] + [n.pk for n in neighbours]
    # Enough periods for the projection, which the indicator page makes from the same series.
    series = profile_cells(area_ids=area_ids, indicators=indicators, periods=max(periods, MAXIMUM_PERIODS))

    # Each indicator's window of periods (across every area) and the area's latest period in it.
    windows: dict[int, dict[int, str]] = defaultdict(dict)
    for (indicator_id, _), observations in series.items():
        for observation in observations:
            windows[indicator_id][observation.period_key] = observation.period
    latest_keys: dict[int, int] = {}
    for indicator in indicators:
        own = series.get((indicator.pk, area.pk), [])
        if own:
            latest_keys[indicator.pk] = own[-1].period_key
    ranges = _england_values(indicators, latest_keys)

    groups: dict[int | None, ProfileGroup] = {}
    for indicator in indicators:
        by_area = {area_id: {obs.period_key: obs for obs in series.get((indicator.pk, area_id), [])} for area_id in area_ids}
        key = latest_keys.get(indicator.pk)
        window = windows.get(indicator.pk, {})
        own = by_area[area.pk]
        area_obs = own.get(key) if key is not None else None
        england_obs = by_area[england.pk].get(key) if england and key is not None else None
        region_obs = by_area[region.pk].get(key) if region and key is not None else None
        neighbour_obs = [(n, by_area[n.pk].get(key) if key is not None else None) for n in neighbours]
        neighbour_values = [obs.value for _, obs in neighbour_obs if obs is not None and obs.value is not None]
        outcome = compare(
            area_obs, england_obs, polarity=indicator.polarity, value_type=indicator.value_type, interval_method=indicator.interval_method
        )
        england_values = ranges.get(indicator.pk, [])
        row = ProfileRow(
            indicator=indicator,
            period=area_obs.period if area_obs else "",
            period_key=key,
            area=area_obs,
            trend=[(window[k], own.get(k)) for k in sorted(window)[-periods:]],
            series=[(window[k], own.get(k)) for k in sorted(window)],
            neighbours_illustrative=illustrative,
            england=england_obs,
            region=region_obs,
            neighbours=neighbour_obs,
            neighbour_average=sum(neighbour_values) / len(neighbour_values) if neighbour_values else None,
            neighbour_count=len(neighbour_values),
            interval=interval_for(area_obs, indicator.value_type, indicator.interval_method),
            outcome=outcome,
            rag=rag_for(outcome),
            rank=rank_among(area_obs.value if area_obs else None, neighbour_values, polarity=indicator.polarity),
            england_low=min(england_values) if england_values else None,
            england_high=max(england_values) if england_values else None,
            # England's value for a count is a national total, not a comparable figure: no spine.
            spine=None
            if indicator.value_type == ValueType.COUNT
            else Spine.build(
                england=england_obs.value if england_obs else None,
                values=england_values,
                area=area_obs.value if area_obs else None,
                polarity=indicator.polarity,
            ),
        )
        group_key = indicator.outcome_area_id
        if group_key not in groups:
            groups[group_key] = ProfileGroup(outcome_area=indicator.outcome_area)
        groups[group_key].rows.append(row)
    ordered = [group for key, group in groups.items() if key is not None] + ([groups[None]] if None in groups else [])
    return Profile(area=area, england=england, region=region, neighbours=neighbours, groups=ordered, neighbours_illustrative=illustrative)
