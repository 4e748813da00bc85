"""Writes for the service map: map a service, change its priorities, set a priority's groups, record a judgement.

Each rule is checked here with a message for people; each write runs in one
transaction, so nothing is half-saved.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jointly.assessment.models import Priority
from jointly.core.errors import FieldErrors
from jointly.core.transitions import edit, transition
from jointly.needs.vocabulary import Group

from .models import EfficacyJudgement, MapEntry, MappedPriority, PriorityGroup, Rating


def _priority_problems(trust, priorities) -> tuple[list[Priority], dict[str, str]]:
    """The priorities, each once, and what is wrong with them as {"priorities": message}."""
    priorities = list(dict.fromkeys(priorities or []))
    if not priorities:
        return priorities, {"priorities": "Select at least one priority the service serves"}
    for priority in priorities:
        if priority.trust_id != trust.pk:
            return priorities, {"priorities": f"{priority.title} is another trust's priority: choose this trust's priorities"}
        if priority.status == Priority.Status.RETIRED:
            return priorities, {"priorities": f"{priority.title} is retired: choose a current priority"}
    return priorities, {}


def _set_priorities(entry: MapEntry, priorities: list[Priority]) -> bool:
    """Make the entry's priority rows these; says whether any changed."""
    wanted = {p.pk for p in priorities}
    changed = False
    # One row at a time, so each removal is in the audit trail.
    for row in entry.priority_rows.exclude(priority_id__in=wanted):
        row.delete()
        changed = True
    have = set(entry.priority_rows.values_list("priority_id", flat=True))
    for priority in priorities:
        if priority.pk not in have:
            MappedPriority.objects.create(entry=entry, priority=priority)
            changed = True
    return changed


@transaction.atomic
def map_entry_create(*, trust, service, priorities, note: str = "", by) -> MapEntry:
    """Put a directory service on the trust's map, serving some of the trust's priorities.

    A service taken off the map before comes back as the same entry, with its earlier judgements.
    """
    errors = {}
    entry = None
    if service is None:
        errors["service"] = "Select the service to add to the map"
    else:
        entry = MapEntry.objects.select_for_update().filter(trust=trust, service=service).first()
        if entry is not None and entry.status not in MapEntry.TRANSITIONS["restore"].sources:
            errors["service"] = f"{service.name} is already on the map: change its priorities instead"
    priorities, problems = _priority_problems(trust, priorities)
    errors.update(problems)
    if errors:
        raise FieldErrors(errors)
    if entry is None:
        entry = MapEntry.objects.create(trust=trust, service=service, note=(note or "").strip(), created_by=by)
    else:
        entry = transition(
            instance=entry,
            move="restore",
            by=by,
            reason="Mapped again",
            changes={"note": (note or "").strip(), "removed_reason": ""},
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
        raise FieldErrors({"reason": "Enter why the service is coming off the map"})
    entry = transition(instance=entry, move="remove", by=by, reason=reason, changes={"removed_reason": reason})
    for row in entry.priority_rows.all():
        row.delete()
    return entry


@transaction.atomic
def map_entry_set_priorities(*, entry: MapEntry, priorities, note: str | None = None, by, version: str | None = None) -> MapEntry:
    """Change the priorities a mapped service serves (and, if given, why it is on the map).

    Refused once the service is off the map, and (with `version`, the entry's version_of() when the
    form was shown) when someone changed the entry since.
    """
    with edit(entry, version=version) as row:
        priorities, errors = _priority_problems(row.trust, priorities)
        if errors:
            raise FieldErrors(errors)
        if note is not None:
            row.note = note.strip()
        if _set_priorities(row, priorities):
            # The priorities are rows of their own: touching the entry gives it a new version, so a form
            # shown before this change is refused rather than undoing it.
            row.updated_at = timezone.now()
    return row


@transaction.atomic
def priority_groups_set(*, priority: Priority, groups, by) -> list[str]:
    """Set the groups a priority means to reach. An empty list is allowed: the priority is for all children."""
    groups = list(dict.fromkeys(groups or []))
    errors = {}
    if any(g not in Group.values for g in groups):
        errors["groups"] = "Select groups from the list"
    if priority.status == Priority.Status.RETIRED:
        errors["groups"] = "This priority is retired: its groups can no longer change"
    if errors:
        raise FieldErrors(errors)
    for row in priority.map_groups.exclude(group__in=groups):
        row.delete()
    have = set(priority.map_groups.values_list("group", flat=True))
    for group in groups:
        if group not in have:
            PriorityGroup.objects.create(priority=priority, group=group)
    return groups


@transaction.atomic
def judgement_record(*, entry: MapEntry, rating: str, evidence_summary: str, evidence=(), by, at=None) -> EfficacyJudgement:
    """Record the trust's judgement of whether a mapped service works. Earlier judgements are kept.

    Takes the entry's lock: a service taken off the map is not judged.
    """
    with edit(entry) as row:
        errors = {}
        if rating not in Rating.values:
            errors["rating"] = "Select how strong the evidence is that the service works"
        summary = (evidence_summary or "").strip()
        if not summary:
            errors["evidence_summary"] = "Enter the evidence the judgement rests on"
        evidence = list(evidence or [])
        strangers = [item for item in evidence if item.trust_id != row.trust_id]
        if strangers:
            errors["evidence"] = f"{strangers[0].title} is another trust's evidence: choose this trust's evidence"
        if errors:
            raise FieldErrors(errors)
        judgement = EfficacyJudgement.objects.create(entry=row, rating=rating, evidence_summary=summary, judged_by=by, judged_at=at or timezone.now())
        judgement.evidence.set(evidence)
    return judgement
