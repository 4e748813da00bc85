"""The gap and overlap analysis, as pure functions over plain facts (no database).

The selectors turn records into the dataclasses here in a fixed number of
queries; everything below is arithmetic that can be checked by hand.

The rules, as the pages state them:

* need: a place has need for a priority when its latest value of one of the
  priority's target indicators is worse than the trust's own area's value for
  the same period (or, when the area has no value for that period, its latest
  value), "worse" read by the indicator's polarity. Indicators with no polarity
  cannot show need.
* provision: a service covers a place when it names the place or a place that
  contains it (an authority-wide service covers every ward). Only active
  services count as provision.
* gaps: places with need that no service mapped to the priority covers, and the
  priority's groups that no mapped service names.
* overlaps: two or more mapped services that share the priority's outcome, a
  group and a place. A service that names no group is for all children, and
  overlaps with others for all children.
* prevention share: of the spend against the priority, and of its services.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

HIGHER_BETTER, LOWER_BETTER = "higher_better", "lower_better"
PREVENTION = "prevention"
ACTIVE = "active"
# The group key of a service that names no group: it is for all children.
EVERYONE = ""


# --- Facts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None = None


@dataclass(frozen=True)
class Reading:
    period_key: int
    period: str
    value: float | None


@dataclass(frozen=True)
class Service:
    id: int
    name: str
    outcomes: frozenset[str]
    groups: frozenset[str]
    place_ids: frozenset[int]
    approach: str
    status: str = ACTIVE
    tier: str = ""
    in_house: bool = False

    @property
    def active(self) -> bool:
        return self.status == ACTIVE


@dataclass(frozen=True)
class Spend:
    id: int
    amount: Decimal
    purpose: str
    service_id: int | None = None
    priority_id: int | None = None


@dataclass(frozen=True)
class Indicator:
    id: int
    name: str
    polarity: str
    # The trust's own area: period key -> value.
    area_values: dict[int, float] = field(default_factory=dict)
    # Each place's readings (any order).
    readings: dict[int, list[Reading]] = field(default_factory=dict)


# --- Need ------------------------------------------------------------------------


def is_worse(value: float, comparator: float, polarity: str) -> bool | None:
    """Is `value` worse than `comparator`? None when the indicator has no polarity (nothing can be judged)."""
    if polarity == HIGHER_BETTER:
        return value < comparator
    if polarity == LOWER_BETTER:
        return value > comparator
    return None


@dataclass(frozen=True)
class PlaceNeed:
    place_id: int
    reading: Reading
    comparator: float | None
    comparator_period_key: int | None
    need: bool | None  # None: not known (no value, no comparator or no polarity)


def latest_reading(readings: Iterable[Reading]) -> Reading | None:
    """The newest reading with a value; a suppressed newer one does not hide an older known value."""
    known = [r for r in readings if r.value is not None]
    return max(known, key=lambda r: r.period_key) if known else None


def need_by_place(indicator: Indicator) -> dict[int, PlaceNeed]:
    """For each place with a value: its latest value, the trust area's value it is compared with, and whether it is worse."""
    latest_area_key = max(indicator.area_values, default=None)
    result = {}
    for place_id, readings in indicator.readings.items():
        reading = latest_reading(readings)
        if reading is None:
            continue
        key = reading.period_key if reading.period_key in indicator.area_values else latest_area_key
        comparator = indicator.area_values.get(key) if key is not None else None
        need = is_worse(reading.value, comparator, indicator.polarity) if comparator is not None else None
        result[place_id] = PlaceNeed(place_id, reading, comparator, key if comparator is not None else None, need)
    return result


def combined_need(per_indicator: Iterable[dict[int, PlaceNeed]], place_ids: Iterable[int]) -> dict[int, bool | None]:
    """A place has need if any target indicator shows it; no need if some show none and none show need; else not known."""
    tables = list(per_indicator)
    result = {}
    for place_id in place_ids:
        verdicts = [table[place_id].need for table in tables if place_id in table]
        if any(v is True for v in verdicts):
            result[place_id] = True
        elif any(v is False for v in verdicts):
            result[place_id] = False
        else:
            result[place_id] = None
    return result


# --- Provision ----------------------------------------------------------------


def lineage(places: dict[int, Place]) -> dict[int, frozenset[int]]:
    """Each place with every place that contains it (itself, its district, its authority…), as far as `places` knows."""
    result = {}
    for place_id in places:
        chain, current, seen = [], place_id, set()
        while current is not None and current not in seen:
            seen.add(current)
            chain.append(current)
            current = places[current].parent_id if current in places else None
        result[place_id] = frozenset(chain)
    return result


def covers(service: Service, place_id: int, lines: dict[int, frozenset[int]]) -> bool:
    return bool(service.place_ids & lines.get(place_id, frozenset({place_id})))


def provision_by_place(services: Iterable[Service], place_ids: Iterable[int], lines: dict[int, frozenset[int]]) -> dict[int, list[int]]:
    """Place -> the ids of the active services covering it (in the order given)."""
    active = [s for s in services if s.active]
    return {place_id: [s.id for s in active if covers(s, place_id, lines)] for place_id in place_ids}


# --- Gaps and overlaps ----------------------------------------------------------


def place_gaps(need: dict[int, bool | None], provision: dict[int, list[int]]) -> list[int]:
    """Places with need and no service covering them."""
    return [place_id for place_id, has_need in need.items() if has_need is True and not provision.get(place_id)]


def group_gaps(groups: Iterable[str], services: Iterable[Service]) -> list[str]:
    """The priority's groups that no active mapped service names."""
    reached = {group for s in services if s.active for group in s.groups}
    return [group for group in groups if group not in reached]


@dataclass(frozen=True)
class Overlap:
    outcome: str
    group: str  # EVERYONE for services that name no group
    place_id: int
    service_ids: tuple[int, ...]


def overlaps(outcome: str | None, services: Iterable[Service], place_ids: Iterable[int], lines: dict[int, frozenset[int]]) -> list[Overlap]:
    """Every (outcome, group, place) that two or more active services share, with those services."""
    if outcome is None:
        return []
    relevant = [s for s in services if s.active and outcome in s.outcomes]
    found = []
    for place_id in place_ids:
        by_group: dict[str, list[int]] = defaultdict(list)
        for s in relevant:
            if covers(s, place_id, lines):
                for group in s.groups or {EVERYONE}:
                    by_group[group].append(s.id)
        for group in sorted(by_group):
            if len(by_group[group]) >= 2:
                found.append(Overlap(outcome, group, place_id, tuple(by_group[group])))
    return found


# --- Prevention share -----------------------------------------------------------


@dataclass(frozen=True)
class PreventionShare:
    spend_prevention: Decimal
    spend_total: Decimal
    services_prevention: int
    services_total: int

    @property
    def spend_share(self) -> Decimal | None:
        """Per cent of spend on prevention, to one decimal place; None when nothing was spent."""
        if not self.spend_total:
            return None
        return (self.spend_prevention * 100 / self.spend_total).quantize(Decimal("0.1"))

    @property
    def services_share(self) -> Decimal | None:
        if not self.services_total:
            return None
        return (Decimal(self.services_prevention) * 100 / self.services_total).quantize(Decimal("0.1"))


def spend_against(priority_id: int, service_ids: Iterable[int], spend: Iterable[Spend]) -> list[Spend]:
    """Spend against a priority: records pointing at it, or at a service mapped to it (each record once)."""
    ids = set(service_ids)
    return [s for s in spend if s.priority_id == priority_id or (s.service_id is not None and s.service_id in ids)]


def prevention_share(spend: Iterable[Spend], services: Iterable[Service]) -> PreventionShare:
    spend, services = list(spend), list(services)
    return PreventionShare(
        spend_prevention=sum((s.amount for s in spend if s.purpose == PREVENTION), Decimal("0")),
        spend_total=sum((s.amount for s in spend), Decimal("0")),
        services_prevention=sum(1 for s in services if s.approach == PREVENTION),
        services_total=len(services),
    )


def cost_by_service(spend: Iterable[Spend]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(lambda: Decimal("0"))
    for s in spend:
        if s.service_id is not None:
            totals[s.service_id] += s.amount
    return dict(totals)


# --- One priority, put together ---------------------------------------------------


@dataclass(frozen=True)
class PriorityFacts:
    id: int
    title: str
    outcome_slug: str
    groups: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    service_ids: tuple[int, ...]


# The ward map's classes: need against provision.
GAP, MET, PROVIDED, NEITHER, UNKNOWN = "gap", "met", "provided", "neither", "unknown"


def place_class(need: bool | None, provided: bool) -> str:
    if need is None:
        return UNKNOWN
    if need:
        return MET if provided else GAP
    return PROVIDED if provided else NEITHER


@dataclass
class PriorityAnalysis:
    priority: PriorityFacts
    outcome: str | None
    services: list[Service]
    need_by_indicator: list[tuple[Indicator, dict[int, PlaceNeed]]]
    need: dict[int, bool | None]
    provision: dict[int, list[int]]
    place_gaps: list[int]
    group_gaps: list[str]
    overlaps: list[Overlap]
    spend: list[Spend]
    prevention: PreventionShare

    @property
    def classes(self) -> dict[int, str]:
        return {place_id: place_class(self.need[place_id], bool(self.provision.get(place_id))) for place_id in self.need}


def analyse(
    priority: PriorityFacts, *, services: dict[int, Service], place_ids: list[int], lines: dict[int, frozenset[int]], spend: Iterable[Spend]
) -> PriorityAnalysis:
    mine = [services[i] for i in priority.service_ids if i in services]
    per_indicator = [(indicator, need_by_place(indicator)) for indicator in priority.indicators]
    need = combined_need((table for _, table in per_indicator), place_ids)
    provision = provision_by_place(mine, place_ids, lines)
    # Services and priorities name outcome areas by the same slugs (`needs.OutcomeArea`).
    outcome = priority.outcome_slug or None
    against = spend_against(priority.id, priority.service_ids, spend)
    return PriorityAnalysis(
        priority=priority,
        outcome=outcome,
        services=mine,
        need_by_indicator=per_indicator,
        need=need,
        provision=provision,
        place_gaps=place_gaps(need, provision),
        group_gaps=group_gaps(priority.groups, mine),
        overlaps=overlaps(outcome, mine, place_ids, lines),
        spend=against,
        prevention=prevention_share(against, [s for s in mine if s.active]),
    )
