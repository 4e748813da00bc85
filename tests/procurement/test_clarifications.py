"""Clarification questions: asked by someone signed in while open, answered to everyone, the asker never shown."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.procurement.models import Clarification
from jointly.procurement.selectors import opportunities as selectors
from jointly.procurement.services import clarifications as services

from .opportunity_helpers import draft, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(trust, commissioner):
    return published(trust, commissioner)


def test_a_provider_asks_and_everyone_reads_the_answer_without_the_asker(opportunity, provider_user, commissioner):
    asked = services.clarification_ask(opportunity=opportunity, by=provider_user, question="Can Sunrise Trust bid for both lots?")
    assert asked.status == Clarification.Status.ASKED and list(selectors.answered_clarifications(opportunity)) == []
    services.clarification_answer(clarification=asked, by=commissioner, published_question="Can one organisation bid for both lots?", answer="Yes.")
    (shown,) = selectors.answered_clarifications(opportunity)
    assert (shown.published_question, shown.answer) == ("Can one organisation bid for both lots?", "Yes.")
    assert str(shown) == "Can one organisation bid for both lots?"


def test_the_answer_and_the_published_wording_are_both_needed(opportunity, provider_user, commissioner):
    asked = services.clarification_ask(opportunity=opportunity, by=provider_user, question="Q?")
    with pytest.raises(FieldErrors) as error:
        services.clarification_answer(clarification=asked, by=commissioner, published_question=" ", answer="")
    assert set(error.value.errors) == {"published_question", "answer"}


def test_a_published_answer_can_be_corrected(opportunity, provider_user, commissioner):
    asked = services.clarification_ask(opportunity=opportunity, by=provider_user, question="Q?")
    answered = services.clarification_answer(clarification=asked, by=commissioner, published_question="Q?", answer="No.")
    services.clarification_edit(clarification=answered, by=commissioner, published_question="Q?", answer="Yes, after all.")
    assert Clarification.objects.get(pk=asked.pk).answer == "Yes, after all."
    with pytest.raises(InvalidTransition):
        services.clarification_answer(clarification=answered, by=commissioner, published_question="Q?", answer="Twice")


def test_questions_only_while_open_and_signed_in(trust, commissioner, provider_user, opportunity):
    with pytest.raises(InvalidTransition):
        services.clarification_ask(opportunity=draft(trust, commissioner), by=provider_user, question="Early?")
    with pytest.raises(InvalidTransition):
        services.clarification_ask(opportunity=opportunity, by=AnonymousUser(), question="Who?")
    with pytest.raises(FieldErrors):
        services.clarification_ask(opportunity=opportunity, by=provider_user, question="  ")
    opportunity.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    with pytest.raises(InvalidTransition):
        services.clarification_ask(opportunity=opportunity, by=provider_user, question="Late?")
