"""The demo's one procurement taken all the way to a contract (the procurement demo stops at an open tender).

In Plymouth, "Supported accommodation for care leavers" from the forward plan is tendered on the light-touch
route, bid for by two providers (the first as a consortium), closed, evaluated by a panel and awarded
(demo_evaluation.evaluate); the award notice is published and, light touch having no mandatory standstill,
the award concludes; the award becomes a draft contract through contracts' own service. Everything goes
through the services, except that the demo moves the tender's closing time into the past once the bids are
in (the demo cannot wait the 45 days of its window), recorded as the demo's doing in the audit trail's reason.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from jointly.accounts.models import Role, User
from jointly.plans.models import CommissioningIntention
from jointly.procurement.demo import SCALE
from jointly.procurement.demo_bids import _answers, _pricing
from jointly.procurement.demo_evaluation import evaluate
from jointly.procurement.models import Criterion, Opportunity, PanelMember, RouteKind
from jointly.procurement.services import award as award_services
from jointly.procurement.services import bids as bid_services
from jointly.procurement.services import opportunities as opportunity_services
from jointly.procurement.tasks import opportunity_close

from .models import Contract
from .services import contracts as services

INTENTION = "Supported accommodation for care leavers"
REFERENCE = "PCC-CL-2027"


def awarded_tender(trust, by, today: datetime.date) -> Contract | None:
    intention = CommissioningIntention.objects.filter(trust=trust, title=INTENTION, status=CommissioningIntention.Status.PUBLISHED).first()
    if intention is None or Opportunity.objects.filter(trust=trust, reference=REFERENCE).exists():
        return None
    bidders = list(
        User.objects.filter(role=Role.PROVIDER_USER, organisation__isnull=False, memberships__trust=trust)
        .select_related("organisation")
        .order_by("pk")
        .distinct()[:2]
    )
    officers = list(
        User.objects.filter(memberships__trust=trust, role__in=[Role.COMMISSIONER, Role.PERFORMANCE_ANALYST]).order_by("pk").distinct()[:2]
    )
    if len(bidders) < 2 or bidders[0].organisation_id == bidders[1].organisation_id or not officers:
        return None
    opportunity = opportunity_services.opportunity_create(
        intention=intention,
        by=by,
        route=RouteKind.LIGHT_TOUCH,
        reference=REFERENCE,
        specification="Care leavers have a safe, settled home, with support to live on their own by 21.",
        budget=intention.total_value,
        budget_published=True,
        closes_at=timezone.now() + datetime.timedelta(days=45),
    )
    opportunity_services.conflicts_assessment_record(
        opportunity=opportunity, by=by, declarations="No panel member declared an interest.", actions="None needed."
    )
    opportunity_services.social_value_record(
        opportunity=opportunity,
        by=by,
        improvements="Apprenticeships for care leavers; local landlords and suppliers.",
        consulted=True,
        consultation="The Children in Care Council.",
    )
    opportunity_services.outcome_add(
        opportunity=opportunity,
        by=by,
        text="Care leavers live in safe, settled homes",
        measure="Share of care leavers in suitable accommodation at 19–21",
    )
    quality = opportunity_services.criterion_add(opportunity=opportunity, by=by, title="How the service achieves the outcomes", weight=65)
    opportunity_services.criterion_add(opportunity=opportunity, by=by, title="Price (full cost)", weight=25, kind=Criterion.Kind.PRICE)
    social = opportunity_services.criterion_add(
        opportunity=opportunity, by=by, title="Social value for Plymouth", weight=10, kind=Criterion.Kind.SOCIAL_VALUE
    )
    opportunity_services.scale_set(opportunity=opportunity, by=by, meanings=SCALE)
    opportunity_services.question_add(
        opportunity=opportunity, by=by, text="How will young people choose and keep their home?", criterion=quality, word_limit=750
    )
    opportunity_services.question_add(opportunity=opportunity, by=by, text="What social value will you add?", criterion=social, word_limit=500)
    opportunity = opportunity_services.opportunity_publish(opportunity=opportunity, by=by)

    lead, other = bidders
    consortium = bid_services.bid_start(opportunity=opportunity, by=lead)
    bid_services.bid_answers_save(
        bid=consortium, by=lead, answers=_answers(opportunity, "Young people visit and choose; a key worker stays with them.")
    )
    bid_services.bid_pricing_save(bid=consortium, by=lead, **_pricing(Decimal(3), Decimal("2580000")))
    bid_services.consortium_member_add(
        bid=consortium, by=lead, organisation=other.organisation, role="Runs the move-on flats", work_share="35", money_share="35", years_experience=9
    )
    bid_services.consortium_lead_role_save(bid=consortium, by=lead, lead_role="Leads the contract and the key workers")
    bid_services.bid_submit(bid=consortium, by=lead)
    single = bid_services.bid_start(opportunity=opportunity, by=other)
    bid_services.bid_answers_save(bid=single, by=other, answers=_answers(opportunity, "Shared houses with a warden."))
    bid_services.bid_pricing_save(bid=single, by=other, **_pricing(Decimal("2.5"), Decimal("2450000")))
    # The second provider, a consortium member above, does not also bid alone: its draft stays a draft.

    # The demo moves the clock past the closing time (see the module's note), then the clock closes it.
    now = timezone.now()
    Opportunity.objects.filter(pk=opportunity.pk).update(closes_at=now - datetime.timedelta(minutes=1))
    opportunity = opportunity_close(Opportunity.objects.get(pk=opportunity.pk), now=now)
    panel = [(officers[0], PanelMember.Capacity.OFFICER)] + [(person, PanelMember.Capacity.OFFICER) for person in officers[1:]]
    decision = evaluate(opportunity, commissioner=by, panel=panel, decider=by, decide=True)
    if decision is None:
        return None
    award_services.award_notice_publish(decision=decision, by=by, today=today)
    award = decision.awards.get()
    buyer = trust.partners.filter(organisation__name__icontains="Council").first()
    starts_on = (today.replace(day=1) + datetime.timedelta(days=92)).replace(day=1)
    return services.contract_create_from_award(
        award=award,
        by=by,
        buyer=buyer.organisation if buyer else trust.partners.first().organisation,
        reference="PLY-C0009",
        starts_on=starts_on,
        ends_on=services.add_years(starts_on, 3) - datetime.timedelta(days=1),
        extension_months=[24],
    )
