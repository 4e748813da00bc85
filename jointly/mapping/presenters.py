"""What the map pages show, built from the analysis: table rows, counts and the ward map."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString

from jointly.core.charts import shaded_map
from jointly.needs.profiles import format_number
from jointly.needs.vocabulary import Group
from jointly.places.shapes import svg_map
from jointly.providers.taxonomy import Tier

from . import analysis
from .selectors import MapFacts

GROUP_LABELS = {**dict(Group.choices), analysis.EVERYONE: "All children (no group named)"}
TIER_LABELS = dict(Tier.choices)


@dataclass(frozen=True)
class MapClass:
    key: str
    label: str
    colour: str | None  # None: hatched, as the needs maps show "no data"


# Need against provision, in the order of the key. Colour is never the only cue: every ward's class is in the table.
MAP_CLASSES = [
    MapClass(analysis.GAP, "Need, and no mapped service covers it (a gap)", "#d4351c"),
    MapClass(analysis.MET, "Need, and a mapped service covers it", "#1d70b8"),
    MapClass(analysis.PROVIDED, "No need shown, and a mapped service covers it", "#a5c6e3"),
    MapClass(analysis.NEITHER, "No need shown, and no mapped service", "#ffffff"),
    MapClass(analysis.UNKNOWN, "Need not known (no value to compare)", None),
]
CLASS_BY_KEY = {c.key: c for c in MAP_CLASSES}


def ward_map(shapes: list[tuple[int, dict | None]], classes: dict[int, str], names: dict[int, str], *, label: str) -> SafeString | None:
    """The wards shaded by need against provision; None when no ward has a shape (the table stands alone)."""
    drawn = svg_map(shapes)
    if drawn is None:
        return None
    shown = {key: CLASS_BY_KEY[classes.get(key, analysis.UNKNOWN)] for key, _ in drawn.paths}
    return shaded_map(
        drawn,
        {key: klass.colour for key, klass in shown.items()},
        {key: f"{names.get(key, '')}: {klass.label}" for key, klass in shown.items()},
        label=label,
    )


def percent(value: Decimal | None) -> str:
    return "no figure" if value is None else f"{format_number(float(value))}%"


# --- The trust's map -------------------------------------------------------------------


@dataclass
class PriorityRow:
    priority: object
    result: analysis.PriorityAnalysis

    @property
    def services(self) -> int:
        return len(self.result.services)

    @property
    def spend(self) -> Decimal:
        return self.result.prevention.spend_total

    @property
    def gaps(self) -> int:
        return len(self.result.place_gaps) + len(self.result.group_gaps)

    @property
    def gaps_known(self) -> bool:
        """False when no place's need can be judged: then the number of place gaps is not known, not nought."""
        return self.result.places_known

    @property
    def unknown(self) -> int:
        return len(self.result.unknown_places)

    @property
    def places(self) -> int:
        return len(self.result.need)

    @property
    def overlap_count(self) -> int:
        return len(self.result.overlaps)


def priority_rows(facts: MapFacts) -> list[PriorityRow]:
    return [PriorityRow(p, facts.analyse(p.pk)) for p in facts.priorities]


@dataclass
class ServiceRow:
    entry: object
    facts: analysis.Service
    cost: Decimal | None
    judgement: object
    priorities: list


def service_rows(facts: MapFacts) -> list[ServiceRow]:
    cost = facts.cost
    return [
        ServiceRow(
            entry,
            facts.services[entry.service_id],
            cost.get(entry.service_id),
            facts.latest_judgement.get(entry.pk),
            [row.priority for row in entry.priority_rows.all()],
        )
        for entry in facts.entries
    ]


def outcome_tier_table(rows: list[ServiceRow], outcome_names: dict[str, str]) -> list[dict]:
    """Services and their cost by outcome and tier. A service serving several outcomes is counted under each.

    `outcome_names` (slug -> name, in the framework's order) orders and names the outcomes.
    """
    cells: dict[tuple[str, str], dict] = defaultdict(lambda: {"services": 0, "cost": Decimal("0")})
    for row in rows:
        for outcome in row.facts.outcomes or {""}:
            cell = cells[(outcome, row.facts.tier)]
            cell["services"] += 1
            cell["cost"] += row.cost or 0
    order = {slug: n for n, slug in enumerate([*outcome_names, ""])}
    tiers = {code: n for n, code in enumerate(TIER_LABELS)}
    return [
        {"outcome": outcome_names.get(outcome, "No outcome named"), "tier": TIER_LABELS.get(tier, tier), **cell}
        for (outcome, tier), cell in sorted(cells.items(), key=lambda item: (order.get(item[0][0], 99), tiers.get(item[0][1], 99)))
    ]


# --- One priority ---------------------------------------------------------------------


@dataclass
class WardRow:
    place: analysis.Place
    readings: list  # (indicator, PlaceNeed or None) per target indicator
    need: bool | None
    services: list[str]
    klass: MapClass


def ward_rows(facts: MapFacts, result: analysis.PriorityAnalysis) -> list[WardRow]:
    names = {s.id: s.name for s in result.services}
    rows = []
    for place_id in facts.ward_ids:
        rows.append(
            WardRow(
                place=facts.places[place_id],
                readings=[(indicator, table.get(place_id)) for indicator, table in result.need_by_indicator],
                need=result.need.get(place_id),
                services=[names[i] for i in result.provision.get(place_id, [])],
                klass=CLASS_BY_KEY[result.classes.get(place_id, analysis.UNKNOWN)],
            )
        )
    return sorted(rows, key=lambda row: row.place.name)


@dataclass
class OverlapRow:
    group: str
    services: list[str]
    places: list[str]


def overlap_rows(facts: MapFacts, result: analysis.PriorityAnalysis) -> list[OverlapRow]:
    """The overlaps, with the places that share the same group and services put on one row."""
    names = {s.id: s.name for s in result.services}
    grouped: dict[tuple[str, tuple[int, ...]], list[str]] = defaultdict(list)
    for overlap in result.overlaps:
        grouped[(overlap.group, overlap.service_ids)].append(facts.places[overlap.place_id].name)
    return [
        OverlapRow(GROUP_LABELS.get(group, group), [names[i] for i in ids], sorted(places))
        for (group, ids), places in sorted(grouped.items(), key=lambda item: (GROUP_LABELS.get(item[0][0], ""), item[0][1]))
    ]


def class_counts(result: analysis.PriorityAnalysis) -> list[tuple[MapClass, int]]:
    """The key's counts, from the same classes as the ward table and the headline figures."""
    counts = result.class_counts
    return [(klass, counts[klass.key]) for klass in MAP_CLASSES]


def place_word(facts: MapFacts, count: int) -> str:
    noun = "ward" if facts.has_wards else "place"
    return f"{count} {noun}{'' if count == 1 else 's'}"


def gap_sentence(facts: MapFacts, result: analysis.PriorityAnalysis) -> str:
    """The place gaps in words, never reading "not known" as "no gap"."""
    total, unknown, gaps = len(result.need), len(result.unknown_places), len(result.place_gaps)
    if not result.places_known:
        return f"Not known: need cannot be judged in any of the {place_word(facts, total)}"
    text = f"{place_word(facts, gaps)} with need and no service"
    if unknown:
        text += f"; need not known in {unknown} of {total}"
    return text
