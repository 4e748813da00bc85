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
