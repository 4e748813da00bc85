"""The integrated needs assessment: draft, publish (freezing a snapshot) and start the next version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jointly.core.transitions import transition

from ..models import Finding, NeedsAssessment
from ..snapshot import build_snapshot


def _draft_only(assessment: NeedsAssessment):
    if assessment.status != NeedsAssessment.Status.DRAFT:
        raise ValidationError("This version is published and cannot change. Start a new draft to make changes.")


@transaction.atomic
def assessment_create(*, trust, period: str, title: str, summary: str = "", by) -> NeedsAssessment:
    latest = NeedsAssessment.objects.filter(trust=trust, period=period.strip()).aggregate(v=Max("version"))["v"]
    if latest is not None:
        raise ValidationError({"period": "This trust already has a needs assessment for that period. Start a new draft from it instead."})
    assessment = NeedsAssessment(trust=trust, period=period.strip(), title=title.strip(), summary=summary, created_by=by)
    assessment.full_clean()
    assessment.save()
    return assessment


@transaction.atomic
def assessment_update(
    *, assessment: NeedsAssessment, by, title=None, summary=None, indicators=None, evidence=None, priorities=None
) -> NeedsAssessment:
    _draft_only(assessment)
    if title is not None:
        assessment.title = title.strip()
    if summary is not None:
        assessment.summary = summary
    assessment.full_clean()
    assessment.save()
    if indicators is not None:
        if any(i.trust_id not in (None, assessment.trust_id) for i in indicators):
            raise ValidationError({"indicators": "Choose published indicators or this trust's own."})
        assessment.indicators.set(indicators)
    if evidence is not None:
        if any(e.trust_id != assessment.trust_id or e.status != e.Status.ACCEPTED for e in evidence):
            raise ValidationError({"evidence": "Choose evidence this trust has accepted into its assessment."})
        assessment.evidence.set(evidence)
    if priorities is not None:
        if any(p.trust_id != assessment.trust_id for p in priorities):
            raise ValidationError({"priorities": "Choose this trust's priorities."})
        assessment.priorities.set(priorities)
    return assessment


@transaction.atomic
def finding_add(*, assessment: NeedsAssessment, title: str, text: str, outcome_area=None, evidence=(), by) -> Finding:
    _draft_only(assessment)
    if any(e.trust_id != assessment.trust_id for e in evidence):
        raise ValidationError({"evidence": "Choose evidence from this trust's needs assessment."})
    order = (assessment.findings.aggregate(o=Max("order"))["o"] or 0) + 10
    finding = Finding(assessment=assessment, title=title.strip(), text=text.strip(), outcome_area=outcome_area, order=order)
    finding.full_clean()
    finding.save()
    finding.evidence.set(evidence)
    return finding


@transaction.atomic
def finding_remove(*, finding: Finding, by) -> None:
    _draft_only(finding.assessment)
    finding.delete()


def assessment_publish(*, assessment: NeedsAssessment, by) -> NeedsAssessment:
    """Publish this version: the data it shows is copied into it now, so it never changes afterwards."""
    errors = []
    if not assessment.findings.exists():
        errors.append("Add at least one finding before publishing.")
    if not assessment.indicators.exists() and not assessment.evidence.exists():
        errors.append("Choose the indicators or evidence the assessment draws on before publishing.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    return transition(
        instance=assessment, to=NeedsAssessment.Status.PUBLISHED, allowed_from=[NeedsAssessment.Status.DRAFT], by=by,
        reason=f"Version {assessment.version} published",
        changes={"snapshot": build_snapshot(assessment, at=now), "published_at": now, "published_by": by},
    )


@transaction.atomic
def assessment_new_draft(*, assessment: NeedsAssessment, by) -> NeedsAssessment:
    """Start the next version as a copy of a published one: its choices, findings and their evidence."""
    if assessment.status != NeedsAssessment.Status.PUBLISHED:
        raise ValidationError("Publish this version before starting the next one.")
    if NeedsAssessment.objects.filter(previous=assessment).exists():
        raise ValidationError("A later version of this assessment has already been started.")
    draft = NeedsAssessment.objects.create(
        trust=assessment.trust, period=assessment.period, version=assessment.version + 1, title=assessment.title,
        summary=assessment.summary, previous=assessment, created_by=by,
    )
    draft.indicators.set(assessment.indicators.all())
    draft.evidence.set(assessment.evidence.all())
    draft.priorities.set(assessment.priorities.all())
    for finding in assessment.findings.prefetch_related("evidence"):
        copy = Finding.objects.create(
            assessment=draft, title=finding.title, text=finding.text, outcome_area=finding.outcome_area, order=finding.order
        )
        copy.evidence.set(finding.evidence.all())
    return draft
