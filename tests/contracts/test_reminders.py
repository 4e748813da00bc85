"""contracts.reminders and tasks: one job, every source, each reminder once; the end-of-term clock."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from jointly.contracts import reminders, tasks
from jointly.contracts.models import Contract, Reminder

from .factories import ContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_is(monkeypatch):
    """Freeze the day the jobs read (timezone.localdate)."""

    def freeze(day: datetime.date):
        monkeypatch.setattr(timezone, "localdate", lambda *args: day)

    return freeze


@pytest.fixture
def running(trust, provider_org, commissioner, provider_user):
    return ContractFactory(
        trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE, ends_on=datetime.date(2030, 3, 31), notice_period_days=90
    )


def test_the_end_of_term_is_reminded_at_each_step_once(
    running, commissioner, provider_user, today_is, django_capture_on_commit_callbacks, tasks_run_at_once
):
    today_is(datetime.date(2029, 10, 2))  # 180 days before 31 March 2030
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_contract_reminders() == "1 reminders sent"
        assert reminders.send_contract_reminders() == "0 reminders sent"

    (sent,) = [message for message in mail.outbox if "ends in 180 days" in message.subject]
    assert set(sent.to) >= {commissioner.email, provider_user.email}
    assert Reminder.objects.filter(key=f"contract:{running.pk}:ends-180").count() == 1


def test_the_last_day_for_notice_is_reminded_to_commissioners(running, commissioner, provider_user):
    # Notice by 31 December 2029 (90 days before the end): reminded 30 days before, on 1 December 2029.
    due = list(tasks.contract_dates(datetime.date(2029, 12, 1)))

    assert [(item.key, item.due_on) for item in due] == [(f"contract:{running.pk}:notice-30", datetime.date(2029, 12, 31))]
    assert commissioner.email in due[0].to and provider_user.email not in due[0].to


def test_nothing_is_due_on_an_ordinary_day_or_for_ended_contracts(running):
    ContractFactory(trust=running.trust, status=Contract.Status.ENDED, ends_on=datetime.date(2030, 3, 31))

    assert reminders.due_reminders(datetime.date(2029, 11, 15)) == []
    assert len(reminders.due_reminders(datetime.date(2029, 10, 2))) == 1


def test_a_reminder_already_sent_is_not_due_again(running):
    (item,) = reminders.due_reminders(datetime.date(2029, 10, 2))
    assert reminders.reminder_send(item) == 1
    assert reminders.reminder_send(item) == 0
    assert reminders.due_reminders(datetime.date(2029, 10, 2)) == []


def test_the_clock_ends_contracts_past_their_term_and_only_those(running, trust, today_is):
    later = ContractFactory(trust=trust, status=Contract.Status.ACTIVE, ends_on=datetime.date(2031, 3, 31))
    today_is(datetime.date(2030, 4, 1))

    assert tasks.end_contracts_at_end_of_term() == "1 contracts ended at the end of their term"
    assert tasks.end_contracts_at_end_of_term() == "0 contracts ended at the end of their term"
    running.refresh_from_db(), later.refresh_from_db()
    assert (running.status, later.status) == (Contract.Status.ENDED, Contract.Status.ACTIVE)
