"""Reads for the needs assessment. Built so a profile of hundreds of indicators takes a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Q, QuerySet, Window
from django.db.models.functions import DenseRank

from jointly.accounts.permissions import trust_ids_for
from jointly.places.models import Area
from jointly.places.selectors import ancestors, neighbour_list

from .models import Breakdown, ImportRun, IndicatorDefinition, Observation, OutcomeArea
from .models.observations import TOTAL_KEY

# --- The outcomes framework -----------------------------------------------------


def outcome_areas_for(*, trust=None) -> QuerySet[OutcomeArea]:
    """The shared outcome areas, and the trust's own if a trust is given."""
    condition = Q(trust__isnull=True)
    if trust is not None:
        condition |= Q(trust=trust)
    return OutcomeArea.objects.filter(condition).order_by("order", "name")


def indicators_visible_to(*, user) -> QuerySet[IndicatorDefinition]:
    """Published indicators for anyone; a trust's unpublished ones only for its people."""
    indicators = IndicatorDefinition.objects.select_related("outcome_area", "headline_breakdown")
    if user is None or not user.is_authenticated:
        return indicators.filter(published=True)
    ids = trust_ids_for(user)
    if ids is None:
        return indicators
    return indicators.filter(Q(published=True) | Q(trust_id__in=ids))


def indicator_list(*, user, outcome_area: str | None = None, search: str = "") -> QuerySet[IndicatorDefinition]:
    indicators = indicators_visible_to(user=user)
    if outcome_area == "none":
        indicators = indicators.filter(outcome_area__isnull=True)
    elif outcome_area:
        indicators = indicators.filter(outcome_area__slug=outcome_area)
    if search:
        indicators = indicators.filter(Q(name__icontains=search) | Q(code__icontains=search))
    return indicators.order_by(F("outcome_area__order").asc(nulls_last=True), "name")


# --- Observations ---------------------------------------------------------------


def headline_condition() -> Q:
    """Each indicator's default group: its headline breakdown, or the total when it has none."""
    return Q(indicator__headline_breakdown__isnull=True, breakdown__key=TOTAL_KEY) | Q(
        indicator__headline_breakdown__isnull=False, breakdown_id=F("indicator__headline_breakdown_id")
    )


def headline_cells_sql(indicators: Iterable[IndicatorDefinition], *, period_keys: dict[int, int] | None = None) -> tuple[str, list]:
    """`headline_condition` for these indicators as an SQL condition on the observations' columns.

    headline_condition joins the indicator to learn its headline group, which keeps the
    (indicator, area, period, breakdown) index out of the plan. Here each group of indicators that
    share a headline breakdown (and, with `period_keys`, a period) is one clause of plain ids. The
    ids are written into the SQL as integers: with hundreds of indicators, Django's compiling of
    one parameter per id cost more than the query itself. An empty list matches nothing.
    """
    total_id = None
    clauses: dict[tuple[int, int | None], list[int]] = defaultdict(list)
    for indicator in indicators:
        breakdown_id = indicator.headline_breakdown_id
        if breakdown_id is None:
            if total_id is None:
                total_id = Breakdown.objects.filter(key=TOTAL_KEY).values_list("pk", flat=True).first() or 0
            breakdown_id = total_id
        period_key = period_keys.get(indicator.pk) if period_keys is not None else None
        if period_keys is not None and period_key is None:
            continue
        clauses[(breakdown_id, period_key)].append(int(indicator.pk))
    if not clauses:
        return "1 = 0", []
    parts, params = [], []
    for (breakdown_id, period_key), ids in clauses.items():
        part = f"(indicator_id IN ({', '.join(map(str, ids))}) AND breakdown_id = %s"
        params.append(breakdown_id)
        if period_key is not None:
            part += " AND period_key = %s"
            params.append(period_key)
        parts.append(part + ")")
    return "(" + " OR ".join(parts) + ")", params


def latest_observations(
    *, area_ids: Iterable[int], indicator_ids: Iterable[int], periods: int = 5, breakdown: Breakdown | None = None
) -> dict[tuple[int, int], list[Observation]]:
    """The latest `periods` periods of each indicator for each area, in ONE query.

    Returns (indicator id, area id) -> observations oldest first. Periods are
    ranked per indicator across all the areas asked for, so a comparator with
    newer data than the area shows as a gap for the area, not as a shifted
    trend. Uses each indicator's headline group unless `breakdown` is given.
    """
    observations = Observation.objects.filter(indicator_id__in=list(indicator_ids), area_id__in=list(area_ids))
    observations = observations.filter(breakdown=breakdown) if breakdown is not None else observations.filter(headline_condition())
    ranked = (
        observations.annotate(period_rank=Window(DenseRank(), partition_by=[F("indicator_id")], order_by=F("period_key").desc()))
        .filter(period_rank__lte=periods)
        .order_by("indicator_id", "area_id", "period_key")
    )
    result: dict[tuple[int, int], list[Observation]] = defaultdict(list)
    for observation in ranked:
        result[(observation.indicator_id, observation.area_id)].append(observation)
    return dict(result)


def observations_for(
    *,
    indicator: IndicatorDefinition | None = None,
    area: Area | None = None,
    period: str | None = None,
    all_groups: bool = False,
) -> QuerySet[Observation]:
    """Observations filtered by indicator, area and period (label or sortable key), newest first."""
    observations = Observation.objects.select_related("indicator", "area", "breakdown").defer("area__shape")
    if indicator is not None:
        observations = observations.filter(indicator=indicator)
    if area is not None:
        observations = observations.filter(area=area)
    if period:
        observations = observations.filter(
            Q(period=period) | Q(period_key=int(period)) if period.isdigit() and len(period) == 8 else Q(period=period)
        )
    if not all_groups:
        observations = observations.filter(headline_condition())
    # Ordered by columns of the observation itself, so no join is needed to sort a long list.
    return observations.order_by("-period_key", "indicator_id", "area_id", "breakdown_id")


def comparators_for(area: Area) -> dict[str, list[Area]]:
    """The places a profile compares an area with: England, its region, and its statistical neighbours."""
    chain = ancestors(area)
    entries = neighbour_list(authority=area)
    return {
        "england": [a for a in chain if a.kind == Area.Kind.COUNTRY],
        "region": [a for a in chain if a.kind == Area.Kind.REGION][:1],
        "neighbours": [entry.neighbour for entry in entries],
        # The demo's stand-in lists say so in their source; every page and download showing them says so too.
        "neighbours_illustrative": any("illustrative" in entry.source.lower() for entry in entries),
    }


# --- Import runs ----------------------------------------------------------------


def import_runs_visible_to(*, user) -> QuerySet[ImportRun]:
    """Runs for the person's trusts, and runs for no trust (national data loaded by the command)."""
    runs = ImportRun.objects.select_related("trust", "imported_by").defer("errors")
    ids = trust_ids_for(user)
    if ids is None:
        return runs
    return runs.filter(Q(trust_id__in=ids) | Q(trust__isnull=True))
