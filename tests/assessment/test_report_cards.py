import datetime

import pytest

from jointly.assessment.models import ReportCard, ReportCardAction
from jointly.assessment.selectors import measures_by_category
from jointly.assessment.services.report_cards import (
    performance_measure_add,
    report_card_action_add,
    report_card_action_move,
    report_card_create,
    report_card_partner_add,
)
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition

from .factories import PriorityFactory, ReportCardFactory, outcome


def test_a_population_card_needs_an_outcome_or_priority(trust, commissioner):
    with pytest.raises(FieldErrors) as error:
        report_card_create(trust=trust, title="Attendance", by=commissioner)
    assert "outcome_area" in error.value.errors
    priority = PriorityFactory(trust=trust, outcome_area=outcome("stay-safe"))
    card = report_card_create(trust=trust, title="Attendance", priority=priority, by=commissioner)
    assert card.outcome_area == outcome("stay-safe")


def test_a_card_cannot_use_another_trusts_priority(trust, other_trust, commissioner):
    with pytest.raises(FieldErrors):
        report_card_create(trust=trust, title="X", priority=PriorityFactory(trust=other_trust), by=commissioner)


def test_a_service_card_needs_the_service_name(trust, commissioner):
    with pytest.raises(FieldErrors) as error:
        report_card_create(trust=trust, title="X", kind=ReportCard.Kind.SERVICE, by=commissioner)
    assert error.value.errors == {"service_name": "Enter the name of the service"}


def test_measures_come_in_rba_order(trust, commissioner):
    card = ReportCardFactory(trust=trust, kind=ReportCard.Kind.SERVICE, service_name="Young carers")
    for category, name in (("better_off", "Better wellbeing"), ("how_much", "Supported"), ("how_well", "On time")):
        performance_measure_add(card=card, category=category, name=name, value=1, period="2025/26", by=commissioner)
    assert [label for label, _ in measures_by_category(card)] == [
        "How much did we do?",
        "How well did we do it?",
        "Is anyone better off?",
    ]


def test_measures_only_on_service_cards(trust, commissioner):
    with pytest.raises(FieldErrors) as error:
        performance_measure_add(card=ReportCardFactory(trust=trust), category="how_much", name="x", value=1, period="p", by=commissioner)
    assert error.value.errors == {NON_FIELD: "Performance measures belong on a service report card."}


def test_partner_once_with_a_role(trust, commissioner, provider_org):
    card = ReportCardFactory(trust=trust)
    with pytest.raises(FieldErrors):
        report_card_partner_add(card=card, organisation=provider_org, role=" ", by=commissioner)
    report_card_partner_add(card=card, organisation=provider_org, role="Finds young carers", by=commissioner)
    with pytest.raises(FieldErrors):
        report_card_partner_add(card=card, organisation=provider_org, role="Again", by=commissioner)


def test_action_statuses_move_forward_only(trust, commissioner):
    action = report_card_action_add(
        card=ReportCardFactory(trust=trust), action="Mentors", owner="EWS", due_on=datetime.date(2027, 1, 1), by=commissioner
    )
    action = report_card_action_move(action=action, move="start", by=commissioner)
    assert action.status == ReportCardAction.Status.IN_PROGRESS
    action = report_card_action_move(action=action, move="complete", by=commissioner)
    assert action.status == ReportCardAction.Status.DONE
    with pytest.raises(
        InvalidTransition,
        match=("This report card action is done, so you cannot drop it. You can drop it only when it is not started or in progress."),
    ):
        report_card_action_move(action=action, move="drop", by=commissioner)
    with pytest.raises(FieldErrors, match="Choose in progress, done or dropped"):
        report_card_action_move(action=action, move="not_started", by=commissioner)
    action.refresh_from_db()
    assert action.status == ReportCardAction.Status.DONE


def test_a_report_card_cannot_be_started_for_a_retired_priority(trust, commissioner):
    priority = PriorityFactory(trust=trust, status="retired")
    with pytest.raises(FieldErrors) as error:
        report_card_create(trust=trust, title="Attendance", priority=priority, by=commissioner)
    assert error.value.errors == {"priority": "This priority is retired, so no new report card can be started for it."}
    assert not ReportCard.objects.exists()


def test_every_problem_with_a_card_is_given_at_once(trust, other_trust, commissioner):
    with pytest.raises(FieldErrors) as error:
        report_card_create(trust=trust, title=" ", kind=ReportCard.Kind.SERVICE, priority=PriorityFactory(trust=other_trust), by=commissioner)
    assert set(error.value.errors) == {"title", "priority", "service_name"}


def test_partner_problems_are_given_at_once(trust, commissioner, provider_org):
    card = ReportCardFactory(trust=trust)
    report_card_partner_add(card=card, organisation=provider_org, role="Finds young carers", by=commissioner)
    with pytest.raises(FieldErrors) as error:
        report_card_partner_add(card=card, organisation=provider_org, role=" ", by=commissioner)
    assert set(error.value.errors) == {"role", "organisation"}
