"""Demo forward plans: every Peninsula trust and two East of England trusts, plus one make-or-buy appraisal.

Intentions are linked to the needs assessment's priorities where the trust has
them (matched by outcome area) and published. Dates run from the day the demo
is loaded, so the plan always looks ahead. Loading twice adds nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.assessment.models import Priority
from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import Organisation, Sector, Trust

from . import services
from .models import CommissioningIntention, CostOption, IntentionKind, MakeOrBuyAppraisal, Route

# title, kind, route, annual value, years, light-touch, outcome slug, months from now to engagement (None: no procurement dates)
INTENTIONS = [
    ("Early help and family support", IntentionKind.RECOMMISSION, Route.COMPETITIVE_FLEXIBLE, 420_000, 5, True, "stay-safe", 2),
    ("Young carers' support service", IntentionKind.COMMISSION, Route.OPEN, 95_000, 3, True, "make-a-positive-contribution", 1),
    ("Emotional wellbeing and mental health support in schools", IntentionKind.DIFFERENTLY, Route.PSR, 310_000, 3, True, "be-healthy", 3),
    ("Community youth activities small grants", IntentionKind.COMMISSION, Route.GRANT, 24_000, 1, True, "enjoy-and-achieve", 1),
    ("Supported accommodation for care leavers", IntentionKind.RECOMMISSION, Route.OPEN, 680_000, 4, True, "achieve-economic-well-being", 4),
    ("Holiday activities and food programme", IntentionKind.COMMISSION, Route.DIRECT_AWARD, 18_000, 1, True, "be-healthy", 2),
    ("Parenting programme (centre-based)", IntentionKind.DECOMMISSION, Route.IN_HOUSE, 60_000, 1, True, "stay-safe", None),
    ("School attendance advice line", IntentionKind.DIFFERENTLY, Route.IN_HOUSE, 45_000, 2, True, "enjoy-and-achieve", 2),
    ("Case management software for early help", IntentionKind.COMMISSION, Route.OPEN, 70_000, 4, False, "stay-safe", 3),
]
EAST_TRUSTS = 2


def _months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def _trusts() -> list[Trust]:
    trusts = list(Trust.objects.filter(region__slug="peninsula").order_by("name"))
    east = Trust.objects.filter(region__slug="east-of-england").order_by("name")
    essex = east.filter(slug="essex")
    trusts += list(essex) + list(east.exclude(slug="essex")[: EAST_TRUSTS - essex.count()])
    return trusts


def load(stdout=None) -> None:
    made = 0
    for trust in _trusts():
        if CommissioningIntention.objects.filter(trust=trust).exists():
            continue
        with transaction.atomic():
            made += _load_trust(trust)
    plymouth = Trust.objects.filter(slug="plymouth").first()
    if plymouth and not MakeOrBuyAppraisal.objects.filter(trust=plymouth).exists():
        with transaction.atomic():
            _appraisal(plymouth)
    if stdout:
        stdout.write(f"Forward plans loaded: {made} new commissioning intentions.")


def _commissioner(trust: Trust) -> User | None:
    return User.objects.filter(memberships__trust=trust, role="commissioner").order_by("pk").first()


def _load_trust(trust: Trust) -> int:
    by = _commissioner(trust)
    today = timezone.localdate()
    outcomes = {o.slug: o for o in OutcomeArea.objects.filter(trust__isnull=True)}
    priorities = {}
    for priority in Priority.objects.filter(trust=trust).exclude(status=Priority.Status.RETIRED):
        priorities.setdefault(priority.outcome_area.slug, []).append(priority)
    # Every trust re-commissions early help (make-or-buy looks at it); the rest is a different run of the
    # list for each trust (6 to 9 intentions in all), so the plans differ.
    seed = sum(map(ord, trust.slug))
    rest = INTENTIONS[1:]
    offset = seed % len(rest)
    rows = INTENTIONS[:1] + (rest[offset:] + rest[:offset])[: 5 + seed % 4]
    made = 0
    for index, (title, kind, route, annual, years, light_touch, outcome, lead) in enumerate(rows):
        dates = {}
        if lead is not None:
            engagement = _months(today, lead + index % 3)
            dates = {
                "engagement_starts_on": engagement,
                "tender_opens_on": _months(engagement, 2) if route not in (Route.GRANT, Route.DIRECT_AWARD, Route.IN_HOUSE) else None,
                "award_on": _months(engagement, 5),
                "current_contract_ends_on": _months(engagement, 9) - datetime.timedelta(days=1) if kind == IntentionKind.RECOMMISSION else None,
                "service_starts_on": _months(engagement, 9),
            }
        else:
            dates = {"current_contract_ends_on": _months(today, 7) - datetime.timedelta(days=1)}
        intention = services.intention_create(
            trust=trust,
            by=by,
            title=title,
            kind=kind,
            route=route,
            light_touch=light_touch,
            outcome_area=outcomes.get(outcome),
            estimated_annual_value=Decimal(annual),
            total_value=Decimal(annual * years),
            priorities=priorities.get(outcome, [])[:2],
            description=f"{IntentionKind(kind).label} {title[0].lower() + title[1:]} for {trust.area.name if trust.area_id else trust.name}. "
            "Providers of every size and sector are welcome at the engagement events.",
            **{k: v for k, v in dates.items() if v is not None},
        )
        services.intention_publish(intention=intention, by=by, reason="Published in the demo forward plan")
        made += 1
    return made


def _appraisal(trust: Trust) -> None:
    by = _commissioner(trust)
    intention = CommissioningIntention.objects.filter(trust=trust, title="Early help and family support").first()
    appraisal = services.appraisal_create(
        trust=trust, by=by, service_name="Plymouth family support", unit_name="family supported for a year", intention=intention
    )
    council = Organisation.objects.filter(partnerships__trust=trust, sector=Sector.LOCAL_AUTHORITY).order_by("name").first()
    vcs = list(Organisation.objects.filter(partnerships__trust=trust, sector=Sector.VCS).order_by("name")[:2])
    # In-house: the council's family support team, with a share of each of the council's overhead pools.
    services.option_add(
        appraisal=appraisal,
        name="Council family support team",
        kind=CostOption.Kind.IN_HOUSE,
        provider=council,
        units_per_year=Decimal(300),
        direct_costs=Decimal("385000"),
        overheads={
            "premises": (Decimal("2400000"), Decimal("1200"), Decimal("9.5")),
            "central": (Decimal("5600000"), Decimal("1850000"), Decimal("14800")),
            "governance": (Decimal("900000"), Decimal("310000000"), Decimal("385000")),
        },
    )
    if vcs:
        services.option_add(
            appraisal=appraisal,
            name=f"{vcs[0].name}: full-cost bid",
            kind=CostOption.Kind.EXTERNAL,
            provider=vcs[0],
            units_per_year=Decimal(300),
            direct_costs=Decimal("352000"),
            overheads={
                "premises": (Decimal("48000"), Decimal("24"), Decimal("9")),
                "central": (Decimal("61000"), Decimal("41000"), Decimal("14200")),
                "governance": (Decimal("22000"), Decimal("1100000"), Decimal("352000")),
                "fundraising": (Decimal("30000"), Decimal("400000"), Decimal("20000")),
            },
        )
    if len(vcs) > 1:
        services.option_add(
            appraisal=appraisal,
            name=f"{vcs[1].name}: quoted bid",
            kind=CostOption.Kind.EXTERNAL,
            provider=vcs[1],
            units_per_year=Decimal(280),
            quoted_full_cost=Decimal("431000"),
        )
    if vcs:
        services.appraisal_decide(
            appraisal=appraisal,
            by=by,
            decision=MakeOrBuyAppraisal.Decision.MIXED,
            reasons="The voluntary sector bid costs less per family once the council's overheads are counted in full, and reaches families "
            "who do not come to council offices. The council keeps the statutory child-in-need work in-house; "
            "targeted family support is to be commissioned externally.",
        )
