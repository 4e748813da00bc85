"""Demo micro-commissioning for the Peninsula: the residential and fostering framework Plymouth leads and
Cornwall, Devon and Torbay share, with its approved providers (one has left); Plymouth's data protection
impact assessment; an individual budget held by a lead professional (the demo's analyst, Tom Whitfield,
whose role alone would not let him in); one fostering request with three offers compared and one chosen
(a signed spot contract, committed against the budget, four weeks paid); and an open request for a
package of support that the demo provider (Priya Nair) can answer. Through the services; loading twice
adds nothing. Dates are relative to the day of loading.
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


@transaction.atomic
def load(stdout=None) -> None:
    plymouth = Trust.objects.filter(slug="plymouth").select_related("region").first()
    if plymouth is None or Framework.objects.filter(trust=plymouth, name=FRAMEWORK).exists():
        return
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
    fostering = requests.request_create(
        trust=plymouth,
        by=by,
        framework=framework,
        buyer=council,
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
    fostering = requests.request_send(
        request=fostering, by=by, organisations=[approved[FOSTERING.format(area=a)] for a in ("Plymouth", "Cornwall", "Devon")]
    )
    made = {}
    for area, price, how in OFFERS:
        organisation = approved[FOSTERING.format(area=area)]
        made[area] = offers.offer_make(
            request=fostering, organisation=organisation, by=by, weekly_price=Decimal(price), starts_on=fostering.starts_on, how_outcomes_met=how
        )
    placed = offers.request_choose(
        request=fostering,
        offer=made["Plymouth"],
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

    package = requests.request_create(
        trust=plymouth,
        by=by,
        framework=framework,
        buyer=council,
        kind=PlacementRequest.Kind.PACKAGE,
        needs="A fourteen-year-old young carer whose parent has a long-term illness; misses school on bad days; no support at home after school.",
        outcomes="School attendance above 90%; a trusted adult to talk to each week; the family knows where to turn in a crisis.",
        starts_on=today + datetime.timedelta(days=21),
        duration_weeks=12,
        weekly_budget=Decimal("180"),
    )
    requests.request_send(
        request=package,
        by=by,
        organisations=[approved[name] for name in ("Plymouth Young Carers Project", "Plymouth Healthy Futures CIC") if name in approved],
    )
    if stdout:
        stdout.write(
            f"Placements demo: {FRAMEWORK} shared by {framework.users.count()} trusts; request {placed.reference} placed under {placed.contract.reference}."
        )
