"""Demo procurements in every state for both regions, beside Plymouth's: in Essex (East of England) a draft,
an open tender, one in evaluation with an evaluator who declared a conflict with one bid, one in its
standstill with assessment summaries sent, an awarded one and a cancelled one; in Devon (Peninsula) one in
evaluation, one in standstill and a cancelled one. Through the services, so the
demo shows what the pages would make. Each trust's bidders and panel are demo people of their own.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from jointly.accounts.models import Membership, Role, User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.partnerships.demo import DEMO_PASSWORD
from jointly.partnerships.models import Organisation, Trust
from jointly.passport import services as passport_services
from jointly.plans import services as plan_services
from jointly.plans.models import CommissioningIntention, IntentionKind, Route

from . import demo_evaluation
from .models import Criterion, Opportunity, PanelMember, RouteKind
from .services import award as award_services
from .services import bids as bid_services
from .services import opportunities as services
from .tasks import opportunity_close

# The demo's bidders, panel and young person in each trust: (handle, name, role, organisation name pattern).
PEOPLE = {
    "essex": [
        ("essex-provider", "Maya Osei", Role.PROVIDER_USER, "{area} Young Carers Project"),
        ("essex-provider2", "Ben Hollis", Role.PROVIDER_USER, "{area} Family Mediation Trust"),
        ("essex-analyst", "Ruth Adeyemi", Role.PERFORMANCE_ANALYST, "Essex County Council"),
        ("essex-young-person", "Kai Brennan", Role.PARTICIPANT, None),
    ],
    "devon": [
        ("devon-provider", "Lowenna Pascoe", Role.PROVIDER_USER, "{area} Young Carers Project"),
        ("devon-provider2", "Tomasz Nowak", Role.PROVIDER_USER, "{area} Family Mediation Trust"),
        ("devon-analyst", "Aisha Rahman", Role.PERFORMANCE_ANALYST, None),
        ("devon-young-person", "Ellie Moss", Role.PARTICIPANT, None),
    ],
}
SCALE = {0: "No answer.", 1: "Weak.", 2: "Satisfactory.", 3: "Good, with evidence.", 4: "Excellent, with strong evidence of outcomes."}
# A light-touch service Essex adds to its forward plan for the demo, taken through to an award.
ESSEX_AWARDED = "Short breaks for disabled children"


def load(stdout=None) -> None:
    """Essex (East of England): drafted, open, in evaluation, in standstill, awarded and cancelled.
    Devon (Peninsula, beside Plymouth's open, draft and awarded tenders): in evaluation, in standstill, cancelled."""
    done = [slug for slug in ("essex", "devon") if _load_trust(slug)]
    if stdout and done:
        stdout.write(f"  procurement: opportunities in every state in {', '.join(done)}\n")


def _load_trust(slug: str) -> bool:
    trust = Trust.objects.filter(slug=slug).select_related("area").first()
    if trust is None or Opportunity.objects.filter(trust=trust).exists():
        return False
    by = User.objects.filter(memberships__trust=trust, role=Role.COMMISSIONER).order_by("pk").first()
    if by is None:
        return False
    people = _people(trust)
    analyst, young_person = people[f"{slug}-analyst"], people[f"{slug}-young-person"]
    intentions = {i.title: i for i in CommissioningIntention.objects.filter(trust=trust, status=CommissioningIntention.Status.PUBLISHED)}
    bidders = [people[f"{slug}-provider"], people[f"{slug}-provider2"]]
    panel = [(by, PanelMember.Capacity.OFFICER), (analyst, PanelMember.Capacity.OFFICER)]
    code = slug[:3].upper()
    if intention := intentions.get("Young carers' support service"):
        opportunity = _closed_with_bids(intention, by, bidders, RouteKind.BELOW_THRESHOLD_OPEN, f"{code}-YC-2027")
        decision = demo_evaluation.evaluate(
            opportunity,
            commissioner=by,
            panel=[*panel, (young_person, PanelMember.Capacity.SERVICE_USER)],
            conflicted=analyst,
            decider=by,
            decide=True,
        )
        if decision is not None:
            award_services.award_notice_publish(decision=decision, by=by)
    if intention := intentions.get("Early help and family support"):
        opportunity = _closed_with_bids(intention, by, bidders, RouteKind.LIGHT_TOUCH, f"{code}-EH-2027")
        # In evaluation: declared (the analyst conflicted with one bid) and scored, not yet moderated.
        demo_evaluation.evaluate(opportunity, commissioner=by, panel=panel, conflicted=analyst)
    if intention := intentions.get("Holiday activities and food programme"):
        services.opportunity_cancel(
            opportunity=_ready(intention, by, RouteKind.QUOTATION, f"{code}-HAF-2027", days=30),
            by=by,
            reason="Funded through the holiday activities grant programme instead, so small groups can apply.",
        )
    if slug != "essex":
        return True
    if intention := intentions.get("Supported accommodation for care leavers"):
        services.opportunity_publish(opportunity=_ready(intention, by, RouteKind.OPEN, "ESS-SA-2027", days=50), by=by)
    if intention := intentions.get("Emotional wellbeing and mental health support in schools"):
        services.opportunity_create(
            intention=intention,
            by=by,
            route=RouteKind.PSR_COMPETITIVE,
            health_care=True,
            specification="Children get support for their emotional wellbeing in school, early, from people they know.",
            closes_at=timezone.now() + datetime.timedelta(days=60),
        )
    # Awarded: light touch has no mandatory standstill, so publishing the award notice concludes it.
    opportunity = _closed_with_bids(_essex_short_breaks(trust, by), by, bidders, RouteKind.LIGHT_TOUCH, "ESS-SB-2027")
    decision = demo_evaluation.evaluate(opportunity, commissioner=by, panel=panel, decider=by, decide=True)
    if decision is not None:
        award_services.award_notice_publish(decision=decision, by=by)
    return True


def _essex_short_breaks(trust: Trust, by) -> CommissioningIntention:
    today = timezone.localdate()
    intention = plan_services.intention_create(
        trust=trust,
        by=by,
        title=ESSEX_AWARDED,
        kind=IntentionKind.RECOMMISSION,
        route=Route.OPEN,
        estimated_annual_value=Decimal("240000"),
        total_value=Decimal("720000"),
        description="Breaks for disabled children and their families, chosen with them.",
        # As planned when it was published today; the demo then runs the tender at once.
        tender_opens_on=today,
        award_on=today + datetime.timedelta(days=60),
        service_starts_on=today + datetime.timedelta(days=120),
    )
    return plan_services.intention_publish(intention=intention, by=by)


def _people(trust: Trust) -> dict[str, User]:
    people = {}
    for handle, full_name, role, organisation_name in PEOPLE[trust.slug]:
        email = f"{handle}{DEMO_EMAIL_DOMAIN}"
        organisation = Organisation.objects.filter(name=organisation_name.format(area=trust.area.name)).first() if organisation_name else None
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, DEMO_PASSWORD, full_name=full_name, role=role, organisation=organisation
        )
        Membership.objects.get_or_create(user=user, trust=trust)
        people[handle] = user
    return people


def _ready(intention, by, route, reference, *, days: int) -> Opportunity:
    """A draft with every gate passed, ready to publish."""
    opportunity = services.opportunity_create(
        intention=intention,
        by=by,
        route=route,
        reference=reference,
        specification="We describe the outcomes we want; bidders propose how to achieve them.",
        closes_at=timezone.now() + datetime.timedelta(days=days),
        # What the demo's Essex bidders hold: their core information, kept in their passports.
        passport_requirements=["core"],
    )
    services.conflicts_assessment_record(
        opportunity=opportunity, by=by, declarations="No declarations so far.", actions="Every panel member declares before seeing any bid."
    )
    if opportunity.estimated_value >= 207_720:
        services.social_value_record(
            opportunity=opportunity,
            by=by,
            improvements="Local jobs and volunteering; spending with Essex suppliers.",
            consulted=True,
            consultation="The Essex VCS assembly.",
        )
    services.outcome_add(opportunity=opportunity, by=by, text=f"{intention.title}: children and families are better off", measure="Reported outcomes")
    quality = services.criterion_add(opportunity=opportunity, by=by, title="How the service achieves the outcomes", weight=60)
    social = services.criterion_add(opportunity=opportunity, by=by, title="Social value for Essex", weight=10, kind=Criterion.Kind.SOCIAL_VALUE)
    services.criterion_add(opportunity=opportunity, by=by, title="Price (full cost)", weight=30, kind=Criterion.Kind.PRICE)
    services.scale_set(opportunity=opportunity, by=by, meanings=SCALE)
    services.question_add(opportunity=opportunity, by=by, text="How will you reach the children who need it most?", criterion=quality, word_limit=500)
    services.question_add(opportunity=opportunity, by=by, text="What social value will you add in Essex?", criterion=social, word_limit=300)
    return opportunity


def _closed_with_bids(intention, by, bidders, route, reference) -> Opportunity:
    """Published, bid for by each bidder, then past its closing time and closed by the clock's own service."""
    opportunity = services.opportunity_publish(opportunity=_ready(intention, by, route, reference, days=45), by=by)
    today = timezone.localdate()
    for number, bidder in enumerate(bidders):
        passport_services.core_save(
            organisation=bidder.organisation, by=bidder, registered_address="1 High Street\nChelmsford", postcode="CM1 1AA",
            staff=8 + number, volunteers=20, sme=True, today=today,
        )  # fmt: skip
        bid = bid_services.bid_start(opportunity=opportunity, by=bidder)
        bid_services.bid_answers_save(
            bid=bid, by=bidder, answers={q.pk: "Through the schools and GPs we already work with." for q in opportunity.questions.all()}
        )
        price = (opportunity.estimated_value * (90 - 8 * number) / 100).quantize(Decimal("1"))
        bid_services.bid_pricing_save(
            bid=bid, by=bidder, price=price, direct_staff=(price * 7 / 10).quantize(Decimal("1")), direct_running=(price / 10).quantize(Decimal("1")), direct_non_cash=0, units=100, unit_name="family supported"
        )  # fmt: skip
        bid_services.bid_submit(bid=bid, by=bidder)
    # The demo cannot wait for the closing time: it is moved into the past, and the clock's service closes it.
    Opportunity.objects.filter(pk=opportunity.pk).update(closes_at=timezone.now() - datetime.timedelta(days=1))
    return opportunity_close(Opportunity.objects.get(pk=opportunity.pk), now=timezone.now())
