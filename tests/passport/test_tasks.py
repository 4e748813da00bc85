"""Expiry reminders: 60, 30 and 7 days before, never twice for one item at one step, afresh once renewed."""

import datetime

import pytest
from django.core import mail

from jointly.passport import services, tasks
from jointly.passport.models import Item

from .conftest import TODAY, core, insurance

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def covered(provider_org, provider_user, tasks_run_at_once):
    core(provider_org)  # valid to 2028: no reminder of its own here
    return insurance(provider_org, expires_on=TODAY + datetime.timedelta(days=90))


def run_on(day, monkeypatch):
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: day)
    return tasks.remind_of_expiring_passport_items()


@pytest.mark.parametrize(("days_left", "step"), [(61, None), (60, 60), (45, 60), (30, 30), (8, 30), (7, 7), (0, 7), (-1, None)])
def test_the_step_reached(days_left, step):
    assert services.reminder_step(TODAY + datetime.timedelta(days=days_left), TODAY) == step


def test_one_email_per_step_however_often_the_job_runs(covered, provider_user, monkeypatch):
    expires = covered.valid_until
    for days_left, emails in ((61, 0), (60, 1), (59, 1), (45, 1), (30, 2), (29, 2), (7, 3), (3, 3), (0, 3)):
        run_on(expires - datetime.timedelta(days=days_left), monkeypatch)
        run_on(expires - datetime.timedelta(days=days_left), monkeypatch)
        assert len(mail.outbox) == emails, days_left
    message = mail.outbox[0]
    assert message.subject == f"Your supplier passport: your public liability insurance expires on {expires:%-d %B %Y}"
    assert set(message.to) == {covered.passport.organisation.contact_email, provider_user.email}
    assert "/passport/" in message.body


def test_a_job_that_missed_the_earlier_steps_sends_one_email_not_three(covered, monkeypatch):
    run_on(covered.valid_until - datetime.timedelta(days=5), monkeypatch)
    assert len(mail.outbox) == 1
    assert Item.objects.get(pk=covered.pk).reminded_days == 7


def test_renewing_the_item_starts_its_reminders_afresh(covered, provider_org, monkeypatch):
    run_on(covered.valid_until - datetime.timedelta(days=20), monkeypatch)
    renewed = insurance(provider_org, expires_on=TODAY + datetime.timedelta(days=200), today=TODAY)
    assert renewed.reminded_days is None
    run_on(renewed.valid_until - datetime.timedelta(days=50), monkeypatch)
    assert len(mail.outbox) == 2


def test_core_information_is_reminded_too(provider_org, tasks_run_at_once, monkeypatch):
    passport = core(provider_org)
    run_on(passport.valid_until - datetime.timedelta(days=30), monkeypatch)
    assert [m.subject for m in mail.outbox] == ["Your supplier passport: your core information expires on 1 June 2028"]
