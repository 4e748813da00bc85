"""Demo grants: Plymouth's Youth Opportunity Fund, where young people decide which bids succeed (seed 002).

Last round is decided: four applications, a panel of a young person, a parent carer and an officer,
each declaring conflicts first (one declared), scores with reasons, three grants awarded with
agreements and one declined, all with feedback. The next round is open, with a draft application.
Everything runs through the services (with `now=` for the past round); loading twice adds nothing.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jointly.accounts.models import Membership, Role, User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.partnerships.models import Organisation, Trust
from jointly.plans import services as plans_services
from jointly.plans.models import CommissioningIntention, IntentionKind, Route

from . import services
from .models import GrantProgramme

TRUST = "plymouth"
CRITERIA = [
    ("Young people shaped the idea", "They chose it, plan it or run it, not only take part."),
    ("It reaches young people who miss out", "For example young carers, young people in care or those not in school."),
    ("It can be done with the money", "A simple, realistic plan and budget."),
]
QUESTIONS = [
    ("What will you do, and who with?", 150),
    ("How did young people shape the idea, and what part will they play?", 150),
    ("What will the money pay for?", 100),
]
CONDITIONS = (
    "Spend the grant only on the project described in your application.\n"
    "Tell us within 12 months what happened: how many young people took part and what changed for them. A short note or a video is fine.\n"
    "Return any money you have not spent on the project.\n"
    "Keep young people safe: follow your safeguarding policy and tell us at once about any serious concern."
)
# (organisation slug suffix, project, summary, asked, score pattern, award or None)
LAST_ROUND = [
    (
        "young-carers-project",
        "Young carers' summer club",
        "Weekly summer sessions young carers plan themselves, with a day trip they choose.",
        4800,
        4800,
    ),
    ("youth-clubs-network", "Skate and create", "A skate jam and street art days in Devonport, run by the youth forum.", 5000, 4000),
    (
        "community-play-association",
        "Play streets",
        "Closing two streets on Saturday afternoons so children can play, with older young people as helpers.",
        3200,
        3200,
    ),
    ("healthy-futures-cic", "Cook and eat", "After-school cookery run by young people from the youth council.", 5000, None),
]
FEEDBACK = {
    True: "The panel liked how clearly young people lead this. To make it stronger next time: say how you will hear from young people who stop coming.",
    False: "The panel liked the idea but could not see how young people had shaped it, and the budget was not clear. Please talk to us before the next round.",
}


def _person(email_name: str, full_name: str, role: str, organisation, trust) -> User:
    email = f"{email_name}{DEMO_EMAIL_DOMAIN}"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email, None, full_name=full_name, role=role, organisation=organisation
    )
    Membership.objects.get_or_create(user=user, trust=trust)
    return user


def _applicant(trust, suffix: str) -> User | None:
    organisation = Organisation.objects.filter(slug=slugify(f"{trust.area.name} {suffix.replace('-', ' ')}")).first()
    if organisation is None:
        return None
    existing = User.objects.filter(organisation=organisation, role=Role.PROVIDER_USER).order_by("pk").first()
    return existing or _person(f"grants-{suffix}", f"{organisation.name} applicant", Role.PROVIDER_USER, organisation, trust)


def _intention(trust, by) -> CommissioningIntention:
    intention = CommissioningIntention.objects.filter(trust=trust, route=Route.GRANT, status="published").order_by("pk").first()
    if intention is not None:
        return intention
    intention = plans_services.intention_create(
        trust=trust,
        by=by,
        title="Youth Opportunity Fund",
        kind=IntentionKind.COMMISSION,
        route=Route.GRANT,
        light_touch=True,
        estimated_annual_value=Decimal("20000"),
        total_value=Decimal("20000"),
        description="Small grants young people award, for activities young people design.",
    )
    return plans_services.intention_publish(intention=intention, by=by, reason="Published in the demo forward plan")


def _programme(trust, by, intention, *, title, opens_at, closes_at, now) -> GrantProgramme:
    programme = services.programme_create(
        trust=trust,
        by=by,
        intention=intention,
        title=title,
        description="Grants of up to £5,000 for activities young people aged 11 to 19 design and help run. A panel of young people decides.",
        eligibility="Voluntary and community groups, charities and social enterprises working with young people in Plymouth. You do not need to be a registered charity.",
        conditions=CONDITIONS,
        fund_size=Decimal("20000"),
        max_award=Decimal("5000"),
        opens_at=opens_at,
        closes_at=closes_at,
        funder_name="Plymouth City Council",
        funder_org_id="GB-LAE-PLY",
    )
    for criterion, description in CRITERIA:
        services.criterion_add(programme=programme, by=by, title=criterion, description=description)
    for text, limit in QUESTIONS:
        services.question_add(programme=programme, by=by, text=text, word_limit=limit)
    return services.programme_publish(programme=programme, by=by, now=now)


def _answers(programme, project: str) -> dict:
    return {
        f"answer_{question.pk}": f"{project}: young people at the youth forum chose this and will run it with us."
        for question in programme.questions.all()
    }


def load(stdout=None) -> None:
    trust = Trust.objects.filter(slug=TRUST).select_related("area").first()
    if trust is None or GrantProgramme.objects.filter(trust=trust).exists():
        return
    by = User.objects.filter(memberships__trust=trust, role=Role.COMMISSIONER).order_by("pk").first()
    if by is None:
        return
    with transaction.atomic():
        made = _load(trust, by)
    if stdout:
        stdout.write(f"Grants loaded: {made} programmes.")


def _load(trust, by) -> int:
    now = timezone.now().replace(microsecond=0)
    intention = _intention(trust, by)
    opened, closed = now - datetime.timedelta(days=70), now - datetime.timedelta(days=40)
    last = _programme(trust, by, intention, title="Youth Opportunity Fund: spring round", opens_at=opened, closes_at=closed, now=opened)
    sent = []
    for index, (suffix, project, summary, asked, award) in enumerate(LAST_ROUND):
        person = _applicant(trust, suffix)
        if person is None:
            continue
        when = opened + datetime.timedelta(days=3 + index)
        application = services.application_start(
            programme=last,
            organisation=person.organisation,
            by=person,
            now=when,
            project_title=project,
            summary=summary,
            amount_requested=asked,
            **_answers(last, project),
        )
        sent.append((services.application_submit(application=application, by=person, now=when), award))
    last = services.programme_close(programme=last, now=closed)
    # The panel: a young person, a parent carer from the forum, an officer.
    young = User.objects.filter(role=Role.PARTICIPANT, memberships__trust=trust).order_by("pk").first()
    parent = User.objects.filter(role=Role.EVALUATOR, memberships__trust=trust).order_by("pk").first()
    panel = [member for member in (young, parent, by) if member is not None]
    for member in panel:
        services.panel_add(programme=last, person=member, by=by)
    for position, member in enumerate(panel):
        # The parent carer volunteers at the play association: a declared conflict bars them from it.
        answers = {
            application.pk: (member == parent and "play" in application.organisation.slug, "I volunteer at the play association's Saturday sessions")
            for application, _ in sent
        }
        services.panel_declare(programme=last, person=member, answers=answers)
        for application, award in sent:
            if answers[application.pk][0]:
                continue
            score = (4 if award else 1) - (position % 2 if award else 0)
            reason = "Young people clearly lead it and the plan is realistic." if award else "Hard to see young people's part; the budget is unclear."
            services.panel_score(application=application, person=member, score=score, reason=reason)
    for application, award in sent:
        services.application_decide(
            application=application,
            by=by,
            award=award is not None,
            amount=award,
            feedback=FEEDBACK[award is not None],
            now=closed + datetime.timedelta(days=10),
        )
    services.programme_finish(programme=last, by=by)
    # The next round, open now, with a draft kept.
    nxt = _programme(
        trust,
        by,
        intention,
        title="Youth Opportunity Fund: summer round",
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=35),
        now=now,
    )
    first = _applicant(trust, "youth-clubs-network")
    if first is not None:
        services.application_start(
            programme=nxt, organisation=first.organisation, by=first, project_title="Youth radio", summary="A radio show young people make."
        )
    return 2
