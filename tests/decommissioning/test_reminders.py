"""Decommissioning's reminder sources, with a frozen day: the notice's end and exit-plan moves."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from jointly.contracts import reminders
from jointly.decommissioning import tasks
from jointly.decommissioning.services import decommissionings as services

from .factories import prepared, running_contract, signed_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_notice(trust, provider_org, commissioner, board_member, second_board_member, provider_user):
    contract = running_contract(trust, provider_org, ends_on=datetime.date(2030, 3, 31))
    case = signed_off(prepared(contract, commissioner), second_board_member, board_member)
    return services.decommissioning_give_notice(decommissioning=case, by=commissioner, given_on=datetime.date(2028, 1, 1))


def test_the_end_of_the_notice_is_reminded_to_the_trust_and_the_provider(
    in_notice, commissioner, provider_user, monkeypatch, django_capture_on_commit_callbacks, tasks_run_at_once
):
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2028, 3, 1))  # 30 days before 31 March
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.send_contract_reminders()
        assert reminders.send_contract_reminders() == "0 reminders sent"

    assert first.startswith("1 ") or first.startswith("2 ")
    (sent,) = [message for message in mail.outbox if "the notice ends in 30 days" in message.subject]
    assert set(sent.to) >= {commissioner.email, provider_user.email}


def test_exit_moves_are_reminded_before_and_after_their_date(in_notice, commissioner):
    # The factory's moves are due on 1 June 2028.
    before = list(tasks.exit_moves_due(datetime.date(2028, 5, 25)))
    after = list(tasks.exit_moves_due(datetime.date(2028, 6, 2)))

    assert sorted(item.key.split(":")[-1] for item in before) == ["due+7", "due+7"]
    assert all("overdue" in item.subject for item in after) and len(after) == 2
    assert list(tasks.exit_moves_due(datetime.date(2028, 5, 26))) == []
    assert commissioner.email in before[0].to
