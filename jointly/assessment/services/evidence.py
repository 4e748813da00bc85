"""Evidence: contributed by the trust's staff or its partners (VCS and other providers), then accepted or not."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import Role
from jointly.core.transitions import transition
from jointly.needs.vocabulary import Group

from ..models import EvidenceItem


def _clean_groups(groups) -> list[str]:
    valid = set(Group.values)
    unknown = [group for group in groups if group not in valid]
    if unknown:
        raise ValidationError({"groups": f"Choose groups from the list (unknown: {', '.join(unknown)})."})
    return sorted(set(groups))


@transaction.atomic
def evidence_submit(
    *, trust, title: str, summary: str, kind: str, source_organisation, dated, by,
    outcome_areas=(), groups=(), places=(), consultation=None,
) -> EvidenceItem:
    """Add an item of evidence. It arrives as submitted; staff accept it into the assessment.

    A provider can contribute only in its own organisation's name, so the
    share of evidence from each sector stays true.
    """
    if by.role == Role.PROVIDER_USER and source_organisation.pk != by.organisation_id:
        raise ValidationError({"source_organisation": "You can contribute evidence only for your own organisation."})
    if consultation is not None and consultation.trust_id != trust.pk:
        raise ValidationError({"consultation": "Choose one of this trust's consultations."})
    for area in outcome_areas:
        if area.trust_id not in (None, trust.pk):
            raise ValidationError({"outcome_areas": "Choose this trust's outcome areas."})
    if any(place.parent_id != trust.area_id and place.pk != trust.area_id for place in places):
        raise ValidationError({"places": "Choose places in this trust's area."})
    item = EvidenceItem(
        trust=trust, title=title.strip(), summary=summary.strip(), kind=kind, source_organisation=source_organisation,
        dated=dated, consultation=consultation, groups=_clean_groups(groups), submitted_by=by,
    )
    item.full_clean()
    item.save()
    item.outcome_areas.set(outcome_areas)
    item.places.set(places)
    return item


def evidence_accept(*, item: EvidenceItem, by, note: str = "") -> EvidenceItem:
    return transition(
        instance=item, to=EvidenceItem.Status.ACCEPTED,
        allowed_from=[EvidenceItem.Status.SUBMITTED, EvidenceItem.Status.DECLINED], by=by, reason=note,
        changes={"decided_by": by, "decided_at": timezone.now(), "decision_note": note},
    )


def evidence_decline(*, item: EvidenceItem, by, note: str) -> EvidenceItem:
    # The contributor deserves to know why their evidence was not used.
    if not (note or "").strip():
        raise ValidationError({"note": "Say why this evidence is not being used, so the contributor knows"})
    return transition(
        instance=item, to=EvidenceItem.Status.DECLINED, allowed_from=[EvidenceItem.Status.SUBMITTED], by=by,
        reason=note, changes={"decided_by": by, "decided_at": timezone.now(), "decision_note": note.strip()},
    )
