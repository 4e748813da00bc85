"""Writes for the service map: map a service, change its priorities, set a priority's groups, record a judgement.

Each rule is checked here with a message for people; each write runs in one
transaction, so nothing is half-saved.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jointly.assessment.models import Priority
from jointly.core.errors import FieldErrors
from jointly.core.transitions import transition
from jointly.needs.vocabulary import Group

from .models import EfficacyJudgement, MapEntry, MappedPriority, PriorityGroup, Rating


class MapError(FieldErrors):
    """Bad input to the service map, as {field: message} so forms and the API can show each against its field."""


def _check_priorities(trust, priorities) -> list[Priority]:
    priorities = list(dict.fromkeys(priorities or []))
    if not priorities:
        raise MapError({"priorities": "Select at least one priority the service serves"})
    for priority in priorities:
        if priority.trust_id != trust.pk:
            raise MapError({"priorities": f"{priority.title} is another trust's priority: choose this trust's priorities"})
        if priority.status == Priority.Status.RETIRED:
            raise MapError({"priorities": f"{priority.title} is retired: choose a current priority"})
    return priorities


def _set_priorities(entry: MapEntry, priorities: list[Priority]) -> None:
    wanted = {p.pk for p in priorities}
    # One row at a time, so each removal is in the audit trail.
    for row in entry.priority_rows.exclude(priority_id__in=wanted):
        row.delete()
    have = set(entry.priority_rows.values_list("priority_id", flat=True))
    for priority in priorities:
        if priority.pk not in have:
            MappedPriority.objects.create(entry=entry, priority=priority)


@transaction.atomic
def map_entry_create(*, trust, service, priorities, note: str = "", by) -> MapEntry:
    """Put a directory service on the trust's map, serving some of the trust's priorities."""
    if service is None:
        raise MapError({"service": "Select the service to add to the map"})
    entry = MapEntry.objects.select_for_update().filter(trust=trust, service=service).first()
    if entry is not None and entry.status == MapEntry.Status.ON_MAP:
        raise MapError({"service": f"{service.name} is already on the map: change its priorities instead"})
    priorities = _check_priorities(trust, priorities)
    if entry is None:
        entry = MapEntry.objects.create(trust=trust, service=service, note=(note or "").strip(), created_by=by)
    else:
        # Taken off the map before: the same entry comes back, with its earlier judgements.
        entry = transition(
            instance=entry, to=MapEntry.Status.ON_MAP, allowed_from=[MapEntry.Status.REMOVED], by=by,
            reason="Mapped again", changes={"note": (note or "").strip(), "removed_reason": ""},
        )
    _set_priorities(entry, priorities)
    return entry


@transaction.atomic
def map_entry_remove(*, entry: MapEntry, reason: str, by) -> MapEntry:
    """Take a service off the trust's map, saying why.

    Its priority links are deleted (each in the audit trail), so no analysis
    counts it; the entry and its efficacy judgements are kept, marked removed.
    """
    reason = (reason or "").strip()
    if not reason:
        raise MapError({"reason": "Enter why the service is coming off the map"})
    entry = transition(
        instance=entry, to=MapEntry.Status.REMOVED, allowed_from=[MapEntry.Status.ON_MAP], by=by,
        reason=reason, changes={"removed_reason": reason},
    )
    for row in entry.priority_rows.all():
        row.delete()
    return entry


@transaction.atomic
def map_entry_set_priorities(*, entry: MapEntry, priorities, note: str | None = None, by) -> MapEntry:
    """Change the priorities a mapped service serves (and, if given, why it is on the map)."""
    entry = MapEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.status != MapEntry.Status.ON_MAP:
        raise MapError({"priorities": f"{entry.service.name} is not on the map: add it to the map again instead"})
    priorities = _check_priorities(entry.trust, priorities)
    _set_priorities(entry, priorities)
    if note is not None and note.strip() != entry.note:
        entry.note = note.strip()
        entry.save(update_fields=["note", "updated_at"])
    return entry


@transaction.atomic
def priority_groups_set(*, priority: Priority, groups, by) -> list[str]:
    """Set the groups a priority means to reach. An empty list is allowed: the priority is for all children."""
    groups = list(dict.fromkeys(groups or []))
    unknown = [g for g in groups if g not in Group.values]
    if unknown:
        raise MapError({"groups": "Select groups from the list"})
    if priority.status == Priority.Status.RETIRED:
        raise MapError({"groups": "This priority is retired: its groups can no longer change"})
    for row in priority.map_groups.exclude(group__in=groups):
        row.delete()
    have = set(priority.map_groups.values_list("group", flat=True))
    for group in groups:
        if group not in have:
            PriorityGroup.objects.create(priority=priority, group=group)
    return groups


@transaction.atomic
def judgement_record(*, entry: MapEntry, rating: str, evidence_summary: str, evidence=(), by, at=None) -> EfficacyJudgement:
    """Record the trust's judgement of whether a mapped service works. Earlier judgements are kept."""
    errors = {}
    if entry.status != MapEntry.Status.ON_MAP:
        errors["entry"] = f"{entry.service.name} is not on the map: add it to the map again before judging it"
    if rating not in Rating.values:
        errors["rating"] = "Select how strong the evidence is that the service works"
    summary = (evidence_summary or "").strip()
    if not summary:
        errors["evidence_summary"] = "Enter the evidence the judgement rests on"
    evidence = list(evidence or [])
    strangers = [item for item in evidence if item.trust_id != entry.trust_id]
    if strangers:
        errors["evidence"] = f"{strangers[0].title} is another trust's evidence: choose this trust's evidence"
    if errors:
        raise MapError(errors)
    judgement = EfficacyJudgement.objects.create(
        entry=entry, rating=rating, evidence_summary=summary, judged_by=by, judged_at=at or timezone.now()
    )
    judgement.evidence.set(evidence)
    return judgement
