"""The scheduler runs each due job once per interval, and survives a job that fails."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

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
