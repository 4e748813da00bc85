"""The scheduler runs each due job once per interval, on one runner at a time, and survives a job that fails."""

import datetime
import threading

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from jointly.core import scheduling
from jointly.core.models import ScheduledRun

RUNS = []


@pytest.fixture
def only_test_jobs(monkeypatch):
    """Replace the registry with two test jobs, so the real ones do not run here."""
    monkeypatch.setattr(scheduling, "_REGISTRY", {})
    RUNS.clear()

    @scheduling.scheduled(every=datetime.timedelta(hours=1))
    def hourly():
        RUNS.append("hourly")
        return "hourly done"

    @scheduling.scheduled(every=datetime.timedelta(days=1))
    def broken():
        RUNS.append("broken")
        raise RuntimeError("the disk is full")

    return {job.func.__name__: job.name for job in scheduling.registered_jobs()}


NOON = datetime.datetime(2026, 6, 1, 12, 0, tzinfo=datetime.UTC)


def test_every_due_job_runs_and_its_result_is_kept(db, only_test_jobs):
    with time_machine.travel(NOON, tick=False):
        ran = dict(scheduling.run_due_jobs())
    assert ran[only_test_jobs["hourly"]] == "hourly done"
    assert ran[only_test_jobs["broken"]] == "failed: the disk is full"
    record = ScheduledRun.objects.get(name=only_test_jobs["hourly"])
    assert record.last_started_at == NOON
    assert record.last_result == "hourly done"


def test_a_job_runs_once_per_interval(db, only_test_jobs):
    for minutes in (0, 30, 59, 60, 61, 119, 120):
        scheduling.run_due_jobs(now=NOON + datetime.timedelta(minutes=minutes))
    assert RUNS.count("hourly") == 3  # at 0, 60 and 120 minutes
    assert RUNS.count("broken") == 1


def test_a_failing_job_does_not_stop_the_others(db, only_test_jobs):
    scheduling.run_due_jobs(now=NOON)
    assert set(RUNS) == {"hourly", "broken"}


def test_the_command_runs_what_is_due_once(db, only_test_jobs, capsys):
    call_command("run_scheduler", "--once")
    out = capsys.readouterr().out
    assert "Scheduler: 2 jobs registered." in out
    assert "hourly done" in out
    call_command("run_scheduler", "--once")
    assert RUNS.count("hourly") == 1


def test_real_jobs_are_registered_by_the_apps(db):
    names = [job.name for job in scheduling.registered_jobs()]
    assert "jointly.partnerships.tasks.close_ended_seat_terms" in names
    assert names == sorted(names)


def test_a_failed_job_gives_up_its_claim_and_runs_again_when_next_due(db, only_test_jobs):
    scheduling.run_due_jobs(now=NOON)
    record = ScheduledRun.objects.get(name=only_test_jobs["broken"])
    assert (record.locked_until, record.locked_by) == (None, "")
    scheduling.run_due_jobs(now=NOON + datetime.timedelta(days=1))
    assert RUNS.count("broken") == 2


# --- One runner at a time ----------------------------------------------------------


def _job(name):
    return next(job for job in scheduling.registered_jobs() if job.name == name)


def test_of_two_claims_on_a_due_job_exactly_one_wins(db, only_test_jobs):
    scheduling.run_due_jobs(now=NOON - datetime.timedelta(days=2))  # makes the rows
    job = _job(only_test_jobs["hourly"])
    assert scheduling.claim(job, now=NOON, by="runner A") is True
    assert scheduling.claim(job, now=NOON, by="runner B") is False
    assert ScheduledRun.objects.get(name=job.name).locked_by == "runner A"


def test_a_second_runner_does_not_run_a_job_the_first_is_still_running(db, monkeypatch):
    # The second runner starts while the first is inside the job, and well past
    # the job's interval: only the lease stops it.
    monkeypatch.setattr(scheduling, "_REGISTRY", {})
    runs, second_runner_ran = [], []

    @scheduling.scheduled(every=datetime.timedelta(minutes=1), lease=datetime.timedelta(hours=1))
    def slow():
        runs.append("slow")
        if len(runs) == 1:
            second_runner_ran.extend(scheduling.run_due_jobs(now=NOON + datetime.timedelta(minutes=10)))
        return "slow done"

    assert [name for name, _ in scheduling.run_due_jobs(now=NOON)] == ["tests.core.test_scheduling.slow"]
    assert second_runner_ran == []
    assert runs == ["slow"]


def test_only_the_runner_holding_the_claim_records_the_result(db, only_test_jobs):
    scheduling.run_due_jobs(now=NOON - datetime.timedelta(days=2))
    job = _job(only_test_jobs["hourly"])
    scheduling.claim(job, now=NOON, by="runner A")
    scheduling.release(job, by="runner B", result="not mine")
    record = ScheduledRun.objects.get(name=job.name)
    assert (record.locked_by, record.last_result) == ("runner A", "hourly done")
    scheduling.release(job, by="runner A", result="mine")
    record.refresh_from_db()
    assert (record.locked_by, record.locked_until, record.last_result) == ("", None, "mine")


def test_a_crashed_runners_claim_runs_out_after_its_lease(db, monkeypatch):
    monkeypatch.setattr(scheduling, "_REGISTRY", {})
    runs = []

    @scheduling.scheduled(every=datetime.timedelta(minutes=15))
    def quarterly():
        runs.append(1)

    scheduling.run_due_jobs(now=NOON - datetime.timedelta(days=1))
    # A runner claims the job at noon and dies without releasing it.
    assert scheduling.claim(_job("tests.core.test_scheduling.quarterly"), now=NOON, by="dead runner")
    runs.clear()
    scheduling.run_due_jobs(now=NOON + datetime.timedelta(minutes=29))  # due again, but still held
    assert runs == []
    scheduling.run_due_jobs(now=NOON + scheduling.DEFAULT_LEASE)
    assert runs == [1]
    assert ScheduledRun.objects.get(name="tests.core.test_scheduling.quarterly").locked_by == ""


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's in-memory test database lets one connection write at a time")
def test_two_runners_on_their_own_connections_never_both_run_a_job(transactional_db, only_test_jobs):
    """Real concurrency: two threads, each with its own database connection, start each round together."""
    rounds = 8
    barrier = threading.Barrier(2, timeout=30)
    ran = {"first": [], "second": []}
    errors = []

    def runner(name):
        try:
            for hour in range(rounds):
                barrier.wait()
                ran[name].extend(job for job, _ in scheduling.run_due_jobs(now=NOON + datetime.timedelta(hours=hour)))
        except Exception as error:  # pragma: no cover - shown by the assertion below
            errors.append(error)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(name,)) for name in ran]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert RUNS.count("hourly") == rounds
    assert RUNS.count("broken") == 1
    both = ran["first"] + ran["second"]
    assert both.count(only_test_jobs["hourly"]) == rounds


# --- Each due record on its own ---------------------------------------------------


def _rows(*names):
    return [ScheduledRun.objects.create(name=name) for name in names]


def test_one_refused_record_does_not_stop_the_rest_and_its_changes_are_undone(db):
    from jointly.core.errors import FieldErrors

    first, refused, last = _rows("a", "b", "c")

    def handle(row):
        ScheduledRun.objects.filter(pk=row.pk).update(last_result="handled")
        if row.name == "b":
            raise FieldErrors({"name": "This one cannot be closed yet"})

    outcome = scheduling.for_each_due(ScheduledRun.objects.order_by("name"), handle)
    assert outcome.done == 2
    assert outcome.refused == [(f"scheduled run {refused.pk}", "This one cannot be closed yet")]
    assert outcome.summary("closed") == f"2 closed, 1 refused (scheduled run {refused.pk}: This one cannot be closed yet)"
    assert dict(ScheduledRun.objects.values_list("name", "last_result")) == {"a": "handled", "b": "", "c": "handled"}


def test_a_record_that_breaks_is_counted_as_failed_and_the_rest_carry_on(db):
    from jointly.core.transitions import InvalidTransition

    rows = _rows("a", "b", "c")

    def handle(row):
        if row.name == "a":
            raise InvalidTransition("This row is closed, so you cannot close it")
        if row.name == "b":
            raise ZeroDivisionError("division by zero")
        return 4

    outcome = scheduling.for_each_due(ScheduledRun.objects.order_by("name"), handle, label=lambda row: f"row {row.name}")
    assert (outcome.done, outcome.count) == (1, 4)
    assert outcome.summary("rows", count="things done") == (
        "4 things done, 1 refused (row a: This row is closed, so you cannot close it), 1 failed (row b: ZeroDivisionError: division by zero)"
    )
    assert len(rows) == 3


def test_a_long_list_of_problems_is_cut_short_in_the_result(db):
    _rows(*"abcdefg")

    def refuse(row):
        raise ValueError("no")

    outcome = scheduling.for_each_due(ScheduledRun.objects.order_by("name"), refuse, label=lambda row: row.name)
    assert (
        outcome.summary("closed")
        == "0 closed, 7 failed (a: ValueError: no; b: ValueError: no; c: ValueError: no; d: ValueError: no; e: ValueError: no; and 2 more)"
    )


def test_an_apps_own_refusals_and_a_models_validation_count_as_refused(db):
    from django.core.exceptions import ValidationError

    class NotNow(Exception):
        pass

    _rows("a", "b")

    def handle(row):
        raise NotNow("Not before the term ends") if row.name == "a" else ValidationError({"name": ["Enter a name"]})

    outcome = scheduling.for_each_due(ScheduledRun.objects.order_by("name"), handle, label=lambda row: row.name, refusals=(NotNow,))
    assert outcome.refused == [("a", "Not before the term ends"), ("b", "Enter a name")]
    assert outcome.failed == []
