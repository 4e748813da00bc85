"""Evidence: contributed by the trust's staff or its partners (VCS and other providers), then accepted or not."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import Role
from jointly.core.errors import FieldErrors
from jointly.core.transitions import transition
from jointly.needs.vocabulary import Group

from ..models import EvidenceItem
from .common import model_problems


def _unknown_groups(groups) -> str | None:
    valid = set(Group.values)
    unknown = [group for group in groups if group not in valid]
    return f"Choose groups from the list (unknown: {', '.join(unknown)})." if unknown else None


@transaction.atomic
def evidence_submit(
    *,
    trust,
    title: str,
    summary: str,
    kind: str,
    source_organisation,
    dated,
    by,
    outcome_areas=(),
    groups=(),
    places=(),
    consultation=None,
) -> EvidenceItem:
    """Add an item of evidence. It arrives as submitted; staff accept it into the assessment.

    A provider can contribute only in its own organisation's name, so the
    share of evidence from each sector stays true.
    """
    item = EvidenceItem(
        trust=trust,
        title=(title or "").strip(),
        summary=(summary or "").strip(),
        kind=kind,
        source_organisation=source_organisation,
        dated=dated,
        consultation=consultation,
        groups=sorted(set(groups)),
        submitted_by=by,
    )
    errors = model_problems(item)
    if by.role == Role.PROVIDER_USER and source_organisation.pk != by.organisation_id:
        errors["source_organisation"] = "You can contribute evidence only for your own organisation."
    if consultation is not None and consultation.trust_id != trust.pk:
        errors["consultation"] = "Choose one of this trust's consultations."
    if any(area.trust_id not in (None, trust.pk) for area in outcome_areas):
        errors["outcome_areas"] = "Choose this trust's outcome areas."
    if any(place.parent_id != trust.area_id and place.pk != trust.area_id for place in places):
        errors["places"] = "Choose places in this trust's area."
    if unknown := _unknown_groups(groups):
        errors["groups"] = unknown
    if errors:
        raise FieldErrors(errors)
    item.save()
    item.outcome_areas.set(outcome_areas)
    item.places.set(places)
    return item


def evidence_accept(*, item: EvidenceItem, by, note: str = "") -> EvidenceItem:
    note = (note or "").strip()
    return transition(
        instance=item,
        move="accept",
        by=by,
        reason=note,
        changes={"decided_by": by, "decided_at": timezone.now(), "decision_note": note},
    )


def evidence_decline(*, item: EvidenceItem, by, note: str) -> EvidenceItem:
    # The contributor deserves to know why their evidence was not used.
    note = (note or "").strip()
    if not note:
        raise FieldErrors({"note": "Say why this evidence is not being used, so the contributor knows"})
    return transition(
        instance=item,
        move="decline",
        by=by,
        reason=note,
        changes={"decided_by": by, "decided_at": timezone.now(), "decision_note": note},
    )
