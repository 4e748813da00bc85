"""The scheduled job that turns ended terms into vacancies, driven with a frozen clock."""

import datetime
import zoneinfo

import time_machine

from jointly.audit.models import AuditEntry
from jointly.core.models import ScheduledRun
from jointly.core.scheduling import registered_jobs, run_due_jobs
from jointly.partnerships.models import Seat
from jointly.partnerships.tasks import close_ended_seat_terms
from tests.factories import BodyFactory, FilledSeatFactory

LONDON = zoneinfo.ZoneInfo("Europe/London")
JOB = "jointly.partnerships.tasks.close_ended_seat_terms"


def seat_ending(trust, day):
    return FilledSeatFactory(body=BodyFactory(trust=trust), term_start=datetime.date(2025, 1, 1), term_end=day)


def test_is_registered_to_run_hourly():
    [job] = [job for job in registered_jobs() if job.name == JOB]
    assert job.every == datetime.timedelta(hours=1)


def test_a_term_is_closed_the_day_after_it_ends(trust):
    seat = seat_ending(trust, datetime.date(2026, 3, 31))
    with time_machine.travel(datetime.datetime(2026, 3, 31, 23, 30, tzinfo=LONDON), tick=False):
        assert close_ended_seat_terms() == "0 seat terms closed"
    seat.refresh_from_db()
    assert seat.status == Seat.Status.FILLED
    with time_machine.travel(datetime.datetime(2026, 4, 1, 0, 30, tzinfo=LONDON), tick=False):
        assert close_ended_seat_terms() == "1 seat terms closed"
    seat.refresh_from_db()
    assert seat.status == Seat.Status.VACANT
    assert seat.holder is None


def test_uses_the_local_date_not_utc(trust):
    # 00:30 on 1 April in London is still 31 March in UTC (summer time).
    seat = seat_ending(trust, datetime.date(2026, 3, 31))
    with time_machine.travel(datetime.datetime(2026, 4, 1, 0, 30, tzinfo=LONDON), tick=False):
        close_ended_seat_terms()
    seat.refresh_from_db()
    assert seat.status == Seat.Status.VACANT


def test_each_closure_is_one_transition_with_the_reason(trust):
    seat = seat_ending(trust, datetime.date(2026, 3, 31))
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=LONDON), tick=False):
        close_ended_seat_terms()
    entry = AuditEntry.objects.filter(object_type="partnerships.seat", object_id=str(seat.pk)).order_by("id").last()
    assert entry.action == AuditEntry.Action.TRANSITION
    assert entry.reason == "Term ended on 31 March 2026"
    assert entry.actor_label == "system"


def test_running_twice_changes_nothing_the_second_time(trust):
    seat_ending(trust, datetime.date(2026, 3, 30))
    seat_ending(trust, datetime.date(2026, 3, 31))
    current = seat_ending(trust, datetime.date(2026, 12, 31))
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=LONDON), tick=False):
        assert close_ended_seat_terms() == "2 seat terms closed"
        entries = AuditEntry.objects.count()
        assert close_ended_seat_terms() == "0 seat terms closed"
    assert AuditEntry.objects.count() == entries
    current.refresh_from_db()
    assert current.status == Seat.Status.FILLED


def test_the_scheduler_runs_it_when_due_and_not_again_within_the_hour(trust):
    seat = seat_ending(trust, datetime.date(2026, 3, 31))
    start = datetime.datetime(2026, 4, 2, 9, 0, tzinfo=LONDON)
    with time_machine.travel(start, tick=False):
        assert (JOB, "1 seat terms closed") in run_due_jobs()
    seat.refresh_from_db()
    assert seat.status == Seat.Status.VACANT
    record = ScheduledRun.objects.get(name=JOB)
    assert record.last_result == "1 seat terms closed"
    with time_machine.travel(start + datetime.timedelta(minutes=59), tick=False):
        assert JOB not in [name for name, _ in run_due_jobs()]
    with time_machine.travel(start + datetime.timedelta(hours=1), tick=False):
        assert (JOB, "0 seat terms closed") in run_due_jobs()


# --- Only the due seats, each on its own ------------------------------------------


def test_the_job_reads_the_due_seats_through_their_index(trust):
    from jointly.partnerships.selectors import seats_with_ended_terms
    from tests.due_work import assert_served_by_index

    assert_served_by_index(seats_with_ended_terms(today=datetime.date(2026, 4, 2)), "partnerships_seat_term_due")


def test_seats_that_are_not_due_cost_the_job_nothing(trust):
    from tests.due_work import queries_made
    from tests.factories import SeatFactory

    when = datetime.datetime(2026, 4, 2, 9, 0, tzinfo=LONDON)
    seat_ending(trust, datetime.date(2026, 3, 31))
    with time_machine.travel(when, tick=False):
        alone = queries_made(close_ended_seat_terms)
    seat_ending(trust, datetime.date(2026, 3, 31))
    for day in (datetime.date(2026, 4, 2), datetime.date(2026, 12, 31), None):
        seat_ending(trust, day)
    SeatFactory.create_batch(3, body=BodyFactory(trust=trust))  # vacant
    with time_machine.travel(when, tick=False):
        assert queries_made(close_ended_seat_terms) == alone
    assert Seat.objects.filter(status=Seat.Status.FILLED).count() == 3  # the three not yet due


def test_a_seat_someone_vacated_meanwhile_is_refused_and_the_others_still_close(trust, monkeypatch):
    from jointly.partnerships import selectors, services

    stale, due = seat_ending(trust, datetime.date(2026, 3, 30)), seat_ending(trust, datetime.date(2026, 3, 31))
    # The job has read both seats; then a person ends the first term by hand.
    monkeypatch.setattr(selectors, "seats_with_ended_terms", lambda today: [stale, due])
    services.seat_vacate(seat=Seat.objects.get(pk=stale.pk), by=None, reason="Stood down")
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=LONDON), tick=False):
        result = close_ended_seat_terms()
    # The refusal's own words are the transition's; here only that it is reported against the seat.
    assert result.startswith(f"1 seat terms closed, 1 refused (seat {stale.pk}: This seat is vacant")
    due.refresh_from_db()
    assert due.status == Seat.Status.VACANT
