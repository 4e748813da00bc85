"""Report cards: the story behind the curve, partners, what works, the action plan and performance measures."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from jointly.core.transitions import transition

from ..models import PerformanceMeasure, ReportCard, ReportCardAction, ReportCardPartner


@transaction.atomic
def report_card_create(
    *, trust, title: str, kind=ReportCard.Kind.POPULATION, priority=None, outcome_area=None, service_name: str = "",
    story_behind_the_curve: str = "", what_works: str = "", headline_indicators=(), by,
) -> ReportCard:
    if priority is not None and priority.trust_id != trust.pk:
        raise ValidationError({"priority": "Choose one of this trust's priorities."})
    if kind == ReportCard.Kind.SERVICE and not service_name.strip():
        raise ValidationError({"service_name": "Enter the name of the service"})
    if kind == ReportCard.Kind.POPULATION and priority is None and outcome_area is None:
        raise ValidationError({"outcome_area": "Choose the outcome or priority the report card is about"})
    card = ReportCard(
        trust=trust, title=title.strip(), kind=kind, priority=priority,
        outcome_area=outcome_area or (priority.outcome_area if priority else None), service_name=service_name.strip(),
        story_behind_the_curve=story_behind_the_curve, what_works=what_works,
    )
    card.full_clean()
    card.save()
    card.headline_indicators.set(headline_indicators)
    return card


@transaction.atomic
def report_card_update(*, card: ReportCard, by, headline_indicators=None, **fields) -> ReportCard:
    for name in ("title", "story_behind_the_curve", "what_works", "service_name"):
        if name in fields:
            setattr(card, name, fields[name])
    card.full_clean()
    card.save()
    if headline_indicators is not None:
        card.headline_indicators.set(headline_indicators)
    return card


def report_card_partner_add(*, card: ReportCard, organisation, role: str, by) -> ReportCardPartner:
    if not role.strip():
        raise ValidationError({"role": "Enter the partner's role"})
    if card.partners.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": "This organisation is already a partner on this report card"})
    return ReportCardPartner.objects.create(report_card=card, organisation=organisation, role=role.strip())


def report_card_action_add(*, card: ReportCard, action: str, owner: str, due_on, owner_organisation=None, by) -> ReportCardAction:
    item = ReportCardAction(report_card=card, action=action.strip(), owner=owner.strip(), due_on=due_on,
                            owner_organisation=owner_organisation)
    item.full_clean()
    item.save()
    return item


_ACTION_MOVES = {
    ReportCardAction.Status.IN_PROGRESS: [ReportCardAction.Status.NOT_STARTED],
    ReportCardAction.Status.DONE: [ReportCardAction.Status.NOT_STARTED, ReportCardAction.Status.IN_PROGRESS],
    ReportCardAction.Status.DROPPED: [ReportCardAction.Status.NOT_STARTED, ReportCardAction.Status.IN_PROGRESS],
}


def report_card_action_set_status(*, action: ReportCardAction, to: str, by, reason: str = "") -> ReportCardAction:
    if to not in _ACTION_MOVES:
        raise ValidationError({"status": "Choose in progress, done or dropped"})
    return transition(instance=action, to=to, allowed_from=_ACTION_MOVES[to], by=by, reason=reason)


def performance_measure_add(*, card: ReportCard, category: str, name: str, value: float, period: str, unit: str = "", by) -> PerformanceMeasure:
    if card.kind != ReportCard.Kind.SERVICE:
        raise ValidationError("Performance measures belong on a service report card.")
    measure = PerformanceMeasure(report_card=card, category=category, name=name.strip(), value=value, period=period.strip(), unit=unit)
    measure.full_clean()
    measure.save()
    return measure
