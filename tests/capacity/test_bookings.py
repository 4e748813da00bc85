"""Booking a place, the waiting list, cancelling by the private link, and changing the number of places."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.capacity import services
from jointly.capacity.models import Event, Registration, hash_token
from jointly.capacity.selectors import waiting_position
from jointly.core.errors import FieldErrors

from .conftest import book

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.usefixtures("tasks_run_at_once")]  # emails are sent by a task


def _statuses(event):
    return {r.name: r.status for r in Registration.objects.filter(event=event)}


def test_booking_takes_places_then_the_waiting_list_first_come_first_served(event, django_capture_on_commit_callbacks):
    # Two places: Ann and Ben get them; Cat then Dan join the waiting list, in that order.
    with django_capture_on_commit_callbacks(execute=True):
        ann, _ = book(event, "Ann")
        ben, _ = book(event, "Ben")
        cat, _ = book(event, "Cat")
        dan, _ = book(event, "Dan")
    assert [ann.status, ben.status, cat.status, dan.status] == ["booked", "booked", "waiting", "waiting"]
    event.refresh_from_db()
    assert event.status == Event.Status.FULL
    assert (waiting_position(cat), waiting_position(dan), waiting_position(ann)) == (1, 2, None)
    assert len(mail.outbox) == 4
    assert "waiting list" in mail.outbox[2].body and "/capacity/bookings/" in mail.outbox[2].body


def test_a_cancellation_moves_the_first_on_the_waiting_list_up(event, django_capture_on_commit_callbacks):
    _, ann_token = book(event, "Ann")
    book(event, "Ben")
    book(event, "Cat")
    book(event, "Dan")
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=services.registration_for_token(ann_token))
    assert _statuses(event) == {"Ann": "cancelled", "Ben": "booked", "Cat": "booked", "Dan": "waiting"}
    event.refresh_from_db()
    assert event.status == Event.Status.FULL  # Cat took the freed place
    assert [m.to for m in mail.outbox] == [["cat@charity.example"]]
    assert "place became free" in mail.outbox[0].body


def test_cancelling_when_nobody_waits_opens_booking_again(event):
    _, token = book(event, "Ann")
    book(event, "Ben")
    event.refresh_from_db()
    assert event.status == Event.Status.FULL
    services.registration_cancel(registration=services.registration_for_token(token))
    event.refresh_from_db()
    assert event.status == Event.Status.OPEN


def test_leaving_the_waiting_list_frees_no_place(event):
    book(event, "Ann")
    book(event, "Ben")
    _, cat_token = book(event, "Cat")
    book(event, "Dan")
    services.registration_cancel(registration=services.registration_for_token(cat_token))
    assert _statuses(event) == {"Ann": "booked", "Ben": "booked", "Cat": "cancelled", "Dan": "waiting"}


def test_only_the_hash_of_the_cancel_token_is_stored_and_it_is_not_guessable(event):
    registration, token = book(event, "Ann")
    assert len(token) >= 40  # 32 random bytes, URL-safe
    assert registration.token_hash == hash_token(token) != token
    assert services.registration_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert services.registration_for_token("") is None


def test_cancelling_twice_is_refused_from_the_wrong_state(event):
    from jointly.core.transitions import InvalidTransition

    registration, _ = book(event, "Ann")
    services.registration_cancel(registration=registration)
    with pytest.raises(InvalidTransition):
        services.registration_cancel(registration=registration)


def test_bad_input_is_refused_with_a_message_for_each_field_and_nothing_saved(event):
    with pytest.raises(FieldErrors) as caught:
        services.registration_book(event=event, name=" ", email="not-an-address", organisation_name="", access_needs="")
    assert caught.value.errors == {
        "name": "Enter your name",
        "organisation_name": "Enter your organisation's name",
        "email": "Enter an email address in the correct format, like name@example.com",
    }
    assert not Registration.objects.exists()


def test_a_booking_is_refused_with_every_problem_at_once(event):
    book(event, "Ann", email="ann@charity.example")
    with pytest.raises(FieldErrors) as caught:
        services.registration_book(event=event, name="", email="ann@charity.example", organisation_name="")
    assert set(caught.value.errors) == {"name", "organisation_name", "email"}
    assert "already has a place" in caught.value.errors["email"]


def test_the_same_email_cannot_book_twice_but_can_after_cancelling(event):
    registration, _ = book(event, "Ann", email="ann@charity.example")
    with pytest.raises(FieldErrors) as caught:
        book(event, "Ann again", email="ANN@charity.example")
    assert "already has a place" in caught.value.errors["email"]
    services.registration_cancel(registration=registration)
    again, _ = book(event, "Ann", email="ann@charity.example")
    assert again.status == Registration.Status.BOOKED


def test_no_booking_after_the_deadline_or_once_closed_or_cancelled(event, commissioner):
    late = event.booking_closes_at + datetime.timedelta(minutes=1)
    with pytest.raises(FieldErrors, match="closed"):
        book(event, "Ann", now=late)
    services.event_close_booking(event=event)
    with pytest.raises(FieldErrors, match="closed"):
        book(event, "Ann")


def test_personal_details_stay_out_of_the_audit_trail(event):
    registration, token = book(event, "Ann Secret", email="ann.secret@charity.example", access_needs="BSL interpreter")
    services.registration_cancel(registration=registration)
    entries = AuditEntry.objects.filter(object_type="capacity.registration")
    assert entries.count() == 2  # created, then cancelled
    text = str(list(entries.values_list("before", "after", "object_repr")))
    for secret in ("Ann Secret", "ann.secret@", "BSL interpreter", registration.token_hash):
        assert secret not in text


def _erase_on(day):
    from jointly.capacity.tasks import erase_expired_registrations

    with time_machine.travel(timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))), tick=False):
        return erase_expired_registrations()


def test_personal_details_are_erased_after_the_retention_period(event):
    registration, _ = book(event, "Ann", access_needs="Step-free access")
    # The event ends 14 days from now (plus 2 hours); details go 30 days after that.
    ends = timezone.localdate(event.ends_at)
    assert _erase_on(ends + datetime.timedelta(days=30)) == "0 bookings and 0 registrations of interest: personal details deleted"
    assert _erase_on(ends + datetime.timedelta(days=32)) == "1 bookings and 0 registrations of interest: personal details deleted"
    registration.refresh_from_db()
    assert (registration.name, registration.email, registration.access_needs, registration.organisation_name) == ("", "", "", "")
    assert registration.erased_at is not None
    event.refresh_from_db()
    assert event.registrations_erased_at is not None  # out of the job's index: never read again
    assert _erase_on(ends + datetime.timedelta(days=40)).startswith("0 bookings")  # idempotent


def test_an_events_bookings_cannot_be_erased_before_the_retention_period_ends(event):
    book(event, "Ann")
    with pytest.raises(FieldErrors, match="kept for 30 days after the event"):
        services.event_registrations_erase(event=event, today=timezone.localdate(event.ends_at) + datetime.timedelta(days=30))
    assert Registration.objects.get(event=event).name == "Ann"


def test_more_places_move_people_up_and_fewer_than_booked_is_refused(event, commissioner):
    for name in ("Ann", "Ben", "Cat", "Dan", "Eve"):
        book(event, name)
    # 2 places: Ann and Ben booked; Cat, Dan and Eve waiting. At 4 places, Cat and Dan move up, in their order.
    services.event_change_places(event=event, by=commissioner, places=4)
    assert _statuses(event) == {"Ann": "booked", "Ben": "booked", "Cat": "booked", "Dan": "booked", "Eve": "waiting"}
    event.refresh_from_db()
    assert event.status == Event.Status.FULL
    with pytest.raises(FieldErrors) as caught:
        services.event_change_places(event=event, by=commissioner, places=3)
    assert caught.value.errors["places"].startswith("4 people already have places")
    services.event_change_places(event=event, by=commissioner, places=6)  # Eve moves up; one place left
    event.refresh_from_db()
    assert event.status == Event.Status.OPEN
    assert _statuses(event)["Eve"] == "booked"


def test_a_scheduled_job_closes_booking_at_the_deadline(event):
    from jointly.capacity.tasks import close_booking_at_deadline

    assert close_booking_at_deadline() == "0 events closed for booking"
    Event.objects.filter(pk=event.pk).update(booking_closes_at=timezone.now() - datetime.timedelta(minutes=1))
    assert close_booking_at_deadline() == "1 events closed for booking"
    event.refresh_from_db()
    assert event.status == Event.Status.CLOSED
    assert close_booking_at_deadline() == "0 events closed for booking"
