"""Two illustrative Plymouth consultations for the demo.

One is open now, for young people, about youth services. The other ran
earlier in the year about after-school and holiday activities: it is closed,
has 60 illustrative responses from online, workshops and paper forms
(generated from a fixed seed, so every load gives the same ones), coded
themes, and a published "you said, we did". Everything goes through the
services, as a member of staff would. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.needs.selectors import outcome_areas_for
from jointly.partnerships.models import Trust

from . import services
from .models import AgeBand, Audience, Channel, Consultation, Question

OPEN_TITLE = "Youth services in Plymouth: what matters to you?"
CLOSED_TITLE = "After-school and holiday activities"
SAFEGUARDING = "You can also talk to a youth worker, a teacher or your school nurse."

# Illustrative free-text answers and the themes staff coded them to.
ACTIVITY_IDEAS = [
    ("Make the holiday club free or cheaper, my mum can't afford it every week", ["Cost"]),
    ("Cheaper sessions in the summer holidays", ["Cost"]),
    ("A bus that goes from school to the youth club", ["Getting there"]),
    ("The buses stop too early so I can't get home", ["Getting there", "Feeling safe"]),
    ("Somewhere warm and safe to go after school", ["Feeling safe", "Places to go"]),
    ("A place to hang out with friends that isn't the park", ["Places to go"]),
    ("More football and boxing", ["More activities"]),
    ("Music and drama, not just sport", ["More activities"]),
    ("Cooking sessions", ["More activities"]),
    ("Tell us what's on at school or on the school app", ["Knowing what's on"]),
    ("I never know what's happening near me", ["Knowing what's on"]),
    ("Staff who listen to us and don't judge", ["Adults who listen"]),
    ("Let young people help plan what happens", ["Adults who listen", "More activities"]),
    ("Sessions for older teenagers, not just little kids", ["More activities"]),
    ("Quiet space for people who find groups hard", ["Places to go"]),
    ("It's fine as it is", []),
]
THEMES = ["Cost", "Getting there", "Feeling safe", "Places to go", "More activities", "Knowing what's on", "Adults who listen"]

YOU_SAID_WE_DID = [
    (
        "Activities cost too much, especially in the summer holidays.",
        "We have added 400 free places to the holiday activities and food programme this summer, for any child who gets free school meals.",
    ),
    (
        "You don't know what is on near you.",
        "Every school now shares a monthly 'What's on' page, and the youth service lists every session on the council's website.",
    ),
    (
        "Buses stop too early to get home safely from evening sessions.",
        "Two youth clubs in the north of the city now finish by 8pm, and we are talking to the bus company about a later service.",
    ),
]


def _outcome_areas(*slugs: str) -> list:
    """Shared outcome areas by slug, in the order given."""
    areas = {area.slug: area for area in outcome_areas_for().filter(slug__in=slugs)}
    return [areas[slug] for slug in slugs if slug in areas]


def _person(handle: str) -> User | None:
    return User.objects.filter(email=f"{handle}{DEMO_EMAIL_DOMAIN}").first()


@transaction.atomic
def load(stdout=None) -> None:
    trust = Trust.objects.filter(slug="plymouth").first()
    commissioner, analyst = _person("commissioner"), _person("analyst")
    if trust is None or commissioner is None:
        if stdout:
            stdout.write("Consultations demo skipped: load the partnerships demo first.")
        return
    analyst = analyst or commissioner
    today = timezone.localdate()
    made = 0
    if not Consultation.objects.filter(trust=trust, title=CLOSED_TITLE).exists():
        _closed_consultation(trust, commissioner, analyst, today)
        made += 1
    if not Consultation.objects.filter(trust=trust, title=OPEN_TITLE).exists():
        _open_consultation(trust, commissioner, today)
        made += 1
    if stdout:
        stdout.write(f"Demo consultations loaded: {made} new.")


def _open_consultation(trust: Trust, by: User, today: datetime.date) -> Consultation:
    consultation = services.consultation_create(
        trust=trust,
        title=OPEN_TITLE,
        by=by,
        purpose=(
            "Plymouth City Council and its partners pay for youth clubs, youth workers and activities for young people.\n\n"
            "We want to know what you think of them and what you would change. Your answers will help us decide "
            "what to pay for next year."
        ),
        audiences=[Audience.CHILDREN_YOUNG_PEOPLE],
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=35),
        report_due_on=today + datetime.timedelta(days=95),
        retention_until=today + datetime.timedelta(days=460),
        outcome_areas=_outcome_areas("enjoy-and-achieve", "make-a-positive-contribution"),
        safeguarding_contact=SAFEGUARDING,
    )
    questions = [
        services.question_add(
            consultation=consultation,
            by=by,
            kind=Question.Kind.SINGLE,
            text="Have you been to a youth club or youth project in the last year?",
            choices=["Yes", "No", "Not sure"],
        ),
        services.question_add(
            consultation=consultation,
            by=by,
            kind=Question.Kind.MULTIPLE,
            text="What would you like youth services to offer?",
            required=False,
            choices=[
                "Somewhere to hang out with friends",
                "Sport and fitness",
                "Music, art and drama",
                "Help with feelings and mental health",
                "Help finding work or training",
                "Trips and residentials",
            ],
        ),
        services.question_add(
            consultation=consultation,
            by=by,
            kind=Question.Kind.SCALE,
            text="How safe do you feel in your area in the evening?",
            scale_low_label="Not safe at all",
            scale_high_label="Very safe",
        ),
        services.question_add(
            consultation=consultation,
            by=by,
            kind=Question.Kind.TEXT,
            text="What is one thing that would make youth services better?",
            hint="Do not write your name or anyone else's name.",
        ),
    ]
    consultation = services.consultation_open(consultation=consultation, by=by, today=today - datetime.timedelta(days=10))
    rng = random.Random(20260301)
    for day in range(8):
        services.response_submit(
            consultation=consultation,
            channel=Channel.ONLINE,
            age_band=rng.choice([AgeBand.AGE_11_15, AgeBand.AGE_11_15, AgeBand.AGE_16_18, AgeBand.AGE_19_25]),
            audience=Audience.CHILDREN_YOUNG_PEOPLE,
            answers={
                questions[0].pk: rng.choice(questions[0].choices),
                questions[1].pk: rng.sample(questions[1].choices, rng.randint(1, 3)),
                questions[2].pk: rng.randint(1, 5),
                questions[3].pk: rng.choice(ACTIVITY_IDEAS)[0],
            },
            today=today - datetime.timedelta(days=9 - day),
        )
    return consultation


def _closed_consultation(trust: Trust, by: User, analyst: User, today: datetime.date) -> Consultation:
    opens_on = today - datetime.timedelta(days=150)
    closes_on = today - datetime.timedelta(days=100)
    reported_on = today - datetime.timedelta(days=40)
    consultation = services.consultation_create(
        trust=trust,
        title=CLOSED_TITLE,
        by=by,
        purpose=(
            "We want more children and young people to enjoy activities after school and in the holidays.\n\n"
            "Tell us what you do now, what stops you going, and what would make it better."
        ),
        audiences=[Audience.CHILDREN_YOUNG_PEOPLE, Audience.PARENTS_CARERS],
        opens_on=opens_on,
        closes_on=closes_on,
        report_due_on=reported_on,
        retention_until=today + datetime.timedelta(days=320),
        outcome_areas=_outcome_areas("enjoy-and-achieve", "be-healthy"),
        safeguarding_contact=SAFEGUARDING,
    )
    how_often = services.question_add(
        consultation=consultation,
        by=by,
        kind=Question.Kind.SINGLE,
        text="How often do you go to an after-school or holiday activity?",
        choices=["Every week", "Sometimes", "Hardly ever", "Never"],
    )
    barriers = services.question_add(
        consultation=consultation,
        by=by,
        kind=Question.Kind.MULTIPLE,
        text="What stops you going?",
        required=False,
        choices=[
            "It costs too much",
            "It is too far away",
            "I don't know what is on",
            "My friends don't go",
            "I don't feel safe getting there",
            "Nothing stops me",
        ],
    )
    enjoy = services.question_add(
        consultation=consultation,
        by=by,
        kind=Question.Kind.SCALE,
        text="How much do you enjoy the activities near you?",
        scale_low_label="Not at all",
        scale_high_label="Very much",
    )
    ideas = services.question_add(
        consultation=consultation,
        by=by,
        kind=Question.Kind.TEXT,
        text="What would make activities better for you?",
        required=False,
    )
    consultation = services.consultation_open(consultation=consultation, by=by, today=opens_on)

    rng = random.Random(20260115)
    coded: list[tuple[int, list[str]]] = []
    for index in range(60):
        channel = Channel.ONLINE if index % 5 < 3 else (Channel.WORKSHOP if index % 5 == 3 else Channel.PAPER)
        parent = index % 5 == 4 and index % 2 == 0
        audience = Audience.PARENTS_CARERS if parent else Audience.CHILDREN_YOUNG_PEOPLE
        if parent:
            age_band = rng.choice([AgeBand.ADULT, AgeBand.ADULT, AgeBand.AGE_19_25])
        else:
            age_band = rng.choices([AgeBand.UNDER_11, AgeBand.AGE_11_15, AgeBand.AGE_16_18, AgeBand.NOT_SAID], weights=[2, 12, 6, 1])[0]
        answers: dict[int, object] = {
            how_often.pk: rng.choices(how_often.choices, weights=[3, 5, 3, 2])[0],
            enjoy.pk: rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 5, 3])[0],
        }
        if rng.random() < 0.85:
            answers[barriers.pk] = rng.sample(barriers.choices[:5], rng.randint(1, 2)) if rng.random() < 0.8 else ["Nothing stops me"]
        idea = None
        if rng.random() < 0.75:
            idea = rng.choice(ACTIVITY_IDEAS)
            answers[ideas.pk] = idea[0]
        response = services.response_submit(
            consultation=consultation,
            channel=channel,
            age_band=age_band,
            audience=audience,
            answers=answers,
            entered_by=None if channel == Channel.ONLINE else analyst,
            today=opens_on + datetime.timedelta(days=index * 50 // 60),
        )
        if idea and idea[1]:
            coded.append((response.answers.get(question=ideas).pk, idea[1]))

    consultation = services.consultation_close(consultation=consultation, by=by, today=closes_on)
    themes = {name: services.theme_create(consultation=consultation, name=name, by=analyst) for name in THEMES}
    services.answer_codings_set(
        consultation=consultation,
        codings={answer_id: [themes[name].pk for name in names] for answer_id, names in coded},
        by=analyst,
    )
    for you_said, we_did in YOU_SAID_WE_DID:
        services.you_said_we_did_add(consultation=consultation, you_said=you_said, we_did=we_did, by=by)
    services.consultation_publish_response(consultation=consultation, by=by, today=reported_on)
    return consultation
