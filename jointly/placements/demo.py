"""Demo micro-commissioning in both regions.

The Peninsula: the residential and fostering framework Plymouth leads and Cornwall, Devon and Torbay
share, with its approved providers (one has left); Plymouth's data protection impact assessment; an
individual budget held by a lead professional (the demo's analyst, Tom Whitfield, whose role alone would
not let him in); one fostering request with three offers compared and one chosen (a signed spot contract,
committed against the budget, four weeks paid); and an open request for a package of support that the
demo provider (Priya Nair) can answer.

The East of England: Essex's dynamic list for short breaks and family support, shared with
Southend-on-Sea and Thurrock, its providers Essex's own demo organisations; one short-breaks request with
three offers compared and one chosen (a signed spot contract), and one request for a package of support
still open for offers, one made so far.

Through the services; each region's part is loaded once (loading twice adds nothing). Dates are relative
to the day of loading.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.partnerships.models import Organisation, Trust

from .models import BudgetLine, Framework, PlacementRequest
from .services import assessments, budgets, frameworks, offers, requests

FRAMEWORK = "Peninsula residential and fostering framework"
SHARING = ("cornwall", "devon", "torbay")
FOSTERING = "{area} Fostering and Residential Care Ltd"
OFFERS = (
    ("Plymouth", "985", "Two experienced foster carers in Plympton, ten minutes from the child's school; weekly contact supported."),
    ("Cornwall", "910", "A carer family in Saltash with a therapeutic fostering qualification; school transport arranged."),
    ("Devon", "1120", "A specialist placement with on-site therapy; a longer journey to school, covered by the provider."),
)


ESSEX_LIST = "Essex short breaks and family support dynamic list"
ESSEX_SHARING = ("southend-on-sea", "thurrock")
ESSEX_PROVIDERS = (
    "Essex Fostering and Residential Care Ltd",
    "Essex Youth Clubs Network",
    "Essex Healthy Futures CIC",
    "Essex Young Carers Project",
)
ESSEX_OFFERS = (
    (
        "Essex Fostering and Residential Care Ltd",
        "640",
        "Two overnight stays a month in a small short-breaks home in Chelmsford with waking night staff.",
    ),
    ("Essex Youth Clubs Network", "310", "Saturday sessions at an accessible youth club with one-to-one support; no overnight stays."),
    ("Essex Healthy Futures CIC", "455", "Weekend activity days and one overnight stay a month, with a worker trained in sensory needs."),
)


@transaction.atomic
def load(stdout=None) -> None:
    lines = []
    plymouth = Trust.objects.filter(slug="plymouth").select_related("region").first()
    if plymouth is not None and not Framework.objects.filter(trust=plymouth, name=FRAMEWORK).exists():
        lines.append(_peninsula(plymouth))
    essex = Trust.objects.filter(slug="essex").select_related("region").first()
    if essex is not None and not Framework.objects.filter(trust=essex, name=ESSEX_LIST).exists():
        lines.append(_essex(essex))
    if stdout and lines:
        stdout.write("\n".join(lines))


def _sent(trust, by, framework, buyer, *, to, offered=(), **fields) -> tuple[PlacementRequest, dict]:
    """A request made, sent to the providers `to`, and answered by each of `offered` ((organisation, price a week, how))."""
    placement = requests.request_create(trust=trust, by=by, framework=framework, buyer=buyer, **fields)
    placement = requests.request_send(request=placement, by=by, organisations=to)
    made = {
        organisation.name: offers.offer_make(
            request=placement, organisation=organisation, by=by, weekly_price=Decimal(price), starts_on=placement.starts_on, how_outcomes_met=how
        )
        for organisation, price, how in offered
    }
    return placement, made


def _peninsula(plymouth) -> str:
    by = User.objects.filter(memberships__trust=plymouth, role="commissioner").order_by("pk").first()
    holder = User.objects.filter(memberships__trust=plymouth, role="performance_analyst").order_by("pk").first() or by
    today = timezone.localdate()
    framework = frameworks.framework_create(
        trust=plymouth,
        by=by,
        name=FRAMEWORK,
        covers="Residential children's homes, foster care, supported accommodation and packages of support for children the four trusts find hard to place.",
        starts_on=today - datetime.timedelta(days=540),
        ends_on=today + datetime.timedelta(days=920),
    )
    for slug in SHARING:
        trust = Trust.objects.filter(slug=slug).first()
        if trust is not None:
            frameworks.framework_trust_add(framework=framework, trust=trust, by=by, joined_on=framework.starts_on)
    names = [FOSTERING.format(area=area) for area in ("Plymouth", "Cornwall", "Devon", "Torbay")]
    names += ["Plymouth Young Carers Project", "Plymouth Healthy Futures CIC"]
    approved = {}
    for name in names:
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is not None:
            approved[name] = organisation
            frameworks.framework_provider_add(framework=framework, organisation=organisation, by=by, joined_on=framework.starts_on)
    torbay = framework.providers.filter(organisation__name=FOSTERING.format(area="Torbay")).first()
    if torbay is not None:
        frameworks.framework_provider_leave(approval=torbay, by=by, left_on=today - datetime.timedelta(days=90))

    assessments.assessment_record(
        trust=plymouth,
        by=by,
        lawful_basis="UK GDPR article 6(1)(e) public task and article 9(2)(h), for the council's duties under the Children Act 1989 (sections 20, 22 and 22C).",
        minimisation="Providers are sent the pseudonymous needs and outcomes statement only; date of birth, school and one family contact are kept for matching and safeguarding.",
        retention_months=24,
        approved_by="Data Protection Officer, Plymouth City Council",
        approved_on=today - datetime.timedelta(days=200),
    )
    budget = budgets.budget_create(
        trust=plymouth,
        by=by,
        reference="PLY-IB-0001",
        purpose="A foster placement and the support around it for one child, for six months, while the plan for permanence is made.",
        amount=Decimal("30000"),
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=305),
        holder=holder,
    )
    council = Organisation.objects.get(name="Plymouth City Council")
    fostering, made = _sent(
        plymouth,
        by,
        framework,
        council,
        to=[approved[FOSTERING.format(area=area)] for area, _, _ in OFFERS],
        offered=[(approved[FOSTERING.format(area=area)], price, how) for area, price, how in OFFERS],
        kind=PlacementRequest.Kind.FOSTERING,
        needs="An eleven-year-old who needs a stable foster family after two placement moves this year; anxious in new places, settled at school.",
        outcomes="Stays in the same school; no further unplanned moves; regular contact with a grandparent kept up; feels safe at home.",
        starts_on=today - datetime.timedelta(days=28),
        duration_weeks=26,
        weekly_budget=Decimal("1050"),
        budget=budget,
    )
    assessments.child_details_record(
        request=fostering, by=by, date_of_birth=today.replace(year=today.year - 11) - datetime.timedelta(days=40), school="A Plymouth primary academy"
    )
    placed = offers.request_choose(
        request=fostering,
        offer=made[FOSTERING.format(area="Plymouth")],
        by=by,
        reasons="Keeps the child at the same school with the shortest journey and supports contact with the grandparent; within the weekly budget.",
        others_reason="Another offer kept the child closer to their school and family.",
    )
    commitment = budget.lines.get(kind=BudgetLine.Kind.COMMITMENT)
    budgets.budget_line_add(
        budget=budget,
        by=holder,
        kind=BudgetLine.Kind.SPEND,
        amount=Decimal("985") * 4,
        description="First four weeks of the foster placement",
        on_date=today - datetime.timedelta(days=1),
        commitment=commitment,
    )
    budgets.budget_line_add(
        budget=budget,
        by=holder,
        kind=BudgetLine.Kind.SPEND,
        amount=Decimal("420"),
        description="School uniform and a bicycle for the journey to school",
        on_date=today - datetime.timedelta(days=7),
    )

    _sent(
        plymouth,
        by,
        framework,
        council,
        to=[approved[name] for name in ("Plymouth Young Carers Project", "Plymouth Healthy Futures CIC") if name in approved],
        kind=PlacementRequest.Kind.PACKAGE,
        needs="A fourteen-year-old young carer whose parent has a long-term illness; misses school on bad days; no support at home after school.",
        outcomes="School attendance above 90%; a trusted adult to talk to each week; the family knows where to turn in a crisis.",
        starts_on=today + datetime.timedelta(days=21),
        duration_weeks=12,
        weekly_budget=Decimal("180"),
    )
    return f"Placements demo: {FRAMEWORK} shared by {framework.users.count()} trusts; request {placed.reference} placed under {placed.contract.reference}."


def _essex(essex) -> str:
    """Essex's dynamic list, with one request placed after comparing offers and one still open for offers."""
    by = User.objects.filter(memberships__trust=essex, role="commissioner").order_by("pk").first()
    today = timezone.localdate()
    dynamic = frameworks.framework_create(
        trust=essex,
        by=by,
        name=ESSEX_LIST,
        kind=Framework.Kind.DYNAMIC_LIST,
        covers="Short breaks for disabled children and packages of family support at home; providers may join while it runs.",
        starts_on=today - datetime.timedelta(days=300),
        ends_on=today + datetime.timedelta(days=1160),
    )
    for slug in ESSEX_SHARING:
        trust = Trust.objects.filter(slug=slug).first()
        if trust is not None:
            frameworks.framework_trust_add(framework=dynamic, trust=trust, by=by, joined_on=dynamic.starts_on)
    approved = {}
    for number, name in enumerate(ESSEX_PROVIDERS):
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is not None:
            approved[name] = organisation
            # A dynamic list: providers joined at different times as they met its terms.
            frameworks.framework_provider_add(
                framework=dynamic, organisation=organisation, by=by, joined_on=dynamic.starts_on + datetime.timedelta(days=40 * number)
            )
    council = Organisation.objects.get(name="Essex County Council")
    breaks, made = _sent(
        essex,
        by,
        dynamic,
        council,
        to=[approved[name] for name, _, _ in ESSEX_OFFERS],
        offered=[(approved[name], price, how) for name, price, how in ESSEX_OFFERS],
        kind=PlacementRequest.Kind.SHORT_BREAKS,
        needs="A nine-year-old with autism and a learning disability who needs regular breaks away from home; unsettled by noise and change.",
        outcomes="The family has a regular break each month; the child enjoys the time away; the parents can keep caring at home.",
        starts_on=today - datetime.timedelta(days=14),
        duration_weeks=40,
        weekly_budget=Decimal("500"),
    )
    placed = offers.request_choose(
        request=breaks,
        offer=made["Essex Healthy Futures CIC"],
        by=by,
        reasons="Overnight stays as well as days, with a worker trained in sensory needs, within the weekly budget; the cheaper offer has no overnight stay.",
        others_reason="Another offer gave overnight breaks within the weekly budget.",
    )
    young_carers = approved["Essex Young Carers Project"]
    _sent(
        essex,
        by,
        dynamic,
        council,
        to=[young_carers, approved["Essex Youth Clubs Network"]],
        offered=[(young_carers, "195", "A young carers' worker two evenings a week for homework club, and a place on the Saturday group.")],
        kind=PlacementRequest.Kind.PACKAGE,
        needs="A fifteen-year-old caring for a younger brother after school while their parent works nights; falling behind at school.",
        outcomes="Homework done most evenings; the young person has time for themselves each week; the family has a plan for school holidays.",
        starts_on=today + datetime.timedelta(days=28),
        duration_weeks=16,
        weekly_budget=Decimal("220"),
    )
    return f"Placements demo: {ESSEX_LIST} shared by {dynamic.users.count()} trusts; request {placed.reference} placed under {placed.contract.reference}."
