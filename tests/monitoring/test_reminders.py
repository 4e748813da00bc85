"""The returns' reminder source and clock, driven by a frozen day: due in 14 and 3 days, overdue at 1 and 14, each once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from jointly.contracts import reminders
from jointly.monitoring import tasks
from jointly.monitoring.models import MonitoringReturn

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def today_is(monkeypatch):
    def freeze(day: datetime.date):
        monkeypatch.setattr(timezone, "localdate", lambda *args: day)

    return freeze


def keys(day):
    return [item.key for item in tasks.return_dates(day)]


def test_due_and_overdue_steps(draft, provider_user, commissioner):
    assert draft.due_on == D(2027, 10, 30)
    assert keys(D(2027, 10, 16)) == [f"return:{draft.pk}:due-14"]
    assert keys(D(2027, 10, 27)) == [f"return:{draft.pk}:due-3"]
    assert keys(D(2027, 10, 31)) == [f"return:{draft.pk}:overdue-1"]
    assert keys(D(2027, 11, 13)) == [f"return:{draft.pk}:overdue-14"]
    assert keys(D(2027, 10, 20)) == []
    (due,) = tasks.return_dates(D(2027, 10, 16))
    assert provider_user.email in due.to and commissioner.email not in due.to
    (overdue,) = tasks.return_dates(D(2027, 10, 31))
    assert {provider_user.email, commissioner.email} <= set(overdue.to)
    assert "1 day overdue" in overdue.subject


def test_a_submitted_return_is_not_reminded(submitted):
    assert keys(D(2027, 10, 16)) == []


def test_the_one_reminders_job_sends_each_once(draft, provider_user, today_is, django_capture_on_commit_callbacks, tasks_run_at_once):
    today_is(D(2027, 10, 27))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_contract_reminders() == "1 reminders sent"
        assert reminders.send_contract_reminders() == "0 reminders sent"
    (sent,) = [message for message in mail.outbox if "due in 3 days" in message.subject]
    assert provider_user.email in sent.to
    assert draft.parts.first().contract.reference in sent.body


def test_the_clock_opens_the_periods_return_idempotently(covered, today_is):
    today_is(D(2027, 11, 2))
    assert tasks.open_returns_for_the_period() == "1 returns open for the period"
    assert tasks.open_returns_for_the_period() == "1 returns open for the period"
    (opened,) = MonitoringReturn.objects.all()
    assert opened.period_starts_on == D(2027, 10, 1)
