"""Report cards: the story behind the curve, partners, what works, the action plan and performance measures."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import edit, transition

from ..models import PerformanceMeasure, Priority, ReportCard, ReportCardAction, ReportCardPartner
from .common import assign, model_problems, relink

EDITABLE = ("title", "story_behind_the_curve", "what_works", "service_name")


def report_card_refusal(priority: Priority) -> str | None:
    """Why no report card can be started for this priority now, or None."""
    if priority.status == Priority.Status.RETIRED:
        return "This priority is retired, so no new report card can be started for it."
    return None


@transaction.atomic
def report_card_create(
    *,
    trust,
    title: str,
    kind=ReportCard.Kind.POPULATION,
    priority=None,
    outcome_area=None,
    service_name: str = "",
    story_behind_the_curve: str = "",
    what_works: str = "",
    headline_indicators=(),
    by,
) -> ReportCard:
    card = ReportCard(
        trust=trust,
        title=(title or "").strip(),
        kind=kind,
        priority=priority,
        outcome_area=outcome_area or (priority.outcome_area if priority else None),
        service_name=(service_name or "").strip(),
        story_behind_the_curve=story_behind_the_curve,
        what_works=what_works,
    )
    errors = model_problems(card)
    if priority is not None and priority.trust_id != trust.pk:
        errors["priority"] = "Choose one of this trust's priorities."
    elif priority is not None and (refusal := report_card_refusal(priority)):
        errors["priority"] = refusal
    if kind == ReportCard.Kind.SERVICE and not card.service_name:
        errors["service_name"] = "Enter the name of the service"
    if kind == ReportCard.Kind.POPULATION and priority is None and outcome_area is None:
        errors["outcome_area"] = "Choose the outcome or priority the report card is about"
    if errors:
        raise FieldErrors(errors)
    card.save()
    card.headline_indicators.set(headline_indicators)
    return card


def report_card_update(*, card: ReportCard, by, headline_indicators=None, version: str | None = None, **fields) -> ReportCard:
    """Change a report card's words and headline indicators on its locked row, saving only what changed.

    `version` is the card's version_of() when the form was shown: a change made since is refused.
    """
    with edit(card, version=version) as row:
        assign(row, fields, editable=EDITABLE, strip=("title", "service_name"))
        errors = model_problems(row)
        if row.kind == ReportCard.Kind.SERVICE and not row.service_name:
            errors["service_name"] = "Enter the name of the service"
        if errors:
            raise FieldErrors(errors)
        if relink(row, "headline_indicators", headline_indicators):
            # The headline indicators are part of the card: its version moves, so a form opened before is refused.
            row.updated_at = timezone.now()
    return row


@transaction.atomic
def report_card_partner_add(*, card: ReportCard, organisation, role: str, by) -> ReportCardPartner:
    with edit(card) as row:  # Locks the card, so two people cannot add the same partner at once.
        errors = {}
        if not (role or "").strip():
            errors["role"] = "Enter the partner's role"
        if row.partners.filter(organisation=organisation).exists():
            errors["organisation"] = "This organisation is already a partner on this report card"
        if errors:
            raise FieldErrors(errors)
        return ReportCardPartner.objects.create(report_card=row, organisation=organisation, role=role.strip())


def report_card_action_add(*, card: ReportCard, action: str, owner: str, due_on, owner_organisation=None, by) -> ReportCardAction:
    item = ReportCardAction(
        report_card=card, action=(action or "").strip(), owner=(owner or "").strip(), due_on=due_on, owner_organisation=owner_organisation
    )
    errors = model_problems(item)
    if errors:
        raise FieldErrors(errors)
    item.save()
    return item


def report_card_action_move(*, action: ReportCardAction, move: str, by, reason: str = "") -> ReportCardAction:
    """Start, complete or drop an action of the plan: `move` names one of ReportCardAction.TRANSITIONS."""
    if move not in ReportCardAction.TRANSITIONS.moves:
        raise FieldErrors({"move": "Choose in progress, done or dropped"})
    return transition(instance=action, move=move, by=by, reason=reason)


def performance_measure_add(*, card: ReportCard, category: str, name: str, value: float, period: str, unit: str = "", by) -> PerformanceMeasure:
    measure = PerformanceMeasure(
        report_card=card, category=category, name=(name or "").strip(), value=value, period=(period or "").strip(), unit=unit
    )
    errors = model_problems(measure)
    if card.kind != ReportCard.Kind.SERVICE:
        errors[NON_FIELD] = "Performance measures belong on a service report card."
    if errors:
        raise FieldErrors(errors)
    measure.save()
    return measure
