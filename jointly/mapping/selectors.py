"""Reads for the service map: records turned into the analysis's plain facts, in a fixed number of queries.

`map_facts` reads everything one trust's map needs (priorities and their
targets and groups, mapped services with their outcomes, groups and places,
the year's spend, the places under the trust's area and the target
indicators' values there) in the same number of queries however many
priorities, services, places or values there are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet

from jointly.assessment.models import EvidenceItem, Priority, PriorityTarget
from jointly.needs.models import Observation
from jointly.needs.selectors import headline_condition, outcome_areas_for
from jointly.partnerships.models import Trust
from jointly.partnerships.sectors import is_statutory
from jointly.places.models import Area
from jointly.places.selectors import ancestors
from jointly.providers.models import DirectoryService
from jointly.providers.selectors import outcome_rows
from jointly.resources.models import SpendRecord

from . import analysis
from .models import EfficacyJudgement, MapEntry, PriorityGroup


def spend_years(*, trust: Trust) -> list[str]:
    """Financial years with spend for the trust, newest first."""
    years = SpendRecord.objects.filter(trust=trust).order_by().values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def current_priorities(*, trust: Trust) -> QuerySet[Priority]:
    return Priority.objects.filter(trust=trust).exclude(status=Priority.Status.RETIRED).select_related("outcome_area")


def entries_for(*, trust: Trust) -> QuerySet[MapEntry]:
    return (
        MapEntry.objects.filter(trust=trust, status=MapEntry.Status.ON_MAP)
        .select_related("service__organisation")
        .prefetch_related(
            outcome_rows("service__outcome_rows"),
            "service__group_rows",
            Prefetch("service__areas", queryset=Area.objects.defer("shape")),
            Prefetch("priority_rows__priority"),
        )
        .order_by("service__name", "pk")
    )


def entry_for(*, trust: Trust, pk: int) -> MapEntry | None:
    return entries_for(trust=trust).filter(pk=pk).first()


def candidate_services(*, trust: Trust) -> QuerySet[DirectoryService]:
    """Directory services the trust may map and has not (or has taken off): its partners' services, or any naming a place in its area."""
    inside = Q(areas=trust.area_id) | Q(areas__parent_id=trust.area_id) | Q(areas__parent__parent_id=trust.area_id)
    return (
        DirectoryService.objects.filter(Q(organisation__partnerships__trust=trust) | inside)
        .exclude(pk__in=MapEntry.objects.filter(trust=trust, status=MapEntry.Status.ON_MAP).values("service_id"))
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "name")
    )


def judgements_of(entry: MapEntry) -> QuerySet[EfficacyJudgement]:
    return entry.judgements.select_related("judged_by").prefetch_related(
        Prefetch("evidence", queryset=EvidenceItem.objects.select_related("source_organisation"))
    )


def evidence_choices(*, trust: Trust) -> QuerySet[EvidenceItem]:
    return EvidenceItem.objects.filter(trust=trust, status=EvidenceItem.Status.ACCEPTED).order_by("-dated", "title")


def is_in_house(service: DirectoryService) -> bool:
    """Run by a statutory partner (council, NHS, school, police, youth offending team): the one rule, in partnerships.sectors."""
    return is_statutory(service.organisation.sector)


# --- The whole map, as facts -------------------------------------------------------


@dataclass
class MapFacts:
    trust: Trust
    year: str
    priorities: list[Priority]
    priority_facts: dict[int, analysis.PriorityFacts]
    entries: list[MapEntry]
    services: dict[int, analysis.Service]
    places: dict[int, analysis.Place]
    ward_ids: list[int]
    lines: dict[int, frozenset[int]]
    spend: list[analysis.Spend]
    latest_judgement: dict[int, EfficacyJudgement] = field(default_factory=dict)
    # The outcome areas the trust can see, slug -> name, in the framework's order.
    outcome_names: dict[str, str] = field(default_factory=dict)

    @property
    def has_wards(self) -> bool:
        return any(self.places[pid].kind == Area.Kind.WARD for pid in self.ward_ids)

    @property
    def cost(self) -> dict[int, object]:
        return analysis.cost_by_service(self.spend)

    def analyse(self, priority_id: int) -> analysis.PriorityAnalysis:
        return analysis.analyse(self.priority_facts[priority_id], services=self.services, place_ids=self.ward_ids, lines=self.lines, spend=self.spend)


def _places(trust: Trust) -> dict[int, analysis.Place]:
    """The trust's area, every place in it two levels down (districts and wards, or wards), and the places
    around it (region, England), so a region-wide service is seen to cover the trust's wards."""
    areas = list(
        Area.objects.filter(Q(pk=trust.area_id) | Q(parent_id=trust.area_id) | Q(parent__parent_id=trust.area_id)).defer("shape").order_by("name")
    )
    areas += ancestors(Area(pk=trust.area_id))
    return {a.pk: analysis.Place(a.pk, a.code, a.name, a.kind, a.parent_id) for a in areas}


def _service(entry: MapEntry, current: set[int]) -> analysis.Service:
    service = entry.service
    return analysis.Service(
        id=service.pk,
        name=service.name,
        outcomes=frozenset(row.outcome.slug for row in service.outcome_rows.all()),
        groups=frozenset(row.group for row in service.group_rows.all()),
        place_ids=frozenset(area.pk for area in service.areas.all()),
        approach=service.approach,
        status=service.status,
        tier=service.tier,
        in_house=is_in_house(service),
        # Only current priorities: a service mapped under a retired one alone counts for no other.
        priority_ids=frozenset(row.priority_id for row in entry.priority_rows.all() if row.priority_id in current),
    )


def map_facts(*, trust: Trust, year: str | None = None) -> MapFacts:
    """Everything the trust's map needs, in a fixed number of queries."""
    years = spend_years(trust=trust)
    year = year if year in years else (years[0] if years else "")
    priorities = list(
        current_priorities(trust=trust).prefetch_related(
            Prefetch("targets", queryset=PriorityTarget.objects.select_related("indicator")),
            Prefetch("map_groups", queryset=PriorityGroup.objects.order_by("group")),
        )
    )
    entries = list(entries_for(trust=trust))
    places = _places(trust)
    wards = [pid for pid, place in places.items() if place.kind == Area.Kind.WARD]
    # With no wards held, the authority itself is the one place the map can speak of.
    ward_ids = wards or [trust.area_id]

    indicator_ids = {target.indicator_id for p in priorities for target in p.targets.all()}
    values: dict[int, dict[int, list[analysis.Reading]]] = defaultdict(lambda: defaultdict(list))
    if indicator_ids:
        observations = (
            Observation.objects.filter(indicator_id__in=indicator_ids, area_id__in=list(places))
            .filter(headline_condition())
            .values_list("indicator_id", "area_id", "period_key", "period", "value")
        )
        for indicator_id, area_id, period_key, period, value in observations:
            values[indicator_id][area_id].append(analysis.Reading(period_key, period, value))

    def indicator_facts(indicator) -> analysis.Indicator:
        readings = values.get(indicator.pk, {})
        area_values = {r.period_key: r.value for r in readings.get(trust.area_id, []) if r.value is not None}
        return analysis.Indicator(
            id=indicator.pk,
            name=indicator.name,
            polarity=indicator.polarity,
            area_values=area_values,
            readings={area_id: list(rows) for area_id, rows in readings.items() if area_id != trust.area_id},
        )

    services_of: dict[int, list[int]] = defaultdict(list)
    for entry in entries:
        for row in entry.priority_rows.all():
            services_of[row.priority_id].append(entry.service_id)
    priority_facts = {
        p.pk: analysis.PriorityFacts(
            id=p.pk,
            title=p.title,
            outcome_slug=p.outcome_area.slug,
            groups=tuple(g.group for g in p.map_groups.all()),
            indicators=tuple(indicator_facts(t.indicator) for t in p.targets.all()),
            service_ids=tuple(services_of.get(p.pk, ())),
        )
        for p in priorities
    }
    spend = []
    if year:
        rows = (
            SpendRecord.objects.filter(trust=trust, year=year)
            .filter(Q(priority__isnull=False) | Q(service__isnull=False))
            .values_list("pk", "amount", "purpose", "service_id", "priority_id")
        )
        spend = [analysis.Spend(*row) for row in rows]
    latest = {}
    for judgement in EfficacyJudgement.objects.filter(entry__trust=trust, entry__status=MapEntry.Status.ON_MAP).order_by(
        "entry_id", "-judged_at", "-id"
    ):
        latest.setdefault(judgement.entry_id, judgement)
    return MapFacts(
        trust=trust,
        year=year,
        priorities=priorities,
        priority_facts=priority_facts,
        entries=entries,
        services={e.service_id: _service(e, {p.pk for p in priorities}) for e in entries},
        places=places,
        ward_ids=ward_ids,
        lines=analysis.lineage(places),
        spend=spend,
        latest_judgement=latest,
        outcome_names=dict(outcome_areas_for(trust=trust).values_list("slug", "name")),
    )


def ward_shapes(*, trust: Trust, ward_ids: list[int]) -> list[tuple[int, dict | None]]:
    """The wards' boundary shapes (large: read only for the ward map)."""
    return list(Area.objects.filter(pk__in=ward_ids).order_by("name").values_list("pk", "shape"))


def judged_counts(facts: MapFacts) -> dict[str, dict[str, int]]:
    """How many in-house and contracted services are on the map, and how many of each have a judgement."""
    counts = {"in_house": Counter(), "contracted": Counter()}
    for entry in facts.entries:
        kind = "in_house" if facts.services[entry.service_id].in_house else "contracted"
        counts[kind]["mapped"] += 1
        counts[kind]["judged"] += entry.pk in facts.latest_judgement
    return {kind: {"mapped": c["mapped"], "judged": c["judged"]} for kind, c in counts.items()}
