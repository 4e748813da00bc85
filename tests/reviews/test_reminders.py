"""Reviews' clock and reminder sources with a frozen day: reviews planned, due and overdue; actions due and overdue."""

import datetime

import pytest
from django.utils import timezone

from jointly.contracts import reminders
from jointly.contracts.models import Contract, Reminder
from jointly.reviews import tasks
from jointly.reviews.models import ImprovementPlan, Review

from ..contracts.factories import ContractFactory
from .factories import ActionFactory, PlanFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_the_planner_plans_each_running_contract_once(trust, monkeypatch):
    contract = ContractFactory(trust=trust, status=Contract.Status.ACTIVE)
    ContractFactory(trust=trust)  # a draft: not reviewed
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2027, 6, 1))

    tasks.plan_contract_reviews()
    tasks.plan_contract_reviews()

    assert list(Review.objects.values_list("contract_id", "due_on")) == [
        (contract.pk, datetime.date(2028, 4, 1)),
        (contract.pk, datetime.date(2029, 4, 1)),
        (contract.pk, datetime.date(2029, 9, 30)),
    ]


def test_a_review_is_reminded_30_and_7_days_before_and_when_overdue(commissioner, trust):
    review = ReviewFactory(contract=ContractFactory(trust=trust, status=Contract.Status.ACTIVE), due_on=datetime.date(2028, 4, 1))

    assert [item.key for item in tasks.reviews_due(datetime.date(2028, 3, 2))] == [f"review:{review.pk}:due+30"]
    assert [item.key for item in tasks.reviews_due(datetime.date(2028, 3, 25))] == [f"review:{review.pk}:due+7"]
    (overdue,) = tasks.reviews_due(datetime.date(2028, 4, 2))
    assert overdue.key == f"review:{review.pk}:due-1" and "overdue" in overdue.subject
    assert commissioner.email in overdue.to
    assert list(tasks.reviews_due(datetime.date(2028, 3, 3))) == []


def test_reminders_go_once_through_the_one_job(commissioner, trust, monkeypatch, django_capture_on_commit_callbacks, tasks_run_at_once):
    review = ReviewFactory(contract=ContractFactory(trust=trust, status=Contract.Status.ACTIVE), due_on=datetime.date(2028, 4, 1))
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2028, 3, 25))
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_contract_reminders()
        reminders.send_contract_reminders()
    assert Reminder.objects.filter(key=f"review:{review.pk}:due+7").count() == 1


def test_actions_of_agreed_plans_are_reminded_to_both_sides(trust, provider_org, provider_user, commissioner):
    plan = PlanFactory(
        contract=ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE), status=ImprovementPlan.Status.AGREED
    )
    action = ActionFactory(plan=plan, due_on=datetime.date(2028, 5, 10))
    ActionFactory(plan=PlanFactory(contract=plan.contract), due_on=datetime.date(2028, 5, 10))  # a draft plan: not yet tracked

    (soon,) = tasks.improvement_actions_due(datetime.date(2028, 5, 3))
    (late,) = tasks.improvement_actions_due(datetime.date(2028, 5, 11))

    assert soon.key == f"improvement-action:{action.pk}:due+7"
    assert late.key == f"improvement-action:{action.pk}:due-1" and "overdue" in late.subject
    assert {commissioner.email, provider_user.email} <= set(late.to)
