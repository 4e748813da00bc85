"""API for the service map: a trust's map entries, its priorities' summaries, and one priority's analysis.

Same permissions as the pages (MAP_VIEW, scoped to the trust: another trust's
map is "not found"). Amounts are strings of pounds and pence; places are ONS
codes; services are named by their directory (ORUK) ids, as the resources API does.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from jointly.accounts.permissions import Perm, get_object_for
from jointly.partnerships.models import Trust

from . import presenters, selectors

router = Router(tags=["service map"])


class JudgementOut(Schema):
    rating: str
    evidence_summary: str
    judged_at: datetime.datetime


class EntryOut(Schema):
    id: int
    service_id: str  # the directory's ORUK id
    name: str
    organisation: str
    in_house: bool
    status: str
    tier: str
    approach: str
    outcomes: list[str]
    groups: list[str]
    area_codes: list[str]
    priority_ids: list[int]
    cost: Decimal | None
    current_judgement: JudgementOut | None


class PreventionOut(Schema):
    spend_prevention: Decimal
    spend_total: Decimal
    spend_share_percent: Decimal | None
    services_prevention: int
    services_total: int
    services_share_percent: Decimal | None


class PrioritySummaryOut(Schema):
    id: int
    title: str
    outcome_area: str
    status: str
    service_ids: list[str]
    place_gaps: int
    group_gaps: int
    overlaps: int
    prevention: PreventionOut


class ReadingOut(Schema):
    indicator_id: int
    value: float
    period: str
    comparator: float | None
    need: bool | None


class PlaceOut(Schema):
    code: str
    name: str
    need: bool | None
    readings: list[ReadingOut]
    service_ids: list[str]
    map_class: str


class OverlapOut(Schema):
    outcome: str
    group: str  # empty: services that name no group (for all children)
    place: str
    service_ids: list[str]


class GapsOut(Schema):
    places: list[str]
    groups: list[str]


class PriorityAnalysisOut(Schema):
    id: int
    title: str
    year: str
    outcome: str | None
    groups: list[str]
    places: list[PlaceOut]
    gaps: GapsOut
    overlaps: list[OverlapOut]
    prevention: PreventionOut


def _trust(request, slug: str) -> Trust:
    return get_object_for(request.user, Perm.MAP_VIEW, Trust.objects.all(), slug=slug)


def _uuids(facts, service_ids) -> list[str]:
    uuid_of = {entry.service_id: str(entry.service.uuid) for entry in facts.entries}
    return [uuid_of[i] for i in service_ids]


def _prevention(share) -> dict:
    return {
        "spend_prevention": share.spend_prevention, "spend_total": share.spend_total, "spend_share_percent": share.spend_share,
        "services_prevention": share.services_prevention, "services_total": share.services_total,
        "services_share_percent": share.services_share,
    }


@router.get("/map/{slug}/entries", response=list[EntryOut])
@paginate(PageNumberPagination, page_size=100)
def entries(request, slug: str, year: str = ""):
    """The services on the trust's map, with the priorities each serves, its cost in the year and its current efficacy judgement."""
    facts = selectors.map_facts(trust=_trust(request, slug), year=year or None)
    out = []
    for row in presenters.service_rows(facts):
        service = row.entry.service
        judgement = row.judgement
        out.append({
            "id": row.entry.pk, "service_id": str(service.uuid), "name": service.name, "organisation": service.organisation.slug,
            "in_house": row.facts.in_house, "status": service.status, "tier": service.tier, "approach": service.approach,
            "outcomes": sorted(row.facts.outcomes), "groups": sorted(row.facts.groups),
            "area_codes": sorted(area.code for area in service.areas.all()), "priority_ids": [p.pk for p in row.priorities],
            "cost": row.cost,
            "current_judgement": {"rating": judgement.rating, "evidence_summary": judgement.evidence_summary, "judged_at": judgement.judged_at}
            if judgement else None,
        })
    return out


@router.get("/map/{slug}/priorities", response=list[PrioritySummaryOut])
@paginate(PageNumberPagination, page_size=100)
def priorities(request, slug: str, year: str = ""):
    """Each current priority: its mapped services, gap and overlap counts and prevention share."""
    facts = selectors.map_facts(trust=_trust(request, slug), year=year or None)
    return [
        {"id": row.priority.pk, "title": row.priority.title, "outcome_area": row.priority.outcome_area.slug, "status": row.priority.status,
         "service_ids": _uuids(facts, [s.id for s in row.result.services]), "place_gaps": len(row.result.place_gaps),
         "group_gaps": len(row.result.group_gaps), "overlaps": len(row.result.overlaps), "prevention": _prevention(row.result.prevention)}
        for row in presenters.priority_rows(facts)
    ]


@router.get("/map/{slug}/priorities/{priority_id}", response=PriorityAnalysisOut)
def priority_analysis(request, slug: str, priority_id: int, year: str = ""):
    """One priority's need by place, provision, gaps, overlaps and prevention share."""
    trust = _trust(request, slug)
    priority = get_object_or_404(selectors.current_priorities(trust=trust), pk=priority_id)
    facts = selectors.map_facts(trust=trust, year=year or None)
    result = facts.analyse(priority.pk)
    places = []
    for row in presenters.ward_rows(facts, result):
        places.append({
            "code": row.place.code, "name": row.place.name, "need": row.need, "map_class": row.klass.key,
            "service_ids": _uuids(facts, result.provision.get(row.place.id, [])),
            "readings": [
                {"indicator_id": indicator.id, "value": need.reading.value, "period": need.reading.period,
                 "comparator": need.comparator, "need": need.need}
                for indicator, need in row.readings if need is not None
            ],
        })
    return {
        "id": priority.pk, "title": priority.title, "year": facts.year, "outcome": result.outcome,
        "groups": list(result.priority.groups), "places": places,
        "gaps": {"places": sorted(facts.places[p].code for p in result.place_gaps), "groups": result.group_gaps},
        "overlaps": [{"outcome": o.outcome, "group": o.group, "place": facts.places[o.place_id].code, "service_ids": _uuids(facts, o.service_ids)}
                     for o in result.overlaps],
        "prevention": _prevention(result.prevention),
    }
