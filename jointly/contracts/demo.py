"""Demo contracts for both regions: running, draft, ended and cancelled; a consortium contract with
advance payments; and one Plymouth provider (the demo's Priya Nair, Plymouth Young Carers Project)
holding contracts from three of the trust's partners (council, ICB, police), so it completes one
monitoring return for all three; and one light-touch tender taken from the forward plan through bids,
evaluation and award to a draft consortium contract (demo_award.py). Through the services, so the demo shows what the pages would make.
Loading twice adds nothing. Dates are relative to the day of loading.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.assessment.models import Priority
from jointly.partnerships.models import Organisation, Trust

from . import demo_award
from .models import Contract, ContractMeasure, PaymentBasis
from .services import contracts as services


@dataclass(frozen=True)
class DemoContract:
    reference: str
    title: str
    supplier: str  # the organisation's name, {area} filled in
    buyer: str
    value: str
    started_months_ago: int
    years: int
    state: str  # "draft", "active", "ended", "cancelled"
    basis: str = PaymentBasis.BLOCK
    form: str = Contract.Form.STANDARD
    members: tuple = ()  # (name, role, work share, money share)
    extension_months: tuple = ()
    short_term_reason: str = ""
    measures: tuple = field(default=())  # (kind, question, text, target, unit)


YOUNG_CARERS = "{area} Young Carers Project"
KPIS = (
    (ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Young carers supported", "120", "young people"),
    (ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_WELL, "Assessments completed within 28 days", "90", "%"),
    (ContractMeasure.Kind.OUTCOME, ContractMeasure.Question.BETTER_OFF, "Young carers reporting less worry at home", "70", "%"),
)
CONTRACTS = {
    "plymouth": (
        DemoContract(
            "PLY-C0001",
            "Young carers' support service",
            YOUNG_CARERS,
            "Plymouth City Council",
            "240000",
            14,
            3,
            "active",
            extension_months=(12, 12),
            measures=KPIS,
        ),
        DemoContract(
            "PLY-C0002",
            "Young carers' health checks and drop-ins",
            YOUNG_CARERS,
            "NHS Devon Integrated Care Board",
            "90000",
            8,
            3,
            "active",
            basis=PaymentBasis.SPOT,
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Health checks offered", "200", "checks"),),
        ),
        DemoContract(
            "PLY-C0003",
            "Youth diversion sessions for young carers",
            YOUNG_CARERS,
            "Devon and Cornwall Police",
            "45000",
            5,
            2,
            "active",
            basis=PaymentBasis.MILESTONES,
            form=Contract.Form.SHORT,
            short_term_reason="Funded from the police and crime commissioner's two-year prevention fund; renewal is bid for in year two.",
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Diversion sessions held", "80", "sessions"),),
        ),
        DemoContract(
            "PLY-C0004",
            "Early help and family support (consortium)",
            "{area} Family Mediation Trust",
            "Plymouth City Council",
            "1350000",
            10,
            3,
            "active",
            basis=PaymentBasis.ADVANCE,
            extension_months=(24,),
            members=(
                ("{area} Youth Clubs Network", "Evening and weekend youth work", "30", "28"),
                ("{area} Parent Carer Forum", "Peer support for parents", "10", "8"),
            ),
            measures=(
                (ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Families supported", "400", "families"),
                (ContractMeasure.Kind.OUTCOME, ContractMeasure.Question.BETTER_OFF, "Families whose needs reduced at closure", "75", "%"),
                (ContractMeasure.Kind.SOCIAL_VALUE, ContractMeasure.Question.HOW_MUCH, "Local people recruited as volunteers", "25", "people"),
            ),
        ),
        DemoContract(
            "PLY-C0005",
            "Play in the parks",
            "{area} Community Play Association",
            "Plymouth City Council",
            "60000",
            20,
            3,
            "active",
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Play sessions held", "150", "sessions"),),
        ),
        DemoContract(
            "PLY-C0006",
            "Residential short breaks",
            "{area} Fostering and Residential Care Ltd",
            "Plymouth City Council",
            "510000",
            40,
            3,
            "ended",
            basis=PaymentBasis.PER_PLACEMENT,
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Short-break nights provided", "900", "nights"),),
        ),
        DemoContract(
            "PLY-C0007",
            "Healthy futures for young people",
            "{area} Healthy Futures CIC",
            "NHS Devon Integrated Care Board",
            "180000",
            -2,
            3,
            "draft",
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Young people supported", "300", "young people"),),
        ),
        DemoContract(
            "PLY-C0008",
            "Holiday activities pilot",
            "{area} Youth Clubs Network",
            "Plymouth City Council",
            "20000",
            -1,
            1,
            "cancelled",
            short_term_reason="A one-summer pilot.",
        ),
    ),
    "essex": (
        DemoContract(
            "ESX-C0001",
            "Young carers' support service",
            YOUNG_CARERS,
            "Essex County Council",
            "420000",
            12,
            3,
            "active",
            measures=KPIS,
        ),
        DemoContract(
            "ESX-C0002",
            "Family mediation and early help (consortium)",
            "{area} Family Mediation Trust",
            "Essex County Council",
            "900000",
            6,
            3,
            "active",
            basis=PaymentBasis.ADVANCE,
            members=(("{area} Youth Clubs Network", "Youth work in schools", "25", "25"),),
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Families supported", "300", "families"),),
        ),
        DemoContract(
            "ESX-C0003",
            "Community play",
            "{area} Community Play Association",
            "Essex County Council",
            "75000",
            38,
            3,
            "ended",
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Play sessions held", "120", "sessions"),),
        ),
        DemoContract(
            "ESX-C0005",
            "Holiday activities pilot",
            "{area} Healthy Futures CIC",
            "Essex County Council",
            "18000",
            -1,
            1,
            "cancelled",
            short_term_reason="A one-summer pilot.",
        ),
        # Both ended by the decommissioning demo: one early and completed, one in notice.
        DemoContract(
            "ESX-C0006",
            "Detached youth work, Basildon",
            "{area} Youth Clubs Network",
            "Essex County Council",
            "210000",
            30,
            3,
            "active",
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Young people met on the streets", "400", "young people"),),
        ),
        DemoContract(
            "ESX-C0007",
            "Play rangers in the parks",
            "{area} Community Play Association",
            "Essex County Council",
            "96000",
            20,
            3,
            "active",
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Play sessions held", "150", "sessions"),),
        ),
        DemoContract(
            "ESX-C0004",
            "Healthy futures for young people",
            "{area} Healthy Futures CIC",
            "NHS Mid and South Essex Integrated Care Board",
            "150000",
            -3,
            3,
            "draft",
            measures=((ContractMeasure.Kind.KPI, ContractMeasure.Question.HOW_MUCH, "Young people supported", "250", "young people"),),
        ),
    ),
}


def _months_ago(today: datetime.date, months: int) -> datetime.date:
    month = today.month - months
    year = today.year + (month - 1) // 12
    return datetime.date(year, (month - 1) % 12 + 1, 1)


def load(stdout=None) -> None:
    today = timezone.localdate()
    made = 0
    for slug, contracts in CONTRACTS.items():
        trust = Trust.objects.filter(slug=slug).select_related("area").first()
        if trust is None or Contract.objects.filter(trust=trust).exists():
            continue
        by = User.objects.filter(memberships__trust=trust, role="commissioner").order_by("pk").first()
        priorities = list(Priority.objects.filter(trust=trust, status=Priority.Status.APPROVED).prefetch_related("targets__indicator"))
        with transaction.atomic():
            for demo in contracts:
                _make(trust, demo, by, priorities, today)
                made += 1
            _changes(trust, by, today)
            if slug == "plymouth" and demo_award.awarded_tender(trust, by, today):
                made += 1
    if stdout and made:
        stdout.write(f"  contracts: {made} contracts in Plymouth and Essex\n")
    # Invoices and advance payments on the running contracts (an app has one demo loader: this one).
    from .demo_payments import load as load_payments

    load_payments(stdout=stdout)


# Terms set on drafts before signing, and variations of running contracts: (reference, approved?, value change, reason).
VARIATIONS = {
    "plymouth": (
        ("PLY-C0001", True, "12000", "More young carers identified through the schools' census than planned: a second evening group."),
        ("PLY-C0005", False, "-8000", "Two parks closed for resurfacing for a summer: fewer sessions, less money."),
    ),
    "essex": (("ESX-C0001", True, "15000", "Extra sessions in Harlow, where the waiting list doubled."),),
}


def _changes(trust: Trust, by, today) -> None:
    """Risks, insurance and funding on the draft; one approved and one awaiting variation per region's list."""
    from .services import terms, variations

    draft = Contract.objects.filter(trust=trust, status=Contract.Status.DRAFT).order_by("reference").first()
    if draft is not None:
        terms.risk_add(
            contract=draft, by=by, risk="Demand above the planned numbers", bearer="shared", provider_share="25", mitigation="Monthly referral review"
        )
        terms.risk_add(contract=draft, by=by, risk="Premises costs rise", bearer="buyer", mitigation="The council provides the rooms")
        terms.risk_add(
            contract=draft,
            by=by,
            risk="Staff recruitment",
            bearer="provider",
            clawback="Money for sessions not delivered is repaid in the next quarter",
        )
        terms.insurance_apply_defaults(contract=draft, by=by)
        terms.funding_share_add(contract=draft, by=by, organisation=draft.buyer, share="100", budget="Children's services")
    senior = User.objects.filter(memberships__trust=trust, role="board_member").order_by("pk").first() or by
    for reference, approve, change, reason in VARIATIONS.get(trust.slug, ()):
        contract = Contract.objects.filter(trust=trust, reference=reference, status=Contract.Status.ACTIVE).first()
        if contract is None:
            continue
        variation = variations.variation_propose(
            contract=contract, by=by, reason=reason, value_change=change, applies_from=max(today, contract.starts_on), today=today
        )
        if approve:
            approver = senior if variation.senior_approval_needed else by
            variations.variation_decide(variation=variation, by=approver, approve=True, note="Within the budget for the year.", today=today)


def _organisation(trust: Trust, name: str) -> Organisation:
    return Organisation.objects.get(name=name.format(area=trust.area.name))


def _make(trust: Trust, demo: DemoContract, by, priorities, today) -> Contract:
    starts_on = _months_ago(today, demo.started_months_ago)
    ends_on = services.add_years(starts_on, demo.years) - datetime.timedelta(days=1)
    contract = services.contract_create_direct(
        trust=trust,
        by=by,
        buyer=_organisation(trust, demo.buyer),
        supplier=_organisation(trust, demo.supplier),
        title=demo.title,
        reference=demo.reference,
        value=Decimal(demo.value),
        starts_on=starts_on,
        ends_on=ends_on,
        justification=(
            "Recorded from the trust's contracts register: awarded before Jointly, through the council's own procurement, "
            "under the rules in force at the time."
        ),
        form=demo.form,
        payment_basis=demo.basis,
        extension_months=demo.extension_months,
        short_term_reason=demo.short_term_reason,
    )
    if demo.members:
        services.contract_parties_set(
            contract=contract,
            by=by,
            members=[(_organisation(trust, name), role, Decimal(work), Decimal(money)) for name, role, work, money in demo.members],
        )
    for order, (kind, question, text, target, unit) in enumerate(demo.measures):
        priority = _serving(priorities, text)
        targets = list(priority.targets.all()) if priority else []
        ContractMeasure.objects.create(
            contract=contract,
            kind=kind,
            question=question,
            text=text,
            target=Decimal(target),
            unit=unit,
            value_type=ContractMeasure.ValueType.PERCENT if unit == "%" else ContractMeasure.ValueType.NUMBER,
            priority=priority,
            indicator=targets[0].indicator if targets else None,
            order=order,
        )
    if demo.state == "cancelled":
        return services.contract_cancel(contract=contract, by=by, reason="The summer pilot was funded from the holiday activities grant instead.")
    if demo.state in ("active", "ended"):
        contract = services.contract_sign(contract=contract, by=by, signed_on=starts_on - datetime.timedelta(days=14))
    if demo.state == "ended":
        contract = services.contract_expire(contract, today=today)
    return contract


def _serving(priorities, text: str):
    """The approved priority a demo measure serves: the young carers' one for young carers, else the first."""
    if not priorities:
        return None
    words = text.lower()
    for priority in priorities:
        if "carer" in words and "carer" in priority.title.lower():
            return priority
    return priorities[0]
