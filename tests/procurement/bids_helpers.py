"""Test-only shortcuts for the bid tests: an OPEN (or closed) opportunity without going through the
opportunity services (another part of the stage), and a bid complete enough to submit."""

import datetime
from decimal import Decimal

from django.utils import timezone

from jointly.procurement.models import Opportunity
from jointly.procurement.services import bids as services

from .factories import CriterionFactory, OpportunityFactory, QuestionFactory


def open_opportunity(*, questions=2, closes_in=datetime.timedelta(days=30), **kwargs) -> Opportunity:
    """An opportunity moved straight to OPEN (tests only), with its questions."""
    opportunity = OpportunityFactory(**kwargs)
    criterion = CriterionFactory(opportunity=opportunity, weight=60)
    for number in range(questions):
        QuestionFactory(opportunity=opportunity, criterion=criterion, order=number, word_limit=50, text=f"Question {number + 1}: how will you help?")
    return set_state(opportunity, status=Opportunity.Status.OPEN, closes_at=timezone.now() + closes_in)


def set_state(opportunity, *, status=None, closes_at=None) -> Opportunity:
    """Force the opportunity's state and closing time (tests only: the services move it for real)."""
    changes = {}
    if status is not None:
        changes["status"] = status
        if status == Opportunity.Status.OPEN:
            changes["published_at"] = timezone.now() - datetime.timedelta(days=10)
    if closes_at is not None:
        changes["closes_at"] = closes_at
    Opportunity.objects.filter(pk=opportunity.pk).update(**changes)
    opportunity.refresh_from_db()
    return opportunity


def close_now(opportunity, *, status=Opportunity.Status.EVALUATION) -> Opportunity:
    """Closing time passed and (by default) moved to evaluation: the seal broken."""
    return set_state(opportunity, status=status, closes_at=timezone.now() - datetime.timedelta(minutes=1))


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"

# A hand-worked pricing: direct £60,000 + £30,000 + £10,000 = £100,000; premises £50,000 × 4/20 = £10,000;
# central £30,000 × 2,500/10,000 = £7,500; governance £12,000 × 100,000/1,200,000 = £1,000.
# Full cost £118,500 for 50 families: £2,370.00 a family.
PRICING = {
    "price": "118500",
    "direct_staff": "60000",
    "direct_running": "30000",
    "direct_non_cash": "10000",
    "units": "50",
    "unit_name": "family supported",
    "overheads": {
        "premises": ("50000", "20", "4"),
        "central": ("30000", "10000", "2500"),
        "governance": ("12000", "1200000", "100000"),
    },
}


def complete_bid(opportunity, user, **pricing):
    """A draft with every answer and the pricing done: ready to submit."""
    bid = services.bid_start(opportunity=opportunity, by=user, lot=opportunity.lots.first())
    services.bid_answers_save(
        bid=bid, by=user, answers={question.pk: "We know the pastoral lead in every school." for question in opportunity.questions.all()}
    )
    services.bid_pricing_save(bid=bid, by=user, **{**PRICING, **pricing})
    bid.refresh_from_db()
    return bid


def money(text):
    return Decimal(text)
