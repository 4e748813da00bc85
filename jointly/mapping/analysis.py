"""The gap and overlap analysis, as pure functions over plain facts (no database).

The selectors turn records into the dataclasses here in a fixed number of
queries; everything below is arithmetic that can be checked by hand.

The rules, as the pages state them:

* need: a place has need for a priority when its latest value of one of the
  priority's target indicators is worse than the trust's own area's value for
  the same period (or, when the area has no value for that period, its latest
  value), "worse" read by the indicator's polarity. Indicators with no polarity
  cannot show need and are left out of the verdict. A place shows no need only
  when every indicator that can judge it shows no need; if one of them has no
  value to compare there, its need is not known. "Not known" is never "no
  gap": the counts say how many places are not known.
* the priority's services: those mapped to it, and those mapped under another
  of the trust's priorities that serve this priority's outcome and name one of
  its groups (a service naming no group counts for a priority naming none), so
  a service is not a gap for one priority because it was mapped under its twin.
* provision: a service covers a place when it names the place or a place that
  contains it (an authority-wide service covers every ward). Only active
  services count as provision.
* gaps: places with need that none of the priority's services covers, and the
  priority's groups that none of them names.
* overlaps: two or more of the priority's services that share its outcome, a
  group and a place. A service that names no group is for all children, and
  overlaps with others for all children.
* spend against the priority: the year's spend on its services, each record
  once, so it is the sum of the services' costs the page lists. Spend that names
  the priority but none of its services is shown apart, not in that figure.
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
    # The priorities the service is mapped to (on the trust's map).
    priority_ids: frozenset[int] = frozenset()

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


def can_judge(indicator: Indicator) -> bool:
    return indicator.polarity in (HIGHER_BETTER, LOWER_BETTER)


def combined_need(per_indicator: Iterable[dict[int, PlaceNeed]], place_ids: Iterable[int]) -> dict[int, bool | None]:
    """Need if any indicator shows it; no need only if every indicator shows none; otherwise not known.

    `per_indicator` holds the tables of the indicators that can judge need (with
    a polarity); a place missing from a table has no value for that indicator.
    """
    tables = list(per_indicator)
    result = {}
    for place_id in place_ids:
        verdicts = [table[place_id].need if place_id in table else None for table in tables]
        if any(v is True for v in verdicts):
            result[place_id] = True
        elif verdicts and all(v is False for v in verdicts):
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


def spend_against(service_ids: Iterable[int], spend: Iterable[Spend]) -> list[Spend]:
    """Spend against a priority: the records paying for one of its services (each record once).

    Their sum is the sum of `cost_by_service` over those services, so the
    headline figure and the services' table always agree.
    """
    ids = set(service_ids)
    return [s for s in spend if s.service_id is not None and s.service_id in ids]


def spend_elsewhere(priority_id: int, service_ids: Iterable[int], spend: Iterable[Spend]) -> list[Spend]:
    """Records that name the priority but pay for none of its services: shown apart, not counted as its services' spend."""
    ids = set(service_ids)
    return [s for s in spend if s.priority_id == priority_id and s.service_id not in ids]


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
    service_ids: tuple[int, ...]  # mapped to this priority


def serves(service: Service, outcome: str | None, groups: Iterable[str]) -> bool:
    """Does the service serve this outcome and reach one of these groups? A service for everyone serves only a priority for everyone."""
    groups = set(groups)
    if outcome is None or outcome not in service.outcomes:
        return False
    return bool(service.groups & groups) if groups else not service.groups


def services_for(priority: PriorityFacts, services: dict[int, Service]) -> tuple[list[Service], list[Service]]:
    """The priority's services: (mapped to it, in its order; mapped under another priority and serving it, in the map's order)."""
    direct = [services[i] for i in priority.service_ids if i in services]
    mine = {s.id for s in direct}
    outcome = priority.outcome_slug or None
    through = [s for s in services.values() if s.id not in mine and s.priority_ids and serves(s, outcome, priority.groups)]
    return direct, through


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
    services: list[Service]  # mapped to it, then those counted through another priority
    need_by_indicator: list[tuple[Indicator, dict[int, PlaceNeed]]]
    need: dict[int, bool | None]
    provision: dict[int, list[int]]
    group_gaps: list[str]
    overlaps: list[Overlap]
    spend: list[Spend]
    prevention: PreventionShare
    # Services mapped under another priority and counted for this one (their ids).
    through_ids: frozenset[int] = frozenset()
    # Records naming the priority that pay for none of its services.
    other_spend: list[Spend] = field(default_factory=list)

    @property
    def classes(self) -> dict[int, str]:
        """Each place's class on the map. Every count below is read from here, so the figures and the table agree."""
        return {place_id: place_class(self.need[place_id], bool(self.provision.get(place_id))) for place_id in self.need}

    def places_in(self, klass: str) -> list[int]:
        return [place_id for place_id, k in self.classes.items() if k == klass]

    @property
    def place_gaps(self) -> list[int]:
        """Places with need that no service of the priority covers."""
        return self.places_in(GAP)

    @property
    def unknown_places(self) -> list[int]:
        """Places whose need cannot be judged: neither a gap nor "no gap"."""
        return self.places_in(UNKNOWN)

    @property
    def class_counts(self) -> dict[str, int]:
        counts = dict.fromkeys((GAP, MET, PROVIDED, NEITHER, UNKNOWN), 0)
        for klass in self.classes.values():
            counts[klass] += 1
        return counts

    @property
    def places_known(self) -> bool:
        """Is need known in at least one place? If not, the place gaps are not known (not zero)."""
        return len(self.unknown_places) < len(self.need)

    @property
    def other_spend_total(self) -> Decimal:
        return sum((s.amount for s in self.other_spend), Decimal("0"))


def analyse(
    priority: PriorityFacts, *, services: dict[int, Service], place_ids: list[int], lines: dict[int, frozenset[int]], spend: Iterable[Spend]
) -> PriorityAnalysis:
    direct, through = services_for(priority, services)
    mine = direct + through
    ids = [s.id for s in mine]
    spend = list(spend)
    per_indicator = [(indicator, need_by_place(indicator)) for indicator in priority.indicators]
    need = combined_need((table for indicator, table in per_indicator if can_judge(indicator)), place_ids)
    provision = provision_by_place(mine, place_ids, lines)
    # Services and priorities name outcome areas by the same slugs (`needs.OutcomeArea`).
    outcome = priority.outcome_slug or None
    against = spend_against(ids, spend)
    return PriorityAnalysis(
        priority=priority,
        outcome=outcome,
        services=mine,
        need_by_indicator=per_indicator,
        need=need,
        provision=provision,
        group_gaps=group_gaps(priority.groups, mine),
        overlaps=overlaps(outcome, mine, place_ids, lines),
        spend=against,
        prevention=prevention_share(against, [s for s in mine if s.active]),
        through_ids=frozenset(s.id for s in through),
        other_spend=spend_elsewhere(priority.id, ids, spend),
    )
