"""Email: written in the request, queued as a task once the transaction commits, retried and logged when it fails."""

import logging
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jointly.core.mail import RETRY_AFTER, email_send, email_send_later

pytestmark = pytest.mark.django_db

MESSAGE = {
    "subject": "Your place is booked:\nWriting your first tender",
    "template": "capacity/email/message.txt",
    "context": {"name": "Ann Small", "message": "Your place is booked.", "title": "Writing your first tender", "details": ["Online"], "link": None},
}


def test_the_email_is_queued_with_plain_text_only_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_send_later(to="ann@charity.example", **MESSAGE)
        assert not DBTaskResult.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "jointly.core.mail.email_send"
    kwargs = queued.args_kwargs["kwargs"]
    # The task gets the written message, never objects; a line break typed into a title cannot break the subject.
    assert kwargs["to"] == ["ann@charity.example"] and kwargs["subject"] == "Your place is booked: Writing your first tender"
    assert kwargs["body"].startswith("Dear Ann Small,\n\nYour place is booked.\n\nWriting your first tender\nOnline")
    assert mail.outbox == []  # nothing is sent until a worker runs the task


def test_the_task_sends_it_after_the_commit(tasks_run_at_once, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        email_send_later(to=["ann@charity.example", ""], **MESSAGE)
        assert mail.outbox == []
    [sent] = mail.outbox
    assert (sent.to, sent.from_email) == (["ann@charity.example"], settings.DEFAULT_FROM_EMAIL)
    assert "Writing your first tender" in sent.body


def test_nothing_is_queued_or_sent_when_the_transaction_rolls_back(tasks_run_at_once, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                email_send_later(to="ann@charity.example", **MESSAGE)
                raise RuntimeError("the booking failed")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    assert not DBTaskResult.objects.exists()


def test_no_address_means_no_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email_send_later(to="", **MESSAGE)
        email_send_later(to=[], **MESSAGE)
    assert callbacks == []


def test_a_failed_send_is_tried_again_later(mail_server_down, caplog):
    before = timezone.now()
    with caplog.at_level(logging.WARNING, logger="jointly.core.mail"):
        assert email_send.call(to=["ann@charity.example"], subject="Hello", body="Hi") == "retrying"
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"] == {"to": ["ann@charity.example"], "subject": "Hello", "body": "Hi", "attempt": 2}
    assert retry.run_after >= before + RETRY_AFTER[0]
    assert "Could not send 'Hello' (attempt 1): trying again later" in caplog.text


def test_the_last_attempt_is_logged_and_recorded_as_a_failed_task(mail_server_down, caplog):
    with caplog.at_level(logging.ERROR, logger="jointly.core.mail"), pytest.raises(SMTPServerDisconnected):
        email_send.call(to=["ann@charity.example"], subject="Hello", body="Hi", attempt=len(RETRY_AFTER) + 1)
    assert f"Gave up sending 'Hello' after {len(RETRY_AFTER) + 1} attempt(s)" in caplog.text
    assert not DBTaskResult.objects.exists()  # no more retries


def test_a_mail_server_that_is_down_never_reaches_the_caller(tasks_run_at_once, mail_server_down, django_capture_on_commit_callbacks, caplog):
    # Even when tasks run in the same process as the change (no worker), the failure stays in the task.
    with caplog.at_level(logging.ERROR, logger="jointly.core.mail"), django_capture_on_commit_callbacks(execute=True):
        email_send_later(to="ann@charity.example", **MESSAGE)
    assert mail.outbox == []
    assert "Gave up sending" in caplog.text
