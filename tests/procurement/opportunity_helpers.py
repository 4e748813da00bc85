"""Building opportunities for p1's tests: a draft ready to publish, through the services."""

import datetime

from django.utils import timezone

from jointly.procurement.models import Criterion, RouteKind
from jointly.procurement.services import opportunities as services

from .factories import IntentionFactory


def draft(trust, by, **overrides):
    intention = overrides.pop("intention", None) or IntentionFactory(trust=trust)
    fields = {"route": RouteKind.OPEN, "light_touch": False, "closes_at": timezone.now() + datetime.timedelta(days=45)}
    fields.update(overrides)
    return services.opportunity_create(intention=intention, by=by, **fields)


def complete(opportunity, by, *, social_value=True):
    """Give a draft everything publication asks for."""
    services.conflicts_assessment_record(opportunity=opportunity, by=by, declarations="No one declared a conflict.", actions="None needed.")
    if social_value:
        services.social_value_record(
            opportunity=opportunity, by=by, improvements="Local jobs for young people.", consulted=True, consultation="Young people's panel."
        )
    services.outcome_add(opportunity=opportunity, by=by, text="Young carers are found early", measure="Referrals before age 12")
    services.lot_add(opportunity=opportunity, by=by, title="Plymouth", suitable_for_sme=True, suitable_for_vcse=True)
    quality = services.criterion_add(opportunity=opportunity, by=by, title="Quality", weight=60)
    services.criterion_add(opportunity=opportunity, by=by, title="Price", weight=30, kind=Criterion.Kind.PRICE)
    services.criterion_add(opportunity=opportunity, by=by, title="Social value", weight=10, kind=Criterion.Kind.SOCIAL_VALUE)
    services.scale_set(opportunity=opportunity, by=by, meanings={score: f"Meaning of {score}" for score in range(opportunity.scale_max + 1)})
    services.question_add(opportunity=opportunity, by=by, text="How will you find young carers?", criterion=quality, word_limit=500)
    return opportunity


def published(trust, by, **overrides):
    opportunity = complete(draft(trust, by, **overrides), by)
    return services.opportunity_publish(opportunity=opportunity, by=by)
