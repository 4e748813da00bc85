"""Illustrative budgets, funds and spend for every demo trust.

Every figure is made up, from a random generator seeded by the trust's slug,
so loading twice gives the same records and changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from decimal import Decimal

from django.db import transaction

from jointly.assessment.models import Priority
from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import LegalForm, Organisation, Sector, SizeBand, Trust
from jointly.providers.models import DirectoryService

from . import services
from .models import Budget, FundingStream, PooledFund, Purpose, SpendKind, SpendRecord, Tier

YEARS = ("2025-26", "2026-27")
RECORDS_PER_YEAR = 20
# Who pays, and their yearly children's-services budget in £ million (illustrative).
PAYERS = {Sector.LOCAL_AUTHORITY: (60, 140), Sector.NHS: (25, 70), Sector.POLICE: (1, 4), Sector.YOUTH_JUSTICE: (1, 3), Sector.SCHOOL: (3, 9)}
PAYER_WEIGHTS = {Sector.LOCAL_AUTHORITY: 6, Sector.NHS: 3, Sector.POLICE: 1, Sector.YOUTH_JUSTICE: 1, Sector.SCHOOL: 1}
LA, NHS, VCS, PRIVATE, SE, SCHOOL, YJS = (
    Sector.LOCAL_AUTHORITY,
    Sector.NHS,
    Sector.VCS,
    Sector.PRIVATE,
    Sector.SOCIAL_ENTERPRISE,
    Sector.SCHOOL,
    Sector.YOUTH_JUSTICE,
)
# (service, outcome slug, tier, purpose, low £k, high £k, sectors that provide it). A line's amount is
# drawn between the two, no more than its provider's size allows (SPEND_CAPS): the services small groups
# run start at a few thousand pounds (a grant to a holiday club), the statutory ones at hundreds of thousands.
SERVICES = [
    ("Health visiting", "be-healthy", Tier.UNIVERSAL, Purpose.PREVENTION, 800, 3000, (NHS, SE)),
    ("School nursing", "be-healthy", Tier.UNIVERSAL, Purpose.PREVENTION, 400, 1500, (NHS, SE)),
    ("Children and young people's mental health service", "be-healthy", Tier.SPECIALIST, Purpose.INTERVENTION, 1500, 6000, (NHS,)),
    ("Emotional well-being in schools", "be-healthy", Tier.TARGETED, Purpose.PREVENTION, 5, 600, (VCS, SE, SCHOOL)),
    ("Early help family support", "stay-safe", Tier.TARGETED, Purpose.PREVENTION, 300, 1800, (LA, VCS)),
    ("Children's social work", "stay-safe", Tier.SPECIALIST, Purpose.INTERVENTION, 3000, 12000, (LA,)),
    ("Residential placements", "stay-safe", Tier.SPECIALIST, Purpose.INTERVENTION, 2000, 9000, (PRIVATE, LA)),
    ("Domestic abuse support for children", "stay-safe", Tier.TARGETED, Purpose.INTERVENTION, 20, 400, (VCS,)),
    ("Young carers support", "enjoy-and-achieve", Tier.TARGETED, Purpose.PREVENTION, 5, 200, (VCS,)),
    ("Play and holiday activities", "enjoy-and-achieve", Tier.UNIVERSAL, Purpose.PREVENTION, 2, 350, (VCS, SE)),
    ("Special educational needs support", "enjoy-and-achieve", Tier.SPECIALIST, Purpose.INTERVENTION, 500, 3000, (LA, SCHOOL)),
    ("Youth clubs and detached youth work", "make-a-positive-contribution", Tier.UNIVERSAL, Purpose.PREVENTION, 2, 500, (VCS, LA)),
    ("Youth offending prevention", "make-a-positive-contribution", Tier.TARGETED, Purpose.PREVENTION, 10, 600, (YJS, VCS)),
    ("Participation and youth voice", "make-a-positive-contribution", Tier.UNIVERSAL, Purpose.PREVENTION, 1, 80, (VCS,)),
    ("Care leavers' employment support", "achieve-economic-well-being", Tier.TARGETED, Purpose.INTERVENTION, 20, 400, (LA, VCS, SE)),
    ("Family mediation", "achieve-economic-well-being", Tier.TARGETED, Purpose.PREVENTION, 5, 150, (VCS,)),
]
# The most one provider is paid in a year, by its size band (NCVO's income bands, SizeBand): below the band's
# top, since no organisation's whole income comes from one partnership. A statutory body has no cap.
SPEND_CAPS = {
    SizeBand.MICRO: Decimal(8_000),
    SizeBand.SMALL: Decimal(80_000),
    SizeBand.MEDIUM: Decimal(800_000),
    SizeBand.LARGE: Decimal(8_000_000),
    SizeBand.MAJOR: None,
}
# An organisation that gave no size is paid as a small one would be.
UNKNOWN_SIZE = SizeBand.SMALL


def spend_cap(organisation: Organisation) -> Decimal | None:
    """The most the demo pays this organisation in a year (None: no limit, for statutory bodies)."""
    if organisation.legal_form == LegalForm.STATUTORY_BODY:
        return None
    return SPEND_CAPS[organisation.size_band or UNKNOWN_SIZE]


# The directory services (jointly/providers/demo_catalogue.py) each ledger line pays for, best match first:
# spend is linked to the first of these that its provider runs, so the service map can show what each costs.
DIRECTORY_NAMES = {
    "Health visiting": ("Health visiting",),
    "School nursing": ("School nursing",),
    "Children and young people's mental health service": ("Children and young people's mental health service (CAMHS)",),
    "Emotional well-being in schools": ("Peer support groups for young people's mental health",),
    "Early help family support": ("Early help family support", "Family hub"),
    "Residential placements": ("Children's residential homes", "Independent fostering"),
    "Young carers support": ("Young carers' assessments and one-to-one support", "Young carers' clubs"),
    "Play and holiday activities": ("Holiday play schemes", "Adventure playground", "Holiday lunch and activity club"),
    "Special educational needs support": (
        "SEND information, advice and support",
        "Short breaks for disabled children",
        "Inclusion and alternative provision panel",
    ),
    "Youth clubs and detached youth work": ("Open-access youth clubs", "Detached youth work"),
    "Youth offending prevention": ("Prevention and out-of-court support", "Youth diversion scheme", "Youth boxing sessions"),
    "Participation and youth voice": ("Youth volunteering programme",),
    "Care leavers' employment support": ("Leaving care service",),
    "Family mediation": ("Family mediation", "Child contact centre"),
}


def _pounds(rng: random.Random, low_k: int, high_k: int) -> Decimal:
    return Decimal(rng.randrange(low_k, high_k + 1) * 1000)


def _room(organisation: Organisation, paid: dict[int, Decimal]) -> Decimal | None:
    """How much more this organisation can be paid this year (None: no limit)."""
    cap = spend_cap(organisation)
    return None if cap is None else cap - paid.get(organisation.pk, Decimal(0))


def _has_room(organisation: Organisation, paid: dict[int, Decimal], amount: int) -> bool:
    room = _room(organisation, paid)
    return room is None or room >= amount


def load(stdout=None) -> None:
    outcomes = {area.slug: area for area in OutcomeArea.objects.filter(trust__isnull=True)}
    made = 0
    for trust in Trust.objects.select_related("area").order_by("slug"):
        with transaction.atomic():
            made += _load_trust(trust, outcomes)
    if stdout:
        stdout.write(f"Resources loaded: {made} new spend records.")


def _load_trust(trust: Trust, outcomes: dict) -> int:
    rng = random.Random(f"jointly-resources-{trust.slug}")
    organisations = list(Organisation.objects.filter(partnerships__trust=trust).order_by("name"))
    if not organisations:
        return 0
    by_sector: dict[str, list[Organisation]] = {}
    for organisation in organisations:
        by_sector.setdefault(organisation.sector, []).append(organisation)
    payers = [by_sector[sector][0] for sector in PAYERS if sector in by_sector]
    council = by_sector.get(Sector.LOCAL_AUTHORITY, [payers[0]])[0]
    icb = by_sector.get(Sector.NHS, [council])[0]

    budgets = {}
    for year in YEARS:
        for payer in payers:
            low, high = PAYERS[payer.sector]
            budget, _ = Budget.objects.get_or_create(
                trust=trust,
                organisation=payer,
                year=year,
                defaults={"amount": Decimal(rng.randrange(low * 1000, high * 1000)) * 1000, "notes": "Illustrative figure for the demonstration."},
            )
            budgets[(payer.pk, year)] = budget

    # Drawn before the check, so a second load draws the same numbers for what follows.
    stream_amounts = (_pounds(rng, 900, 2500), _pounds(rng, 400, 1200))
    if not FundingStream.objects.filter(trust=trust).exists():
        services.funding_stream_create(
            trust=trust,
            funder=council,
            name="Family Hubs and Start for Life",
            amount=stream_amounts[0],
            starts_on=datetime.date(2025, 4, 1),
            ends_on=datetime.date(2028, 3, 31),
            ring_fenced=True,
            conditions="Spent on family hubs, infant feeding, parenting and perinatal mental health support; reported quarterly.",
        )
        services.funding_stream_create(
            trust=trust,
            funder=icb,
            name="Mental Health Support Teams in schools",
            amount=stream_amounts[1],
            starts_on=datetime.date(2025, 4, 1),
            ends_on=datetime.date(2027, 3, 31),
            ring_fenced=True,
            conditions="For education mental health practitioners working in schools and colleges.",
        )

    pooled = {}
    for year in YEARS:
        camhs = PooledFund.objects.filter(trust=trust, year=year, kind=PooledFund.Kind.POOLED).first() or services.pooled_fund_create(
            trust=trust,
            name=f"Children's mental health pooled fund {year}",
            kind=PooledFund.Kind.POOLED,
            legal_basis=PooledFund.LegalBasis.NHS_ACT_S75,
            host=icb,
            year=year,
            governance_agreement="Section 75 partnership agreement between the council and the integrated care board; overseen by the joint commissioning group, which reports to the trust board.",
            agreement_signed_on=datetime.date(int(year[:4]), 3, 14),
            risk_share="Overspends shared in proportion to contributions; underspends carried forward within the fund.",
        )
        services.contribution_add(fund=camhs, organisation=council, amount=_pounds(rng, 800, 2500))
        services.contribution_add(fund=camhs, organisation=icb, amount=_pounds(rng, 2000, 6000))
        early_help = PooledFund.objects.filter(trust=trust, year=year, kind=PooledFund.Kind.ALIGNED).first() or services.pooled_fund_create(
            trust=trust,
            name=f"Early help aligned budget {year}",
            kind=PooledFund.Kind.ALIGNED,
            host=council,
            year=year,
            governance_agreement="Memorandum of understanding: each partner keeps its own budget and accounts, and plans its spending with the others.",
            risk_share="Each partner bears the risk on its own contribution.",
        )
        for organisation in payers:
            services.contribution_add(fund=early_help, organisation=organisation, amount=_pounds(rng, 50, 900 if organisation == council else 300))
        # The largest voluntary organisation (the CVS, in the demo) gives staff time to early help.
        vcs = sorted(by_sector.get(Sector.VCS, []), key=lambda o: -(spend_cap(o) or Decimal("Infinity")))
        if vcs:
            services.contribution_add(fund=early_help, organisation=vcs[0], amount=_pounds(rng, 10, 60), in_kind=True)
        pooled[year] = (camhs, early_help)

    # Spend is set against the trust's priority for the same outcome, where the assessment demo made one.
    priorities = {}
    for priority in Priority.objects.filter(trust=trust).exclude(status=Priority.Status.RETIRED).order_by("pk"):
        priorities.setdefault(priority.outcome_area_id, priority)
    directory = {
        (service.organisation_id, service.name): service for service in DirectoryService.objects.filter(organisation__in=organisations).order_by("pk")
    }
    existing = {record.row_hash: record for record in SpendRecord.objects.filter(trust=trust).exclude(row_hash="")}
    made = 0
    weights = [PAYER_WEIGHTS[payer.sector] for payer in payers]
    for year in YEARS:
        # What each provider has been paid this year so far, so none is paid beyond its size.
        paid: dict[int, Decimal] = {}
        for index in range(RECORDS_PER_YEAR):
            row_hash = hashlib.sha256(f"demo|{trust.slug}|{year}|{index}".encode()).hexdigest()
            service, outcome_slug, tier, purpose, low, high, sectors = SERVICES[(index + rng.randrange(len(SERVICES))) % len(SERVICES)]
            candidates = [o for o in organisations if o.sector in sectors and _has_room(o, paid, low * 1000)]
            # No provider of the right kind and size: the council runs the service itself.
            provider = rng.choice(candidates) if candidates else council
            if provider in payers:
                payer = provider  # A statutory partner delivering its own service pays for it.
            elif high > 600 or provider.sector == NHS:
                # Large and health services are paid for by the council or the integrated care board.
                payer = icb if (provider.sector == NHS or outcome_slug == "be-healthy") else council
            else:
                payer = rng.choices(payers, weights)[0]
            kind = (
                SpendKind.IN_HOUSE
                if provider == payer
                else (SpendKind.GRANT if provider.sector == Sector.VCS and high <= 400 else SpendKind.COMMISSIONED)
            )
            room = _room(provider, paid)
            amount = _pounds(rng, low, high if room is None else max(low, min(high, int(room // 1000))))
            paid[provider.pk] = paid.get(provider.pk, Decimal(0)) + amount
            camhs, early_help = pooled[year]
            if "mental health" in service and payer in (council, icb):
                source = {"pooled_fund": camhs}
            elif service == "Early help family support":
                source = {"pooled_fund": early_help}
            else:
                source = {"budget": budgets[(payer.pk, year)]}
            linked = next(
                (directory[(provider.pk, name)] for name in DIRECTORY_NAMES.get(service, ()) if (provider.pk, name) in directory),
                None,
            )
            if row_hash in existing:
                # Spend loaded before its services were in the directory gets its link now.
                if existing[row_hash].service_id is None and linked is not None:
                    services.spend_record_link_service(record=existing[row_hash], service=linked)
                continue
            services.spend_record_create(
                trust=trust,
                year=year,
                partner=payer,
                provider=provider,
                kind=kind,
                service_name=f"{service} ({provider.name})" if kind == SpendKind.GRANT else service,
                tier=tier,
                purpose=purpose,
                amount=amount,
                outcome_area=outcomes.get(outcome_slug),
                place=trust.area,
                priority=priorities.get(getattr(outcomes.get(outcome_slug), "pk", None)),
                service=linked,
                row_hash=row_hash,
                **source,
            )
            made += 1
    return made
