"""Demo procurements in the East of England (Essex), one in each state the Plymouth demo does not show:
a draft, an open tender, one in evaluation with an evaluator who declared a conflict with one bid, one
in its standstill with assessment summaries sent, and a cancelled one. Through the services, so the
demo shows what the pages would make. The Essex bidders and panel are demo people of their own.
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
from jointly.plans.models import CommissioningIntention

from . import demo_evaluation
from .models import Criterion, Opportunity, PanelMember, RouteKind
from .services import award as award_services
from .services import bids as bid_services
from .services import opportunities as services
from .tasks import opportunity_close

TRUST = "essex"
# The demo's bidders, panel and young person in Essex: (handle, name, role, organisation).
PEOPLE = [
    ("essex-provider", "Maya Osei", Role.PROVIDER_USER, "Essex Young Carers Project"),
    ("essex-provider2", "Ben Hollis", Role.PROVIDER_USER, "Essex Family Mediation Trust"),
    ("essex-analyst", "Ruth Adeyemi", Role.PERFORMANCE_ANALYST, "Essex County Council"),
    ("essex-young-person", "Kai Brennan", Role.PARTICIPANT, None),
]
SCALE = {0: "No answer.", 1: "Weak.", 2: "Satisfactory.", 3: "Good, with evidence.", 4: "Excellent, with strong evidence of outcomes."}


def load(stdout=None) -> None:
    trust = Trust.objects.filter(slug=TRUST).first()
    if trust is None or Opportunity.objects.filter(trust=trust).exists():
        return
    by = User.objects.filter(memberships__trust=trust, role=Role.COMMISSIONER).order_by("pk").first()
    if by is None:
        return
    people = _people(trust)
    intentions = {i.title: i for i in CommissioningIntention.objects.filter(trust=trust, status=CommissioningIntention.Status.PUBLISHED)}
    bidders = [people["essex-provider"], people["essex-provider2"]]
    panel = [(by, PanelMember.Capacity.OFFICER), (people["essex-analyst"], PanelMember.Capacity.OFFICER)]
    if intention := intentions.get("Young carers' support service"):
        opportunity = _closed_with_bids(intention, by, bidders, RouteKind.BELOW_THRESHOLD_OPEN, "ECC-YC-2027")
        panel_with_young_person = [*panel, (people["essex-young-person"], PanelMember.Capacity.SERVICE_USER)]
        decision = demo_evaluation.evaluate(
            opportunity, commissioner=by, panel=panel_with_young_person, conflicted=people["essex-analyst"], decider=by, decide=True
        )
        if decision is not None:
            award_services.award_notice_publish(decision=decision, by=by)
    if intention := intentions.get("Early help and family support"):
        opportunity = _closed_with_bids(intention, by, bidders, RouteKind.LIGHT_TOUCH, "ECC-EH-2027")
        # In evaluation: declared (the analyst conflicted with one bid) and scored, not yet moderated.
        demo_evaluation.evaluate(opportunity, commissioner=by, panel=panel, conflicted=people["essex-analyst"])
    if intention := intentions.get("Supported accommodation for care leavers"):
        services.opportunity_publish(opportunity=_ready(intention, by, RouteKind.OPEN, "ECC-SA-2027", days=50), by=by)
    if intention := intentions.get("Emotional wellbeing and mental health support in schools"):
        services.opportunity_create(
            intention=intention,
            by=by,
            route=RouteKind.PSR_COMPETITIVE,
            health_care=True,
            specification="Children get support for their emotional wellbeing in school, early, from people they know.",
            closes_at=timezone.now() + datetime.timedelta(days=60),
        )
    if intention := intentions.get("Holiday activities and food programme"):
        services.opportunity_cancel(
            opportunity=_ready(intention, by, RouteKind.QUOTATION, "ECC-HAF-2027", days=30),
            by=by,
            reason="Funded through the holiday activities grant programme instead, so small groups can apply.",
        )
    if stdout:
        stdout.write("  procurement: opportunities in Essex in every state\n")


def _people(trust: Trust) -> dict[str, User]:
    people = {}
    for handle, full_name, role, organisation_name in PEOPLE:
        email = f"{handle}{DEMO_EMAIL_DOMAIN}"
        organisation = Organisation.objects.filter(name=organisation_name).first() if organisation_name else None
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
