"""Demo bids, for the procurement demo to call while its opportunities are still open (bids can be
made only then: the services check the closing time). Not a demo loader of its own: the opportunity
demo calls `add_demo_bids(opportunity)` after publishing, before moving any opportunity on.

Gives the opportunity up to two bids from provider people of its trust: a submitted consortium bid
(the lead with a partner, priced with full cost recovery) and a draft priced below its full cost."""

from __future__ import annotations

from decimal import Decimal

from jointly.accounts.models import Role, User
from jointly.partnerships.models import Organisation

from .models import Bid, Opportunity
from .services import bids as services


def _answers(opportunity, text):
    return {question.pk: text for question in opportunity.questions.all()}


def _pricing(scale: Decimal, price: Decimal) -> dict:
    return {
        "price": str(price),
        "direct_staff": str((Decimal("60000") * scale).quantize(Decimal("1"))),
        "direct_running": str((Decimal("30000") * scale).quantize(Decimal("1"))),
        "direct_non_cash": str((Decimal("10000") * scale).quantize(Decimal("1"))),
        "units": "50",
        "unit_name": "family supported",
        "overheads": {
            "premises": ("50000", "20", "4"),
            "central": ("30000", "10000", "2500"),
            "governance": ("12000", "1200000", "100000"),
        },
    }


def add_demo_bids(opportunity: Opportunity) -> list[Bid]:
    if opportunity.status != Opportunity.Status.OPEN:
        return []
    bidders = list(
        User.objects.filter(role=Role.PROVIDER_USER, organisation__isnull=False, memberships__trust=opportunity.trust)
        .select_related("organisation")
        .order_by("pk")
        .distinct()[:2]
    )
    made = []
    lot = opportunity.lots.order_by("number").first()
    if bidders:
        lead = bidders[0]
        bid = services.bid_start(opportunity=opportunity, by=lead, lot=lot)
        services.bid_answers_save(bid=bid, by=lead, answers=_answers(opportunity, "We already work with every secondary school's pastoral team."))
        services.bid_pricing_save(bid=bid, by=lead, **_pricing(Decimal(1), Decimal("118500")))
        partner = Organisation.objects.filter(partnerships__trust=opportunity.trust).exclude(pk=lead.organisation_id).order_by("name").first()
        if partner is not None:
            services.consortium_member_add(
                bid=bid, by=lead, organisation=partner, role="Runs the evening clubs", work_share="30", money_share="25", years_experience=8
            )
            services.consortium_lead_role_save(bid=bid, by=lead, lead_role="Leads the contract and runs casework")
        made.append(services.bid_submit(bid=bid, by=lead))
    if len(bidders) > 1 and bidders[1].organisation_id != bidders[0].organisation_id:
        other = bidders[1]
        draft = services.bid_start(opportunity=opportunity, by=other, lot=lot)
        services.bid_answers_save(bid=draft, by=other, answers=_answers(opportunity, "Our youth workers meet young carers in clubs."))
        services.bid_pricing_save(bid=draft, by=other, **_pricing(Decimal("0.9"), Decimal("95000")))
        made.append(Bid.objects.get(pk=draft.pk))
    return made
