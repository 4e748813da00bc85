"""Subscribing: double opt-in, only the address kept, one digest per change, sent once, unsubscribe in every email."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from jointly.core.scheduling import run_due_jobs
from jointly.plans import services, subscriptions
from jointly.plans.models import Subscriber

from ..mail_backends import REFUSED
from .conftest import make_intention

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]  # emails are sent by a task


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.JOINTLY_SITE_URL = "https://jointly.example"


def _link(message, kind):
    return re.search(rf"https://jointly\.example(/plans/subscriptions/[^/]+/{kind}/)", message.body).group(1)


def _subscribe(client, trust, email="reader@example.org", django_capture_on_commit_callbacks=None):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/plans/{trust.slug}/forward-plan/subscribe/", {"email": email})
    return response


def test_double_opt_in_then_one_digest_sent_once(anonymous_client, trust, commissioner, django_capture_on_commit_callbacks):
    response = _subscribe(anonymous_client, trust, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    assert "Check your email" in response.content.decode()
    [confirmation] = mail.outbox
    assert confirmation.to == ["reader@example.org"] and "unsubscribe" in confirmation.body
    confirm = _link(confirmation, "confirm")
    # Nothing is sent to an unconfirmed address, however the plan changes.
    services.intention_publish(intention=make_intention(trust, commissioner, title="Before confirming"), by=commissioner)
    assert subscriptions.digests_send().count == 0
    # Opening the link shows a button (a mail scanner's GET changes nothing); pressing it confirms.
    anonymous_client.get(confirm)
    assert Subscriber.objects.get().confirmed_at is None
    assert anonymous_client.post(confirm).status_code == 302
    assert Subscriber.objects.get().confirmed_at is not None
    # Two changes after confirming: one email listing both, sent once.
    first = services.intention_publish(intention=make_intention(trust, commissioner, title="Young carers"), by=commissioner)
    services.intention_withdraw(intention=first, by=commissioner, reason="Merged into family support")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # each digest is queued as its change commits
        assert subscriptions.digests_send().count == 1
        assert subscriptions.digests_send().count == 0
    [digest] = mail.outbox
    assert digest.subject == f"{trust.name}: the forward plan has changed"
    assert "Published: Young carers" in digest.body and "Withdrawn: Young carers" in digest.body
    assert "Before confirming" not in digest.body
    assert "/unsubscribe/" in digest.body
    # A later change makes one more email, with just that change.
    services.intention_publish(intention=make_intention(trust, commissioner, title="Another"), by=commissioner)
    with django_capture_on_commit_callbacks(execute=True):
        assert subscriptions.digests_send().count == 1
    assert "Another" in mail.outbox[-1].body and "Young carers" not in mail.outbox[-1].body


def test_the_scheduled_job_sends_the_digest_and_is_idempotent(trust, commissioner, django_capture_on_commit_callbacks):
    subscriber = Subscriber.objects.create(trust=trust, email="a@example.org")
    subscriptions.subscription_confirm(token=subscriber.token)
    services.intention_publish(intention=make_intention(trust, commissioner), by=commissioner)
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        ran = dict(run_due_jobs(now=now))
    assert ran["jointly.plans.tasks.forward_plan_digest"] == "1 digest(s) sent"
    with django_capture_on_commit_callbacks(execute=True):
        ran = dict(run_due_jobs(now=now + datetime.timedelta(hours=2)))
    assert ran["jointly.plans.tasks.forward_plan_digest"] == "0 digest(s) sent"
    assert len(mail.outbox) == 1


def test_one_refused_address_does_not_stop_the_other_digests(trust, commissioner, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingEmailBackend"
    for address in (REFUSED, "reader@example.org"):
        subscriptions.subscription_confirm(token=Subscriber.objects.create(trust=trust, email=address).token)
    services.intention_publish(intention=make_intention(trust, commissioner), by=commissioner)
    with django_capture_on_commit_callbacks(execute=True):
        assert subscriptions.digests_send().count == 2  # the refused address did not stop the second
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]


def test_only_the_address_is_kept_and_unsubscribing_deletes_it(anonymous_client, trust, django_capture_on_commit_callbacks):
    _subscribe(anonymous_client, trust, "Reader@Example.org", django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.org"
    assert {f.name for f in Subscriber._meta.concrete_fields} == {"id", "trust", "email", "token", "confirmed_at", "created_at", "last_change_sent"}
    unsubscribe = _link(mail.outbox[0], "unsubscribe")
    assert anonymous_client.get(unsubscribe).status_code == 200 and Subscriber.objects.exists()
    assert "deleted" in anonymous_client.post(unsubscribe).content.decode()
    assert not Subscriber.objects.exists()


def test_subscribing_twice_answers_the_same_and_keeps_one_row(anonymous_client, trust, django_capture_on_commit_callbacks):
    for _ in range(2):
        response = _subscribe(anonymous_client, trust, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
        assert "Check your email" in response.content.decode()
    assert Subscriber.objects.count() == 1
    subscriptions.subscription_confirm(token=Subscriber.objects.get().token)
    mail.outbox.clear()
    response = _subscribe(anonymous_client, trust, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    assert "Check your email" in response.content.decode() and mail.outbox == []


def test_a_bad_address_is_refused_with_a_message(anonymous_client, trust):
    response = anonymous_client.post(f"/plans/{trust.slug}/forward-plan/subscribe/", {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format, like name@example.com" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_unconfirmed_requests_are_deleted_after_a_week(trust):
    Subscriber.objects.create(trust=trust, email="old@example.org")
    subscriptions.digests_send(now=timezone.now() + datetime.timedelta(days=8))
    assert not Subscriber.objects.exists()


def test_an_unknown_confirmation_link_is_not_found(anonymous_client):
    assert anonymous_client.post("/plans/subscriptions/nope/confirm/").status_code == 404


def _confirmed(trust, email):
    subscriber = Subscriber.objects.create(trust=trust, email=email)
    subscriptions.subscription_confirm(token=subscriber.token)
    return subscriber


def test_a_digest_that_cannot_be_queued_does_not_stop_the_others_and_is_tried_again(
    trust, commissioner, monkeypatch, django_capture_on_commit_callbacks, tasks_run_at_once
):
    broken, fine = _confirmed(trust, "broken@example.org"), _confirmed(trust, "fine@example.org")
    services.intention_publish(intention=make_intention(trust, commissioner), by=commissioner)
    queue = subscriptions.email_send_later

    def refuses_one(*, to, **kwargs):
        if to == "broken@example.org":
            raise ConnectionRefusedError("the task queue said no")
        return queue(to=to, **kwargs)

    monkeypatch.setattr(subscriptions, "email_send_later", refuses_one)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = subscriptions.digests_send()
    assert outcome.summary("subscribers", count="digest(s) sent") == (
        f"1 digest(s) sent, 1 failed (subscriber {broken.pk}: ConnectionRefusedError: the task queue said no)"
    )
    assert [message.to for message in mail.outbox] == [["fine@example.org"]]
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.last_change_sent_id is None and fine.last_change_sent_id is not None
    monkeypatch.setattr(subscriptions, "email_send_later", queue)
    with django_capture_on_commit_callbacks(execute=True):
        assert subscriptions.digests_send().count == 1  # the one that failed, and only that one
    assert mail.outbox[-1].to == ["broken@example.org"]


def test_subscribers_with_nothing_new_cost_the_digest_nothing(trust, other_trust, commissioner):
    from tests.due_work import queries_made

    _confirmed(trust, "a@example.org")
    services.intention_publish(intention=make_intention(trust, commissioner), by=commissioner)
    alone = queries_made(subscriptions.digests_send)
    services.intention_publish(intention=make_intention(trust, commissioner, title="Another"), by=commissioner)
    for number in range(3):
        _confirmed(other_trust, f"elsewhere{number}@example.org")  # their trust's plan has not changed
    assert queries_made(subscriptions.digests_send) == alone
