"""API for the service map: a trust's map entries, its priorities' summaries, and one priority's analysis;
and the writes: map a service to priorities, change them, record an efficacy judgement.

Same permissions as the pages (MAP_VIEW to read, MAP_MANAGE to write, scoped
to the trust: another trust's map is "not found"). Amounts are strings of
pounds and pence; places are ONS codes; services are named by their directory
(ORUK) ids, as the resources API does. Bad input is a problem body naming each
field of the request, with the same messages the pages give.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for
from jointly.assessment.models import Priority
from jointly.core.api_fields import RecordId
from jointly.core.errors import FieldErrors
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Trust
from jointly.providers.models import DirectoryService

from . import presenters, selectors, services
from .models import MapEntry

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
    outcomes: list[str]  # outcome area slugs, as /api/v1/outcome-areas gives them
    groups: list[str]  # children's group codes (jointly.needs.vocabulary.Group)
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
    service_ids: list[str]  # mapped to it, then those mapped under another priority that serve its outcome and a group
    place_gaps: int | None  # None: need is not known in any place, so the gaps are not known
    places_need_not_known: int
    group_gaps: int
    overlaps: int
    prevention: PreventionOut  # spend_total: the spend on service_ids
    other_spend: Decimal  # records naming the priority that pay for none of its services


class ReadingOut(Schema):
    indicator_id: int
    value: float
    period: str
    comparator: float | None
    need: bool | None


class PlaceProvisionOut(Schema):
    code: str
    name: str
    need: bool | None
    readings: list[ReadingOut]
    service_ids: list[str]
    map_class: str


class OverlapOut(Schema):
    outcome: str  # the priority's outcome area slug
    group: str  # empty: services that name no group (for all children)
    place: str
    service_ids: list[str]


class GapsOut(Schema):
    places: list[str]
    groups: list[str]
    places_need_not_known: list[str]  # neither gaps nor "no gap"


class PriorityAnalysisOut(Schema):
    id: int
    title: str
    year: str
    outcome: str | None
    groups: list[str]
    service_ids: list[str]
    counted_through_other_priorities: list[str]
    places: list[PlaceProvisionOut]
    gaps: GapsOut
    overlaps: list[OverlapOut]
    prevention: PreventionOut
    other_spend: Decimal


def _trust(request, slug: str) -> Trust:
    return get_object_for(request.user, Perm.MAP_VIEW, Trust.objects.all(), slug=slug)


def _uuids(facts, service_ids) -> list[str]:
    uuid_of = {entry.service_id: str(entry.service.uuid) for entry in facts.entries}
    return [uuid_of[i] for i in service_ids]


def _prevention(share) -> dict:
    return {
        "spend_prevention": share.spend_prevention,
        "spend_total": share.spend_total,
        "spend_share_percent": share.spend_share,
        "services_prevention": share.services_prevention,
        "services_total": share.services_total,
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
        out.append(
            {
                "id": row.entry.pk,
                "service_id": str(service.uuid),
                "name": service.name,
                "organisation": service.organisation.slug,
                "in_house": row.facts.in_house,
                "status": service.status,
                "tier": service.tier,
                "approach": service.approach,
                "outcomes": sorted(row.facts.outcomes),
                "groups": sorted(row.facts.groups),
                "area_codes": sorted(area.code for area in service.areas.all()),
                "priority_ids": [p.pk for p in row.priorities],
                "cost": row.cost,
                "current_judgement": {"rating": judgement.rating, "evidence_summary": judgement.evidence_summary, "judged_at": judgement.judged_at}
                if judgement
                else None,
            }
        )
    return out


@router.get("/map/{slug}/priorities", response=list[PrioritySummaryOut])
@paginate(PageNumberPagination, page_size=100)
def priorities(request, slug: str, year: str = ""):
    """Each current priority: its mapped services, gap and overlap counts and prevention share."""
    facts = selectors.map_facts(trust=_trust(request, slug), year=year or None)
    return [
        {
            "id": row.priority.pk,
            "title": row.priority.title,
            "outcome_area": row.priority.outcome_area.slug,
            "status": row.priority.status,
            "service_ids": _uuids(facts, [s.id for s in row.result.services]),
            "place_gaps": len(row.result.place_gaps) if row.result.places_known else None,
            "places_need_not_known": len(row.result.unknown_places),
            "group_gaps": len(row.result.group_gaps),
            "overlaps": len(row.result.overlaps),
            "prevention": _prevention(row.result.prevention),
            "other_spend": row.result.other_spend_total,
        }
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
        places.append(
            {
                "code": row.place.code,
                "name": row.place.name,
                "need": row.need,
                "map_class": row.klass.key,
                "service_ids": _uuids(facts, result.provision.get(row.place.id, [])),
                "readings": [
                    {
                        "indicator_id": indicator.id,
                        "value": need.reading.value,
                        "period": need.reading.period,
                        "comparator": need.comparator,
                        "need": need.need,
                    }
                    for indicator, need in row.readings
                    if need is not None
                ],
            }
        )
    return {
        "id": priority.pk,
        "title": priority.title,
        "year": facts.year,
        "outcome": result.outcome,
        "groups": list(result.priority.groups),
        "service_ids": _uuids(facts, [s.id for s in result.services]),
        "counted_through_other_priorities": _uuids(facts, [s.id for s in result.services if s.id in result.through_ids]),
        "places": places,
        "gaps": {
            "places": sorted(facts.places[p].code for p in result.place_gaps),
            "groups": result.group_gaps,
            "places_need_not_known": sorted(facts.places[p].code for p in result.unknown_places),
        },
        "overlaps": [
            {"outcome": o.outcome, "group": o.group, "place": facts.places[o.place_id].code, "service_ids": _uuids(facts, o.service_ids)}
            for o in result.overlaps
        ],
        "prevention": _prevention(result.prevention),
        "other_spend": result.other_spend_total,
    }


# --- Writes ---------------------------------------------------------------------


class EntryIn(Schema):
    service_id: str  # the directory's ORUK id
    priority_ids: list[RecordId]
    note: str = ""


class PrioritiesIn(Schema):
    priority_ids: list[RecordId]
    note: str | None = None


class JudgementIn(Schema):
    rating: str
    evidence_summary: str
    evidence_ids: list[RecordId] = []


class EntryWrittenOut(Schema):
    id: int
    service_id: str
    name: str
    status: str
    priority_ids: list[int]
    note: str


class JudgementWrittenOut(JudgementOut):
    id: int
    entry_id: int
    evidence_ids: list[int]


# The services name what they check; the request names it as below.
_REQUEST_FIELDS = {"service": "service_id", "priorities": "priority_ids", "evidence": "evidence_ids"}


def _problem(errors: dict[str, str]) -> FieldErrors:
    return FieldErrors({_REQUEST_FIELDS.get(field, field): message for field, message in errors.items()})


def _calling(write):
    """Call a service, naming the fields it refuses as the request names them (the problem handler does the rest)."""
    try:
        return write()
    except FieldErrors as error:
        raise _problem(error.errors) from error


def _manage(request, slug: str) -> Trust:
    return get_object_for(request.user, Perm.MAP_MANAGE, Trust.objects.all(), slug=slug)


def _own(queryset, ids: list[int], *, field: str, what: str) -> list:
    """The trust's records with these ids, in the order given. An id that is not one of them (another trust's,
    or none at all: the answer is the same, so it reveals nothing) is an error against the field."""
    ids = list(dict.fromkeys(ids))
    found = queryset.in_bulk(ids)
    missing = [i for i in ids if i not in found]
    if missing:
        raise _problem({field: f"This trust has no {what} with the id {missing[0]}"})
    return [found[i] for i in ids]


def _service(trust: Trust, service_id: str) -> DirectoryService | None:
    try:
        key = uuid.UUID(service_id)
    except ValueError:
        raise _problem({"service": f"'{service_id}' is not a directory service id: send the service's ORUK id"}) from None
    service = DirectoryService.objects.filter(uuid=key).select_related("organisation").first()
    if service is None:
        raise _problem({"service": f"No service in the directory has the id {service_id}"})
    on_map = MapEntry.objects.filter(trust=trust, service=service, status=MapEntry.Status.ON_MAP).exists()
    if not on_map and not selectors.candidate_services(trust=trust).filter(pk=service.pk).exists():
        raise _problem({"service": f"{service.name} is not a service of the trust's partners or of a place in its area"})
    return service


def _entry_out(entry: MapEntry) -> dict:
    return {
        "id": entry.pk,
        "service_id": str(entry.service.uuid),
        "name": entry.service.name,
        "status": entry.status,
        "priority_ids": sorted(row.priority_id for row in entry.priority_rows.all()),
        "note": entry.note,
    }


@router.post("/map/{slug}/entries", response={201: EntryWrittenOut})
def map_service(request, slug: str, payload: EntryIn):
    """Put a directory service on the trust's map, serving some of its current priorities (a service taken off comes back)."""
    trust = _manage(request, slug)
    service = _service(trust, payload.service_id)
    priorities = _own(Priority.objects.filter(trust=trust), payload.priority_ids, field="priorities", what="priority")
    entry = _calling(lambda: services.map_entry_create(trust=trust, service=service, priorities=priorities, note=payload.note, by=request.user))
    return Status(201, _entry_out(entry))


def _entry(trust: Trust, entry_id: int) -> MapEntry:
    entry = selectors.entry_for(trust=trust, pk=entry_id)
    if entry is None:
        raise Http404("No such service on this map.")
    return entry


@router.post("/map/{slug}/entries/{entry_id}/priorities", response=EntryWrittenOut)
def set_priorities(request, slug: str, entry_id: int, payload: PrioritiesIn):
    """Replace the priorities a mapped service serves (and, if `note` is sent, why it is on the map)."""
    trust = _manage(request, slug)
    entry = _entry(trust, entry_id)
    priorities = _own(Priority.objects.filter(trust=trust), payload.priority_ids, field="priorities", what="priority")
    entry = _calling(lambda: services.map_entry_set_priorities(entry=entry, priorities=priorities, note=payload.note, by=request.user))
    return _entry_out(entry)


@router.post("/map/{slug}/entries/{entry_id}/judgements", response={201: JudgementWrittenOut})
def record_judgement(request, slug: str, entry_id: int, payload: JudgementIn):
    """Record the trust's judgement of whether a mapped service works. Earlier judgements are kept."""
    trust = _manage(request, slug)
    entry = _entry(trust, entry_id)
    evidence = _own(selectors.evidence_choices(trust=trust), payload.evidence_ids, field="evidence", what="accepted evidence")
    judgement = _calling(
        lambda: services.judgement_record(
            entry=entry, rating=payload.rating, evidence_summary=payload.evidence_summary, evidence=evidence, by=request.user
        )
    )
    return Status(
        201,
        {
            "id": judgement.pk,
            "entry_id": entry.pk,
            "rating": judgement.rating,
            "evidence_summary": judgement.evidence_summary,
            "judged_at": judgement.judged_at,
            "evidence_ids": [item.pk for item in evidence],
        },
    )
