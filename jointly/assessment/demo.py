"""The needs assessment part of the demo: evidence, a published assessment, approved priorities and report cards.

Plymouth and Essex get the whole cycle: evidence, a published assessment, six
approved priorities and report cards. Every other demo trust gets four of the
priorities, approved by its board, so the service map has priorities to map
everywhere. Target indicators are the DfE indicators the needs loader imports
and its illustrative ward estimates, with baselines taken from the trust's
latest values; where an indicator has no value for the trust, its target is
left out. Loading twice changes nothing: a trust that already has priorities
for the plan period is skipped.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jointly.accounts.models import Role, User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.consultations.models import Consultation
from jointly.needs.demo import WARD_NEED_CODE, WARD_NEED_NAME
from jointly.needs.models import IndicatorDefinition, OutcomeArea, Polarity
from jointly.needs.selectors import latest_observations
from jointly.partnerships.models import Body, Organisation, Trust

from .models import EvidenceKind, Priority, ReportCard
from .services.assessments import assessment_create, assessment_publish, assessment_update, finding_add
from .services.evidence import evidence_accept, evidence_submit
from .services.priorities import priority_approve, priority_create, priority_propose, priority_target_set
from .services.report_cards import (
    performance_measure_add,
    report_card_action_add,
    report_card_action_move,
    report_card_create,
    report_card_partner_add,
)

PERIOD = "2027–2030"
TARGET_PERIOD = "2029/30"
ABSENCE = "Looked-after pupils persistently absent (missing 10% or more of sessions) (%)"
SESSIONS = "Looked-after pupils' sessions missed through absence (%)"
KS2 = "Looked-after pupils meeting the expected standard in reading, writing and maths at key stage 2 (%)"
PLACEMENTS = "Looked-after children with three or more placements during the year (%)"
CARE_LEAVERS = "Care leavers aged 19 to 21 in education, employment or training (%)"
EXCLUSIONS = "Looked-after pupils with one or more suspensions (%)"
WARD_NEED = WARD_NEED_NAME
MONEY_PRESSURE = "More families are under money pressure"

# (organisation name pattern, kind, title, summary, outcome areas, groups)
EVIDENCE = [
    (
        "{area} Young Carers Project",
        EvidenceKind.VCS_INTELLIGENCE,
        "Young carers miss school to care at home",
        "Of the young carers we support, about half told us they miss at least a day of school a month because of caring, "
        "and few of their schools knew they were carers.",
        ["enjoy-and-achieve", "be-healthy"],
        ["young_carers"],
    ),
    (
        "{area} Parent Carer Forum",
        EvidenceKind.CONSULTATION_FINDING,
        "Families of disabled children wait too long for help",
        "Parents at our three workshops described waits of over a year for assessment, and having to tell their story again to every service.",
        ["be-healthy", "enjoy-and-achieve"],
        ["disabled_children", "special_educational_needs"],
    ),
    (
        "{area} Youth Clubs Network",
        EvidenceKind.FRONT_LINE_VIEW,
        "Young people want safe places to go in the evenings",
        "Youth workers report rising attendance at the clubs that remain open, and young people travelling across the city to reach them.",
        ["stay-safe", "make-a-positive-contribution"],
        [],
    ),
    (
        "{area} Council for Voluntary Service",
        EvidenceKind.VCS_INTELLIGENCE,
        "Small groups see children in care who move often",
        "Community groups supporting children in care see the same children lose their club, their friends and their "
        "school each time their placement changes.",
        ["stay-safe"],
        ["looked_after_children"],
    ),
    (
        "{council}",
        EvidenceKind.DATA_ANALYSIS,
        "Persistent absence is above England's and rising",
        "The school census shows persistent absence above the England rate for three years, highest among pupils with "
        "special educational needs and those eligible for free school meals.",
        ["enjoy-and-achieve"],
        ["special_educational_needs", "low_income_families"],
    ),
    (
        "{ics}",
        EvidenceKind.FRONT_LINE_VIEW,
        "Health visitors see more families under money pressure",
        "Health visitors report more families asking for help with food and heating, and more children starting school "
        "with speech and language needs.",
        ["be-healthy", "achieve-economic-well-being"],
        ["low_income_families", "under_fives"],
    ),
    (
        "{council}",
        EvidenceKind.RESEARCH,
        "Care leavers' routes into work",
        "Interviews with 24 care leavers: the ones in work or training had a named adult who stayed with them after 18.",
        ["achieve-economic-well-being"],
        ["care_leavers"],
    ),
]

# (title, outcome area, description, [(indicator name, relative change)], the finding it rests on)
PRIORITIES = [
    (
        "Children attend school regularly",
        "enjoy-and-achieve",
        "Bring persistent absence down, starting with the children most likely to miss school.",
        [(ABSENCE, -0.15), (SESSIONS, -0.1)],
        "Too many children miss school, and young carers are among them",
    ),
    (
        "Every child leaves primary school ready for what comes next",
        "enjoy-and-achieve",
        "More children reach the expected standard in reading, writing and maths.",
        [(KS2, 0.08)],
        "Too many children miss school, and young carers are among them",
    ),
    (
        "Children in care have stable homes",
        "stay-safe",
        "Fewer moves for children in care, so they keep their school, friends and the adults they trust.",
        [(PLACEMENTS, -0.2)],
        "Children in care move too often",
    ),
    (
        "Care leavers are in education, employment or training",
        "achieve-economic-well-being",
        "Every care leaver has a named adult and a route into work or learning.",
        [(CARE_LEAVERS, 0.12)],
        "Care leavers with a named adult do better",
    ),
    (
        "Young carers are found early and supported",
        "make-a-positive-contribution",
        "Schools, GPs and the VCS identify young carers and offer help before caring harms their education or health.",
        [],
        None,
    ),
    (
        "Children in low-income families get help early",
        "achieve-economic-well-being",
        "Help with money, food and family life reaches the children in need most likely to be poor, first in the wards where need is greatest.",
        [(WARD_NEED, -0.1)],
        MONEY_PRESSURE,
    ),
]
# The trusts with the whole cycle, and the demo people who act in it (analyst, board approver, provider).
FULL_TRUSTS = (("plymouth", ("analyst", "board", "provider")), ("essex", ("essex-commissioner",) * 3))
# The priorities every other trust's board approves: the ones with targets in the published data.
OTHER_TRUSTS_PRIORITIES = (
    "Children attend school regularly",
    "Children in care have stable homes",
    "Care leavers are in education, employment or training",
    "Children in low-income families get help early",
)


def load(stdout=None) -> None:
    trusts = list(Trust.objects.select_related("area").order_by("name"))
    indicators = _indicators()
    # The latest value of every target indicator for every trust, in one query.
    series = latest_observations(area_ids=[trust.area_id for trust in trusts], indicator_ids=[i.pk for i in indicators.values()], periods=1)
    full = dict(FULL_TRUSTS)
    others = 0
    for trust in trusts:
        if Priority.objects.filter(trust=trust, period=PERIOD).exists():
            continue
        if trust.slug in full:
            people = [User.objects.filter(email=f"{handle}{DEMO_EMAIL_DOMAIN}").first() for handle in full[trust.slug]]
            if not all(people):
                continue
            with transaction.atomic():
                _load_trust(trust, *people, indicators=indicators, series=series)
            if stdout:
                stdout.write(f"Needs assessment demo loaded for {trust.name}.")
        else:
            with transaction.atomic():
                _priorities_only(trust, indicators=indicators, series=series)
            others += 1
    if stdout and others:
        stdout.write(f"Approved priorities loaded for {others} more trusts.")


def _priorities_only(trust: Trust, *, indicators, series) -> None:
    """Approved priorities with targets, without an assessment: recorded by the trust's commissioner persona, if any."""
    commissioner = User.objects.filter(role=Role.COMMISSIONER, memberships__trust=trust, email__endswith=DEMO_EMAIL_DOMAIN).order_by("email").first()
    specs = [spec for spec in PRIORITIES if spec[0] in OTHER_TRUSTS_PRIORITIES]
    _approved_priorities(trust, specs, indicators=indicators, series=series, findings={}, by=commissioner, approver=commissioner)


def _approved_priorities(trust, specs, *, indicators, series, findings, by, approver) -> list[Priority]:
    """Create each priority with its targets, propose it and record the board's approval."""
    outcomes = {o.slug: o for o in OutcomeArea.objects.filter(trust__isnull=True)}
    board = Body.objects.filter(trust=trust, kind=Body.Kind.BOARD).order_by("name").first()
    today = timezone.localdate()
    priorities = []
    for number, (title, outcome, description, targets, finding_title) in enumerate(specs, start=1):
        linked = [findings[finding_title]] if finding_title in findings else []
        priority = priority_create(
            trust=trust,
            period=PERIOD,
            title=title,
            outcome_area=outcomes[outcome],
            description=description,
            evidence=[e for f in linked for e in f.evidence.all()],
            findings=linked,
            by=by,
        )
        for name, change in targets:
            indicator = indicators.get(name)
            latest = (series.get((indicator.pk, trust.area_id)) or [None])[-1] if indicator else None
            if latest is None or latest.value is None:
                continue  # Not imported (or suppressed) here: the target waits for the data.
            target = round(latest.value * (1 + change), 1)
            direction = "decrease" if change < 0 else "increase"
            if indicator.polarity == Polarity.NO_JUDGEMENT:
                direction = "maintain"
            priority_target_set(
                priority=priority,
                indicator=indicator,
                baseline_value=latest.value,
                baseline_period=latest.period,
                target_value=target,
                target_period=TARGET_PERIOD,
                direction=direction,
                by=by,
            )
        priority = priority_propose(priority=priority, by=by)
        if board is not None:
            priority = priority_approve(
                priority=priority,
                approved_by_body=board,
                meeting_date=today - datetime.timedelta(days=21),
                minute_reference=f"CTB/{today.year}/{number:02d}",
                by=approver,
            )
        priorities.append(priority)
    return priorities


def _organisation(trust: Trust, pattern: str) -> Organisation | None:
    partners = Organisation.objects.filter(partnerships__trust=trust)
    if pattern == "{council}":
        return partners.filter(sector="local_authority").order_by("name").first()
    if pattern == "{ics}":
        return partners.filter(sector="nhs").order_by("name").first()
    return partners.filter(name=pattern.format(area=trust.area.name)).first()


def _indicators() -> dict[str, IndicatorDefinition]:
    names = {ABSENCE, SESSIONS, KS2, PLACEMENTS, CARE_LEAVERS, EXCLUSIONS}
    found = IndicatorDefinition.objects.filter(Q(name__in=names, trust__isnull=True) | Q(code=WARD_NEED_CODE))
    return {WARD_NEED if i.code == WARD_NEED_CODE else i.name: i for i in found}


def _load_trust(trust: Trust, analyst: User, approver: User, provider: User, *, indicators, series) -> None:
    outcomes = {o.slug: o for o in OutcomeArea.objects.filter(trust__isnull=True)}
    today = timezone.localdate()
    consultation = Consultation.objects.filter(trust=trust).order_by("opens_on").first()

    evidence = []
    for index, (pattern, kind, title, summary, areas, groups) in enumerate(EVIDENCE):
        organisation = _organisation(trust, pattern)
        if organisation is None:
            continue
        contributor = provider if provider.organisation_id == organisation.pk else analyst
        item = evidence_submit(
            trust=trust,
            title=title,
            summary=summary,
            kind=kind,
            source_organisation=organisation,
            dated=today - datetime.timedelta(days=40 + 25 * index),
            by=contributor,
            outcome_areas=[outcomes[a] for a in areas],
            groups=groups,
            consultation=consultation if kind == EvidenceKind.CONSULTATION_FINDING else None,
        )
        evidence.append(evidence_accept(item=item, by=analyst, note="Used in the needs assessment."))
    # One contribution still waiting, so the queue shows.
    waiting_org = _organisation(trust, "{area} Community Play Association")
    if waiting_org is not None:
        evidence_submit(
            trust=trust,
            title="Children have fewer places to play outdoors",
            kind=EvidenceKind.VCS_INTELLIGENCE,
            summary="Three adventure playgrounds have closed since 2022; families tell us their children now play indoors.",
            source_organisation=waiting_org,
            dated=today - datetime.timedelta(days=10),
            by=analyst,
            outcome_areas=[outcomes["be-healthy"]],
            groups=[],
        )

    # The assessment brings together the published data; the ward estimates are illustrative, so they stay out of it.
    published = [indicator for name, indicator in indicators.items() if name != WARD_NEED]
    assessment = assessment_create(
        trust=trust,
        period=PERIOD,
        title=f"{trust.area.name} children and young people's needs assessment",
        by=analyst,
        summary="What the data, children, families, front-line staff and the voluntary and community sector tell us, "
        "and the priorities we have set for the Children and Young People's Plan.",
    )
    assessment_update(assessment=assessment, indicators=published, evidence=evidence, by=analyst)
    by_title = {item.title: item for item in evidence}
    findings = [
        finding_add(
            assessment=assessment,
            by=analyst,
            outcome_area=outcomes["enjoy-and-achieve"],
            title="Too many children miss school, and young carers are among them",
            text="Persistent absence is above England's. Young carers and pupils with special educational needs miss most.",
            evidence=[
                by_title[t] for t in ("Persistent absence is above England's and rising", "Young carers miss school to care at home") if t in by_title
            ],
        ),
        finding_add(
            assessment=assessment,
            by=analyst,
            outcome_area=outcomes["stay-safe"],
            title="Children in care move too often",
            text="Each move costs a child their school and friends; the VCS sees the effect first.",
            evidence=[by_title[t] for t in ("Small groups see children in care who move often",) if t in by_title],
        ),
        finding_add(
            assessment=assessment,
            by=analyst,
            outcome_area=outcomes["achieve-economic-well-being"],
            title="Care leavers with a named adult do better",
            text="Care leavers who keep a trusted adult after 18 are more often in work or training.",
            evidence=[by_title[t] for t in ("Care leavers' routes into work",) if t in by_title],
        ),
        finding_add(
            assessment=assessment,
            by=analyst,
            outcome_area=outcomes["be-healthy"],
            title="Families of disabled children wait too long",
            text="Long waits and repeated assessments are the main complaint of parent carers.",
            evidence=[by_title[t] for t in ("Families of disabled children wait too long for help",) if t in by_title],
        ),
        finding_add(
            assessment=assessment,
            by=analyst,
            outcome_area=outcomes["achieve-economic-well-being"],
            title=MONEY_PRESSURE,
            text="Health visitors see more families struggling with food and heating; DfE's figures show how many "
            "children in need are eligible for free school meals.",
            evidence=[by_title[t] for t in ("Health visitors see more families under money pressure",) if t in by_title],
        ),
    ]
    priorities = _approved_priorities(
        trust,
        PRIORITIES,
        indicators=indicators,
        series=series,
        findings={f.title: f for f in findings},
        by=analyst,
        approver=approver,
    )

    assessment_update(assessment=assessment, priorities=priorities, by=analyst)
    assessment_publish(assessment=assessment, by=analyst)
    _report_cards(trust, priorities[0], indicators, analyst, today)


def _report_cards(trust, priority, indicators, by, today) -> None:
    card = report_card_create(
        trust=trust,
        title=priority.title,
        priority=priority,
        by=by,
        headline_indicators=[i for name, i in indicators.items() if name in (ABSENCE, SESSIONS)],
        story_behind_the_curve=(
            "Absence rose sharply after 2020 and has not fallen back. It is highest for pupils with special educational "
            "needs, pupils eligible for free school meals and young carers, many of whom schools do not know are carers. "
            "Anxiety about school is the reason families give most often."
        ),
        what_works=(
            "Early, named contact with the family when attendance first slips; attendance mentors; support for "
            "emotionally based school avoidance; schools knowing which pupils are young carers."
        ),
    )
    partners = {o.name: o for o in Organisation.objects.filter(partnerships__trust=trust)}
    area = trust.area.name
    for name, role in (
        (f"{area} Young Carers Project", "Identifies young carers and trains school staff to spot them"),
        (f"{area} Parent Carer Forum", "Brings parents' experience of school avoidance to the plan"),
        (f"{area} Youth Clubs Network", "Runs after-school and holiday activities that keep young people connected"),
    ):
        if name in partners:
            report_card_partner_add(card=card, organisation=partners[name], role=role, by=by)
    actions = [
        report_card_action_add(
            card=card,
            action="Attendance mentors in the 10 schools with the highest absence",
            owner="Education welfare service",
            due_on=today + datetime.timedelta(days=120),
            by=by,
        ),
        report_card_action_add(
            card=card,
            action="Young carers' champion in every secondary school",
            owner="Young carers project lead",
            owner_organisation=partners.get(f"{area} Young Carers Project"),
            due_on=today + datetime.timedelta(days=200),
            by=by,
        ),
        report_card_action_add(
            card=card,
            action="Guidance for schools on emotionally based school avoidance",
            owner="Educational psychology service",
            due_on=today - datetime.timedelta(days=14),
            by=by,
        ),
    ]
    report_card_action_move(action=actions[0], move="start", by=by)
    report_card_action_move(action=actions[2], move="complete", by=by)

    service = report_card_create(
        trust=trust,
        title="Young carers support service",
        kind=ReportCard.Kind.SERVICE,
        service_name=f"{area} young carers support service",
        priority=priority,
        by=by,
        story_behind_the_curve="Referrals doubled after the schools' champion pilot; assessment times slipped in the summer.",
        what_works="Whole-family assessment and a named worker.",
    )
    for category, name, value, unit in (
        ("how_much", "Young carers supported", 312, "young carers"),
        ("how_much", "Schools with a young carers' champion", 18, "schools"),
        ("how_well", "Assessed within 28 days of referral", 86, "%"),
        ("better_off", "Young carers reporting better wellbeing after six months", 71, "%"),
        ("better_off", "Young carers with improved school attendance", 64, "%"),
    ):
        performance_measure_add(card=service, category=category, name=name, value=value, unit=unit, period="2025/26", by=by)
