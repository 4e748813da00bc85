"""The capacity jobs read only the events and interest due, through their indexes, and handle each on its own."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from jointly.capacity import services, tasks
from jointly.capacity.models import Event, Registration
from jointly.core.errors import FieldErrors
from tests.due_work import assert_served_by_index, breaks_for, queries_made

from .conftest import book, event_data

pytestmark = pytest.mark.django_db


def _at(moment):
    return time_machine.travel(moment, tick=False)


def test_the_booking_deadline_job_reads_through_its_index():
    assert_served_by_index(services.events_past_booking_deadline(now=timezone.now()), "capacity_event_booking_due")


def test_the_booking_erasure_job_reads_through_its_index():
    assert_served_by_index(services.events_due_registration_erasure(today=timezone.localdate()), "capacity_event_erasure_due")


def test_the_interest_erasure_job_reads_through_its_index():
    assert_served_by_index(services.interests_due_erasure(today=timezone.localdate()), "capacity_interest_erasure_due")


def _add(offer, by, **overrides):
    return services.event_add(offer=offer, by=by, **event_data(**overrides))


def test_events_not_due_cost_the_booking_deadline_job_nothing(offer, commissioner):
    first = _add(offer, commissioner)
    with _at(first.booking_closes_at + datetime.timedelta(minutes=1)):
        alone = queries_made(tasks.close_booking_at_deadline)
    second = _add(offer, commissioner)
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=60)
    for _ in range(3):
        _add(offer, commissioner, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), booking_closes_at=starts)
    with _at(second.booking_closes_at + datetime.timedelta(minutes=1)):
        assert queries_made(tasks.close_booking_at_deadline) == alone
    assert Event.objects.filter(status=Event.Status.OPEN).count() == 3


def test_events_not_due_cost_the_erasure_job_nothing(offer, commissioner):
    first = _add(offer, commissioner)
    book(first, "Ann")
    after = first.ends_at + datetime.timedelta(days=32)
    with _at(after):
        alone = queries_made(tasks.erase_expired_registrations)
    second = _add(offer, commissioner)
    book(second, "Ben")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=60)
    for name in ("Cat", "Dan"):
        book(_add(offer, commissioner, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), booking_closes_at=starts), name)
    with _at(after):
        assert queries_made(tasks.erase_expired_registrations) == alone
    assert sorted(Registration.objects.exclude(name="").values_list("name", flat=True)) == ["Cat", "Dan"]


def test_an_event_cancelled_meanwhile_is_refused_and_the_others_still_close(offer, commissioner, monkeypatch):
    stale, due = _add(offer, commissioner), _add(offer, commissioner)
    monkeypatch.setattr(services, "events_past_booking_deadline", lambda now: [stale, due])
    services.event_cancel(event=Event.objects.get(pk=stale.pk), by=commissioner, reason="The trainer is ill")
    with _at(due.booking_closes_at + datetime.timedelta(minutes=1)):
        result = tasks.close_booking_at_deadline()
    assert result.startswith(f"1 events closed for booking, 1 refused (event {stale.pk}: This event is cancelled")
    due.refresh_from_db()
    assert due.status == Event.Status.CLOSED


def test_bookings_are_refused_after_the_deadline_whether_or_not_the_job_has_run(event):
    with _at(event.booking_closes_at + datetime.timedelta(seconds=1)):
        with pytest.raises(FieldErrors, match="closed"):
            book(event, "Ann")
    event.refresh_from_db()
    assert event.status == Event.Status.OPEN  # the job has not run
    assert not event.registrations.exists()


def test_a_booking_at_the_last_moment_before_the_deadline_is_taken(event):
    with _at(event.booking_closes_at - datetime.timedelta(seconds=1)):
        registration, _ = book(event, "Ann")
    assert registration.status == Registration.Status.BOOKED


def test_the_erasure_of_one_events_bookings_breaking_does_not_stop_the_others(offer, commissioner, monkeypatch):
    first, second = _add(offer, commissioner), _add(offer, commissioner)
    book(first, "Ann")
    book(second, "Ben")
    monkeypatch.setattr(services, "event_registrations_erase", breaks_for(services.event_registrations_erase, first, argument="event"))
    with _at(first.ends_at + datetime.timedelta(days=32)):
        result = tasks.erase_expired_registrations()
    assert result == (
        f"1 bookings, 1 failed (event {first.pk}: RuntimeError: the disk is full) and 0 registrations of interest: personal details deleted"
    )
    assert sorted(Registration.objects.exclude(name="").values_list("name", flat=True)) == ["Ann"]
    first.refresh_from_db()
    assert first.registrations_erased_at is None  # still due: tried again tomorrow
