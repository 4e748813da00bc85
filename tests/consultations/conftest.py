"""Consultations in each state, built through the services as staff would build them."""

import datetime

import pytest
from django.utils import timezone

from jointly.consultations import services
from jointly.consultations.models import AgeBand, Audience, Channel, Question
from jointly.needs.models import OutcomeArea


def today():
    return timezone.localdate()


def shared_areas(*slugs):
    """Shared outcome areas by slug, in the order given."""
    return [OutcomeArea.objects.get(slug=slug, trust=None) for slug in slugs]


def make_consultation(trust, by, *, title="Youth clubs in your area", audiences=None, **overrides):
    fields = {
        "purpose": "We want to know what you think of youth clubs.",
        "audiences": audiences or [Audience.CHILDREN_YOUNG_PEOPLE, Audience.PARENTS_CARERS],
        "opens_on": today() - datetime.timedelta(days=1),
        "closes_on": today() + datetime.timedelta(days=30),
        "report_due_on": today() + datetime.timedelta(days=90),
        "retention_until": today() + datetime.timedelta(days=365),
        "safeguarding_contact": "You can also talk to a youth worker.",
    }
    fields.update(overrides)
    consultation = services.consultation_create(trust=trust, title=title, by=by, **fields)
    services.question_add(
        consultation=consultation,
        by=by,
        kind=Question.Kind.SINGLE,
        text="Do you go to a youth club?",
        choices=["Yes", "No", "Sometimes"],
    )
    services.question_add(
        consultation=consultation,
        by=by,
        kind=Question.Kind.MULTIPLE,
        required=False,
        text="What would you like to do there?",
        choices=["Sport", "Music", "Art", "Cooking"],
    )
    services.question_add(
        consultation=consultation,
        by=by,
        kind=Question.Kind.SCALE,
        text="How much do you enjoy it?",
        scale_low_label="Not at all",
        scale_high_label="Very much",
    )
    services.question_add(consultation=consultation, by=by, kind=Question.Kind.TEXT, text="What would make it better?")
    return consultation


def questions(consultation):
    by_kind = {question.kind: question for question in consultation.questions.all()}
    return by_kind[Question.Kind.SINGLE], by_kind[Question.Kind.MULTIPLE], by_kind[Question.Kind.SCALE], by_kind[Question.Kind.TEXT]


def good_answers(consultation, *, choice="Yes", text="More football please"):
    single, multiple, scale, text_question = questions(consultation)
    return {single.pk: choice, multiple.pk: ["Sport", "Art"], scale.pk: 4, text_question.pk: text}


def submit(
    consultation, *, age_band=AgeBand.AGE_11_15, audience=Audience.CHILDREN_YOUNG_PEOPLE, channel=Channel.ONLINE, entered_by=None, **answer_overrides
):
    return services.response_submit(
        consultation=consultation,
        channel=channel,
        age_band=age_band,
        audience=audience,
        answers=good_answers(consultation, **answer_overrides),
        entered_by=entered_by,
    )


def form_data(consultation, **overrides):
    """What the public form posts for a complete, valid response."""
    single, multiple, scale, text_question = questions(consultation)
    data = {
        "audience": Audience.CHILDREN_YOUNG_PEOPLE,
        "age_band": AgeBand.AGE_11_15,
        f"q{single.pk}": "Yes",
        f"q{multiple.pk}": ["Sport", "Music"],
        f"q{scale.pk}": "5",
        f"q{text_question.pk}": "Somewhere warm to go after school",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def draft_consultation(trust, commissioner):
    return make_consultation(trust, commissioner)


@pytest.fixture
def open_consultation(draft_consultation, commissioner):
    return services.consultation_open(consultation=draft_consultation, by=commissioner)


@pytest.fixture
def closed_consultation(open_consultation, commissioner):
    for _ in range(3):
        submit(open_consultation)
    return services.consultation_close(consultation=open_consultation, by=commissioner)


@pytest.fixture
def reported_consultation(closed_consultation, commissioner):
    services.you_said_we_did_add(
        consultation=closed_consultation, you_said="Clubs cost too much.", we_did="We made 200 places free.", by=commissioner
    )
    return services.consultation_publish_response(consultation=closed_consultation, by=commissioner)


@pytest.fixture
def other_trust_consultation(other_trust, other_commissioner):
    consultation = make_consultation(other_trust, other_commissioner, title="Essex play schemes")
    return services.consultation_open(consultation=consultation, by=other_commissioner)
