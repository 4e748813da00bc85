"""core.notify: every email through GOV.UK Notify when its key is set; no network (the HTTP call is mocked)."""

import json
from unittest import mock

import pytest
import requests
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, get_connection

from jointly.core.notify import BACKEND, choose_email_backend

# Notify's keys are "<name>-<service id>-<secret>", both UUIDs; the client signs a JWT with the secret.
KEY = "test_key-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"


def notify_response(status=201):
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(
        {"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}
        if status < 400
        else {"errors": [{"error": "BadRequestError", "message": "Can't send to this recipient using a team-only API key"}], "status_code": status}
    ).encode()
    response.headers["Content-Type"] = "application/json"
    return response


@pytest.fixture
def notify(settings):
    settings.JOINTLY_NOTIFY_API_KEY = KEY
    settings.JOINTLY_NOTIFY_TEMPLATE_ID = TEMPLATE
    settings.JOINTLY_NOTIFY_REPLY_TO_ID = ""
    settings.EMAIL_BACKEND = BACKEND
    with mock.patch.object(requests.Session, "request", return_value=notify_response()) as request:
        yield request


def test_each_recipient_gets_one_notification_with_the_subject_and_body(notify):
    sent = EmailMessage(subject="PLY-C0001: invoice 7 is late", body="Pay it, please.", to=["a@example.org", "b@example.org"]).send()
    assert sent == 1
    assert notify.call_count == 2
    calls = [call.args + (json.loads(call.kwargs["data"]),) for call in notify.call_args_list]
    assert [(method, url.rsplit("/", 3)[-3:], body["email_address"]) for method, url, body in calls] == [
        ("POST", ["v2", "notifications", "email"], "a@example.org"),
        ("POST", ["v2", "notifications", "email"], "b@example.org"),
    ]
    body = calls[0][2]
    assert body["template_id"] == TEMPLATE
    assert body["personalisation"] == {"subject": "PLY-C0001: invoice 7 is late", "body": "Pay it, please."}
    assert "email_reply_to_id" not in body
    # Signed with the key's secret, never sent as it is.
    assert notify.call_args.kwargs["headers"]["Authorization"].startswith("Bearer ")
    assert KEY not in json.dumps(notify.call_args.kwargs["headers"])


def test_the_reply_to_address_is_named_when_set(notify, settings):
    settings.JOINTLY_NOTIFY_REPLY_TO_ID = "4c4f6e4c-7a5b-4b2e-9c6c-7b0f2b3d7b3e"
    EmailMessage(subject="S", body="B", to=["a@example.org"]).send()
    assert json.loads(notify.call_args.kwargs["data"])["email_reply_to_id"] == "4c4f6e4c-7a5b-4b2e-9c6c-7b0f2b3d7b3e"


def test_a_refusal_raises_so_the_mail_task_tries_again(notify):
    notify.return_value = notify_response(400)
    with pytest.raises(Exception, match="team-only API key"):
        EmailMessage(subject="S", body="B", to=["a@example.org"]).send()
    assert get_connection(fail_silently=True).send_messages([EmailMessage(subject="S", body="B", to=["a@example.org"])]) == 0


def test_an_attachment_is_refused_rather_than_dropped(notify):
    message = EmailMessage(subject="S", body="B", to=["a@example.org"])
    message.attach("notes.txt", "x", "text/plain")
    with pytest.raises(ValueError, match="attachments"):
        message.send()
    assert notify.call_count == 0


@pytest.mark.django_db
def test_the_service_mail_task_sends_through_notify(notify, tasks_run_at_once, django_capture_on_commit_callbacks):
    from jointly.core.mail import email_send_later

    with django_capture_on_commit_callbacks(execute=True):
        email_send_later(to="a@example.org", subject="Hello", template="contracts/payments/email/advance_due.txt", context={"days": 7})
    assert notify.call_count == 1
    assert mail.outbox == []


def test_settings_choose_notify_only_when_its_key_is_set():
    console = "django.core.mail.backends.console.EmailBackend"
    assert choose_email_backend(api_key="", template_id="", configured=console) == console
    assert choose_email_backend(api_key=KEY, template_id=TEMPLATE, configured=console) == BACKEND
    with pytest.raises(ImproperlyConfigured, match="JOINTLY_NOTIFY_TEMPLATE_ID"):
        choose_email_backend(api_key=KEY, template_id="", configured=console)
