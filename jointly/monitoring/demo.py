"""Demo monitoring returns, built on the contracts demo by reference, through the services.

Plymouth: the trust's standard return, adopted by the council, the ICB and the police; Priya Nair's
Plymouth Young Carers Project completes ONE return for PLY-C0001, 2 and 3 (last period submitted,
reviewed and accepted, the commissioner rated; this period a draft with last period's narrative
carried forward); the consortium lead's return for PLY-C0004, submitted and waiting for review.
Essex: the East of England's regional return, adopted by Essex County Council; the Essex Young
Carers Project's return for an earlier period is overdue. Loading twice adds nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.contracts.models import Contract
from jointly.partnerships.models import Organisation, Trust

from . import config
from .models import MonitoringReturn, Rag, ReturnTemplate, TemplateQuestion
from .services import ratings, reviews, templates
from .services import returns as services

QUESTIONS = (
    (TemplateQuestion.Section.NARRATIVE, "What went well in the period?", True, False),
    (TemplateQuestion.Section.NARRATIVE, "What was difficult, and what are you doing about it?", True, False),
    (TemplateQuestion.Section.CASE_STUDY, "Tell us about one child's or family's experience (no names)", True, True),
    (TemplateQuestion.Section.FEEDBACK, "What did children, young people and families tell you?", True, False),
)
FIGURES = {
    "Young carers supported": ("64", "71"),
    "Assessments completed within 28 days": ("86", "91"),
    "Young carers reporting less worry at home": ("68", ""),
    "Health checks offered": ("88", "95"),
    "Diversion sessions held": ("21", "30"),
    "Families supported": ("97", "104"),
    "Families whose needs reduced at closure": ("72", "74"),
    "Local people recruited as volunteers": ("6", "9"),
}
NARRATIVE = {
    "What went well in the period?": "More referrals from schools after the autumn assemblies; the Saturday club is full.",
    "What was difficult, and what are you doing about it?": "Two staff vacancies slowed assessments; both posts are now filled.",
    "Tell us about one child's or family's experience (no names)": (
        "A 13-year-old caring for her mum joined the Saturday club; her attendance at school has risen from 78% to 94%."
    ),
    "What did children, young people and families tell you?": "Young carers asked for more sessions in the school holidays.",
}


def _commissioner(trust: Trust):
    return User.objects.filter(memberships__trust=trust, role="commissioner").order_by("pk").first()


def _person_of(organisation):
    return User.objects.filter(organisation=organisation, is_active=True).order_by("pk").first()


def _template(trust, *, name, by, region=None) -> ReturnTemplate:
    template = templates.template_create(
        by=by, trust=None if region else trust, region=region, name=name, description="One return for every contract with the partners who adopt it."
    )
    draft = templates.draft_version(template)
    for section, text, required, asks_date in QUESTIONS:
        templates.question_add(version=draft, by=by, section=section, text=text, required=required, asks_date=asks_date)
    templates.version_publish(version=draft, by=by)
    return template


def _answers(monitoring_return, *, which: int, complete: bool) -> dict:
    """Figures (which=0 last period, 1 this one) for every measure; the narrative and a dated case study."""
    answers = {}
    for line in monitoring_return.lines.select_related("measure", "question"):
        if line.measure_id:
            value = FIGURES.get(line.measure.text, ("10", "12"))[which]
            if value or complete:
                answers[line.field_name] = value or "70"
        elif complete or which == 0:
            answers[line.field_name] = NARRATIVE.get(line.question.text, "")
            if line.question.asks_date:
                day = monitoring_return.period_starts_on + datetime.timedelta(days=20)
                answers[f"{line.field_name}_date"] = f"{day.day}/{day.month}/{day.year}"
    return answers


def _submitted(monitoring_return, *, by, which=0) -> MonitoringReturn:
    services.return_save(monitoring_return=monitoring_return, by=by, answers=_answers(monitoring_return, which=which, complete=True))
    submitted_on = min(monitoring_return.due_on - datetime.timedelta(days=5), timezone.localdate())
    at = timezone.make_aware(datetime.datetime.combine(submitted_on, datetime.time(11, 0)))
    return services.return_submit(monitoring_return=monitoring_return, by=by, now=at)


def _earlier_period_day(monitoring_return, today) -> datetime.date:
    """A day in the period before the return's, stepping back until that period's return is past due."""
    start, _end = config.previous_period(monitoring_return.period_starts_on, monitoring_return.frequency)
    while config.due_date(config.period_containing(start, monitoring_return.frequency)[1]) >= today:
        start, _end = config.previous_period(start, monitoring_return.frequency)
    return start


def load(stdout=None) -> None:
    today = timezone.localdate()
    if ReturnTemplate.objects.exists():
        return
    plymouth = Trust.objects.filter(slug="plymouth").select_related("region").first()
    essex = Trust.objects.filter(slug="essex").select_related("region").first()
    made = 0
    with transaction.atomic():
        if plymouth is not None and Contract.objects.filter(trust=plymouth, reference="PLY-C0001").exists():
            made += _plymouth(plymouth, today)
        if essex is not None and Contract.objects.filter(trust=essex, reference="ESX-C0001").exists():
            made += _essex(essex, today)
    if stdout and made:
        stdout.write(f"  monitoring: {made} returns in Plymouth and Essex\n")


def _plymouth(trust, today) -> int:
    by = _commissioner(trust)
    template = _template(trust, name="Plymouth standard monitoring return", by=by)
    for name in ("Plymouth City Council", "NHS Devon Integrated Care Board", "Devon and Cornwall Police"):
        templates.adoption_record(
            template=template, organisation=Organisation.objects.get(name=name), by=by, adopted_on=today - datetime.timedelta(days=400)
        )
    carers = Contract.objects.get(trust=trust, reference="PLY-C0001").supplier
    priya = _person_of(carers)
    frequency, starts, _ends = services.period_for(carers, template, today)
    # Last period: submitted on time, every part rated, accepted, and the commissioner rated by the provider.
    last = services.return_open(organisation=carers, template=template, on=config.previous_period(starts, frequency)[0])
    last = _submitted(last, by=priya)
    rags = {
        "PLY-C0001": (Rag.GREEN, "On track: referrals from schools are up."),
        "PLY-C0002": (Rag.AMBER, "Health checks are behind target; the drop-ins start in the new year."),
    }
    for part in last.parts.select_related("contract"):
        rag, comment = rags.get(part.contract.reference, (Rag.GREEN, "Sessions as planned."))
        reviews.part_review(part=part, by=by, rag=rag, comment=comment)
    reviews.return_accept(monitoring_return=last, by=by)
    ratings.commissioner_rate(
        monitoring_return=last,
        trust=trust,
        by=priya,
        clarity=4,
        payment=3,
        partnership=5,
        comment="Clear expectations; one invoice took seven weeks to pay.",
    )
    # This period: a draft, the narrative carried forward, some figures in.
    current = services.return_open(organisation=carers, template=template, on=today)
    services.return_save(
        monitoring_return=current, by=priya, answers={k: v for k, v in _answers(current, which=1, complete=False).items() if k.startswith("measure_")}
    )
    # The consortium's lead reports on PLY-C0004: its last quarter submitted and waiting for review.
    lead = Contract.objects.get(trust=trust, reference="PLY-C0004").supplier
    frequency, starts, _ends = services.period_for(lead, template, today)
    previous = services.return_open(organisation=lead, template=template, on=config.previous_period(starts, frequency)[0])
    _submitted(previous, by=_person_of(lead))
    services.return_open(organisation=lead, template=template, on=today)
    return 4


def _essex(trust, today) -> int:
    by = _commissioner(trust)
    template = _template(trust, name="East of England standard monitoring return", by=by, region=trust.region)
    templates.adoption_record(
        template=template, organisation=Organisation.objects.get(name="Essex County Council"), by=by, adopted_on=today - datetime.timedelta(days=400)
    )
    carers = Contract.objects.get(trust=trust, reference="ESX-C0001").supplier
    current = services.return_open(organisation=carers, template=template, on=today)
    # An earlier period's return, past its due date and never submitted: overdue.
    overdue = services.return_open(organisation=carers, template=template, on=_earlier_period_day(current, today))
    services.return_save(monitoring_return=overdue, by=_person_of(carers), answers=_answers(overdue, which=0, complete=False))
    return 2
