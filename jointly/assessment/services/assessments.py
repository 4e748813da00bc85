"""The integrated needs assessment: draft, publish (freezing a snapshot) and start the next version."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition

from ..models import Finding, NeedsAssessment
from ..snapshot import build_snapshot
from .common import model_problems, relink


@transaction.atomic
def assessment_create(*, trust, period: str, title: str, summary: str = "", by) -> NeedsAssessment:
    period = (period or "").strip()
    assessment = NeedsAssessment(trust=trust, period=period, title=title.strip(), summary=summary, created_by=by)
    # The one-version-per-period constraint is checked below, in words.
    errors = model_problems(assessment, validate_constraints=False)
    if NeedsAssessment.objects.filter(trust=trust, period=period).exists():
        errors["period"] = "This trust already has a needs assessment for that period. Start a new draft from it instead."
    if errors:
        raise FieldErrors(errors)
    assessment.save()
    return assessment


def _contents_problems(assessment: NeedsAssessment, *, indicators, evidence, priorities) -> dict[str, str]:
    errors = {}
    if indicators is not None and any(i.trust_id not in (None, assessment.trust_id) for i in indicators):
        errors["indicators"] = "Choose published indicators or this trust's own."
    if evidence is not None and any(e.trust_id != assessment.trust_id or e.status != e.Status.ACCEPTED for e in evidence):
        errors["evidence"] = "Choose evidence this trust has accepted into its assessment."
    if priorities is not None and any(p.trust_id != assessment.trust_id for p in priorities):
        errors["priorities"] = "Choose this trust's priorities."
    return errors


def assessment_update(
    *,
    assessment: NeedsAssessment,
    by,
    title=None,
    summary=None,
    indicators=None,
    evidence=None,
    priorities=None,
    version: str | None = None,
) -> NeedsAssessment:
    """Change a draft: its words, and the indicators, evidence and priorities it draws on.

    A published version is refused (it never changes), even when `assessment` is a copy read before it was published.
    """
    with edit(assessment, version=version) as row:
        if title is not None:
            row.title = title.strip()
        if summary is not None:
            row.summary = summary
        errors = {**model_problems(row), **_contents_problems(row, indicators=indicators, evidence=evidence, priorities=priorities)}
        if errors:
            raise FieldErrors(errors)
        for relation, chosen in (("indicators", indicators), ("evidence", evidence), ("priorities", priorities)):
            relink(row, relation, chosen)
    return row


@transaction.atomic
def finding_add(*, assessment: NeedsAssessment, title: str, text: str, outcome_area=None, evidence=(), by) -> Finding:
    with edit(assessment) as row:  # Locks the assessment, and refuses once it is published.
        finding = Finding(
            assessment=row,
            title=(title or "").strip(),
            text=(text or "").strip(),
            outcome_area=outcome_area,
            order=(row.findings.aggregate(o=Max("order"))["o"] or 0) + 10,
        )
        errors = model_problems(finding)
        if any(e.trust_id != row.trust_id for e in evidence):
            errors["evidence"] = "Choose evidence from this trust's needs assessment."
        if errors:
            raise FieldErrors(errors)
        finding.save()
        finding.evidence.set(evidence)
    return finding


@transaction.atomic
def finding_remove(*, finding: Finding, by) -> None:
    with edit(finding.assessment):
        finding.delete()


def _publish_problems(assessment: NeedsAssessment) -> dict[str, str]:
    errors = {}
    if not assessment.findings.exists():
        errors["findings"] = "Add at least one finding before publishing."
    if not assessment.indicators.exists() and not assessment.evidence.exists():
        errors["indicators"] = "Choose the indicators or evidence the assessment draws on before publishing."
    return errors


@transaction.atomic
def assessment_publish(*, assessment: NeedsAssessment, by) -> NeedsAssessment:
    """Publish this version: the data it shows is copied into it now, so it never changes afterwards."""
    # Locked first, so what is checked and copied is what is published: a change waits until this is done.
    locked = NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)
    errors = _publish_problems(locked)
    if errors:
        raise FieldErrors(errors)
    now = timezone.now()
    return transition(
        instance=locked,
        move="publish",
        by=by,
        reason=f"Version {locked.version} published",
        changes={"snapshot": build_snapshot(locked, at=now), "published_at": now, "published_by": by},
    )


def new_draft_refusal(assessment: NeedsAssessment) -> str | None:
    """Why the next version cannot be started from this one now, or None."""
    if assessment.status != NeedsAssessment.Status.PUBLISHED:
        return "This needs assessment is a draft: publish it before starting the next version."
    if NeedsAssessment.objects.filter(previous=assessment).exists():
        return "A later version of this needs assessment has already been started."
    return None


@transaction.atomic
def assessment_new_draft(*, assessment: NeedsAssessment, by) -> NeedsAssessment:
    """Start the next version as a copy of a published one: its choices, findings and their evidence."""
    # Locked, so two people starting the next version at once make one.
    assessment = NeedsAssessment.objects.select_for_update().get(pk=assessment.pk)
    refusal = new_draft_refusal(assessment)
    if refusal:
        raise InvalidTransition(refusal, current=assessment.status)
    draft = NeedsAssessment.objects.create(
        trust=assessment.trust,
        period=assessment.period,
        version=assessment.version + 1,
        title=assessment.title,
        summary=assessment.summary,
        previous=assessment,
        created_by=by,
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
