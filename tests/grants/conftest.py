"""Grants fixtures, built through the app's own services."""

import datetime

import pytest
from django.utils import timezone

from jointly.grants import services
from jointly.plans.models import Route
from tests.procurement.factories import IntentionFactory


def programme_data(intention, **overrides) -> dict:
    now = timezone.now().replace(microsecond=0)
    data = {
        "intention": intention,
        "title": "Youth Opportunity Fund",
        "description": "Projects young people design and run.",
        "eligibility": "Groups led by or working with young people aged 13 to 19 in Plymouth.",
        "conditions": "Spend the grant on the project described. Tell us what happened within a year. Return anything unspent.",
        "fund_size": "20000",
        "max_award": "5000",
        "opens_at": now - datetime.timedelta(days=1),
        "closes_at": now + datetime.timedelta(days=30),
        "funder_name": "Plymouth City Council",
        "funder_org_id": "GB-LAE-PLY",
    }
    data.update(overrides)
    return data


def make_programme(trust, by, *, publish=True, **overrides):
    intention = IntentionFactory(trust=trust, route=Route.GRANT)
    programme = services.programme_create(trust=trust, by=by, **programme_data(intention, **overrides))
    services.criterion_add(programme=programme, by=by, title="Young people shaped the idea")
    services.question_add(programme=programme, by=by, text="What will young people do, and how did they shape it?", word_limit=100)
    return services.programme_publish(programme=programme, by=by) if publish else programme


def application_data(programme, **overrides) -> dict:
    data = {"project_title": "Skate park jam", "summary": "A summer of skate sessions run by young people.", "amount_requested": "4000"}
    data.update({f"answer_{question.pk}": "Young people chose it at the youth forum." for question in programme.questions.all()})
    data.update(overrides)
    return data


def sent_application(programme, user, **overrides):
    application = services.application_start(programme=programme, organisation=user.organisation, by=user, **application_data(programme, **overrides))
    return services.application_submit(application=application, by=user)


def close(programme):
    """Move past the closing time as the clock would."""
    return services.programme_close(programme=programme, now=programme.closes_at + datetime.timedelta(minutes=1))


@pytest.fixture
def programme(trust, commissioner):
    return make_programme(trust, commissioner)
