"""Background jobs: queued on commit, run once by their handler, watched on their page."""

import datetime
import uuid

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from jointly.core.jobs import job_create, job_handler, job_report_progress, jobs_fail_stopped, run_job, stopped_message
from jointly.core.models import Job
from tests.conftest import signed_in_client

CALLS = []


@job_handler("tests.count")
def count_to(job, report_progress, *, upto: int):
    CALLS.append(job.pk)
    for n in range(1, upto + 1):
        report_progress(n, upto, message=f"Counted {n}")
    return {"counted": upto}


@job_handler("tests.fail")
def fail(job, report_progress):
    report_progress(1, 3)
    raise ValueError("Row 2: the date is not a real date")


@pytest.fixture(autouse=True)
def _no_calls_yet():
    CALLS.clear()


def test_job_create_queues_only_when_the_transaction_commits(commissioner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = job_create(kind="tests.count", title="Count to three", by=commissioner, params={"upto": 3})
        assert not DBTaskResult.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    task = DBTaskResult.objects.get()
    assert task.task_path == "jointly.core.jobs.run_job"
    assert task.args_kwargs["args"] == [str(job.pk)]
    assert job.status == Job.Status.QUEUED
    assert job.result == {"params": {"upto": 3}}


def test_nothing_is_queued_if_the_transaction_rolls_back(commissioner, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                job_create(kind="tests.count", title="Count", by=commissioner, params={"upto": 1})
                raise RuntimeError("the request failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert not Job.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_an_unknown_kind_is_refused(commissioner):
    with pytest.raises(ValueError, match="No job handler is registered for 'tests.nothing'"):
        job_create(kind="tests.nothing", title="Nothing", by=commissioner)


def test_run_job_runs_the_handler_with_progress_and_succeeds(commissioner):
    job = job_create(kind="tests.count", title="Count", by=commissioner, params={"upto": 4})
    run_job.call(str(job.pk))
    job.refresh_from_db()
    assert CALLS == [job.pk]
    assert job.status == Job.Status.SUCCEEDED
    assert (job.progress_done, job.progress_total, job.percent) == (4, 4, 100)
    assert job.message == "Counted 4"
    assert job.result == {"params": {"upto": 4}, "counted": 4}
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert job.finished


def test_a_second_run_changes_nothing(commissioner):
    job = job_create(kind="tests.count", title="Count", by=commissioner, params={"upto": 2})
    run_job.call(str(job.pk))
    job.refresh_from_db()
    finished_at = job.finished_at
    run_job.call(str(job.pk))
    job.refresh_from_db()
    assert CALLS == [job.pk]
    assert job.finished_at == finished_at


def test_a_running_job_is_not_started_again(commissioner):
    job = job_create(kind="tests.count", title="Count", by=commissioner, params={"upto": 2})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    run_job.call(str(job.pk))
    assert CALLS == []


def test_a_failing_handler_marks_the_job_failed_with_the_reason(commissioner):
    job = job_create(kind="tests.fail", title="Import", by=commissioner)
    with pytest.raises(ValueError):
        run_job.call(str(job.pk))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "Row 2: the date is not a real date"
    assert job.progress_done == 1 and job.percent == 33
    assert job.finished_at is not None


def test_percent_is_unknown_without_a_total():
    assert Job(progress_done=5).percent is None
    assert Job(progress_done=7, progress_total=5).percent == 100


# --- The job page --------------------------------------------------------------


@pytest.fixture
def job(commissioner):
    job = job_create(kind="tests.count", title="Import indicators", by=commissioner, params={"upto": 10})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress_done=3, progress_total=10, message="Row 3")
    return job


def test_the_creator_sees_the_progress_page(commissioner_client, job):
    response = commissioner_client.get(f"/jobs/{job.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Import indicators" in html
    assert 'value="30"' in html
    assert "3 of 10 done" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_progress_as_json(commissioner_client, job):
    for response in (
        commissioner_client.get(f"/jobs/{job.pk}/?format=json"),
        commissioner_client.get(f"/jobs/{job.pk}/", HTTP_ACCEPT="application/json"),
    ):
        assert response.json() == {
            "status": "running",
            "status_label": "In progress",
            "done": 3,
            "total": 10,
            "percent": 30,
            "message": "Row 3",
            "finished": False,
        }


@pytest.mark.parametrize("who", ["other_commissioner", "analyst", "provider_user"])
def test_someone_elses_job_is_not_found(request, who, job):
    client = signed_in_client(request.getfixturevalue(who))
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/?format=json").status_code == 404


def test_administrators_see_any_job(administrator_client, job):
    assert administrator_client.get(f"/jobs/{job.pk}/").status_code == 200


def test_a_system_job_is_for_administrators_only(commissioner_client, administrator_client):
    job = job_create(kind="tests.count", title="Nightly", by=None, params={"upto": 1})
    assert commissioner_client.get(f"/jobs/{job.pk}/").status_code == 404
    assert administrator_client.get(f"/jobs/{job.pk}/").status_code == 200


def test_an_unknown_job_is_not_found(commissioner_client):
    assert commissioner_client.get(f"/jobs/{uuid.uuid4()}/").status_code == 404


def test_the_job_page_needs_a_sign_in(anonymous_client, job):
    response = anonymous_client.get(f"/jobs/{job.pk}/")
    assert response.status_code == 302
    assert response.url == f"/sign-in/?next=/jobs/{job.pk}/"


# --- Jobs whose worker stopped -------------------------------------------------
# Heartbeats and the sweep, on a frozen clock.

T0 = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)
MENDED = []


@job_handler("tests.mended", on_stopped=lambda job: MENDED.append(job.pk) or {"url": "/somewhere/", "link_text": "See the thing"})
def mended(job, report_progress):
    return {}


@job_handler("tests.unmendable", on_stopped=lambda job: 1 / 0)
def unmendable(job, report_progress):
    return {}


@job_handler("tests.stopped_then_fails")
def stopped_then_fails(job, report_progress):
    # As if the sweep marked it stopped while it was only slow, and then it failed anyway.
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, message=stopped_message())
    raise ValueError("Row 9: the date is not a real date")


@pytest.fixture(autouse=True)
def _nothing_mended_yet():
    MENDED.clear()


def _running(commissioner, *, kind="tests.count", heard_at=T0, started_at=T0) -> Job:
    job = job_create(kind=kind, title="Import indicators", by=commissioner, params={"upto": 1} if kind == "tests.count" else {})
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=started_at, heartbeat_at=heard_at)
    return job


def _sweep_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return jobs_fail_stopped()


def test_starting_a_job_is_its_first_heartbeat(commissioner):
    job = job_create(kind="tests.fail", title="Import", by=commissioner)
    with time_machine.travel(T0, tick=False), pytest.raises(ValueError):
        run_job.call(str(job.pk))
    job.refresh_from_db()
    assert job.started_at == job.heartbeat_at == T0


def test_each_progress_report_is_a_heartbeat(commissioner):
    job = _running(commissioner)
    with time_machine.travel(T0 + datetime.timedelta(minutes=25), tick=False):
        job_report_progress(job=job, done=2, total=10)
    job.refresh_from_db()
    assert job.heartbeat_at == T0 + datetime.timedelta(minutes=25)
    # So the job was heard from 25 minutes in, and is not stopped at 50.
    assert _sweep_at(T0 + datetime.timedelta(minutes=50)) == 0


def test_a_running_job_silent_for_longer_than_the_limit_is_marked_failed(commissioner):
    job = _running(commissioner)
    later = T0 + datetime.timedelta(minutes=31)
    assert _sweep_at(later) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished
    assert job.message == (
        "This job stopped without finishing: nothing was heard from it for 30 minutes, probably because the service restarted. Start it again."
    )
    assert job.finished_at == later
    # Running the sweep again changes nothing.
    assert _sweep_at(later + datetime.timedelta(minutes=5)) == 0
    job.refresh_from_db()
    assert job.finished_at == later


@pytest.mark.parametrize("minutes", [0, 29, 30])
def test_a_job_heard_from_within_the_limit_is_left_running(commissioner, minutes):
    job = _running(commissioner)
    assert _sweep_at(T0 + datetime.timedelta(minutes=minutes)) == 0
    job.refresh_from_db()
    assert (job.status, job.message, job.finished_at) == (Job.Status.RUNNING, "", None)


def test_the_limit_is_a_setting(commissioner, settings):
    settings.JOINTLY_JOB_STALE_MINUTES = 10
    job = _running(commissioner)
    assert _sweep_at(T0 + datetime.timedelta(minutes=9)) == 0
    assert _sweep_at(T0 + datetime.timedelta(minutes=11)) == 1
    job.refresh_from_db()
    assert "nothing was heard from it for 10 minutes" in job.message


def test_waiting_and_finished_jobs_are_left_alone(commissioner):
    with time_machine.travel(T0, tick=False):
        waiting = job_create(kind="tests.count", title="Waiting", by=commissioner, params={"upto": 1})
        done = job_create(kind="tests.count", title="Done", by=commissioner, params={"upto": 1})
        run_job.call(str(done.pk))
    assert _sweep_at(T0 + datetime.timedelta(days=1)) == 0
    waiting.refresh_from_db()
    done.refresh_from_db()
    assert (waiting.status, done.status) == (Job.Status.QUEUED, Job.Status.SUCCEEDED)


def test_a_job_started_before_heartbeats_existed_is_judged_by_its_start(commissioner):
    _running(commissioner, heard_at=None)
    assert _sweep_at(T0 + datetime.timedelta(minutes=29)) == 0
    assert _sweep_at(T0 + datetime.timedelta(minutes=31)) == 1


def test_the_kind_mends_its_own_records_and_the_job_page_links_to_them(commissioner, commissioner_client):
    job = _running(commissioner, kind="tests.mended")
    assert _sweep_at(T0 + datetime.timedelta(hours=1)) == 1
    assert MENDED == [job.pk]
    job.refresh_from_db()
    assert job.result == {"params": {}, "url": "/somewhere/", "link_text": "See the thing"}
    html = commissioner_client.get(f"/jobs/{job.pk}/").content.decode()
    assert '<a class="govuk-link" href="/somewhere/">See the thing</a>' in html


def test_if_mending_fails_the_job_stays_running_for_the_next_sweep(commissioner):
    broken = _running(commissioner, kind="tests.unmendable")
    fine = _running(commissioner)
    assert _sweep_at(T0 + datetime.timedelta(hours=1)) == 1
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert (broken.status, fine.status) == (Job.Status.RUNNING, Job.Status.FAILED)


def test_the_job_page_says_it_stopped_and_to_start_it_again(commissioner, commissioner_client):
    job = _running(commissioner)
    _sweep_at(T0 + datetime.timedelta(hours=1))
    html = commissioner_client.get(f"/jobs/{job.pk}/").content.decode()
    assert 'class="govuk-warning-text"' in html
    assert "This job stopped without finishing" in html and "Start it again." in html
    assert "Check progress again" not in html
    answer = commissioner_client.get(f"/jobs/{job.pk}/?format=json").json()
    assert (answer["status"], answer["status_label"], answer["finished"]) == ("failed", "Failed", True)
    assert answer["message"].startswith("This job stopped without finishing")


def test_a_job_marked_stopped_that_then_fails_keeps_saying_it_stopped(commissioner):
    job = job_create(kind="tests.stopped_then_fails", title="Import", by=commissioner)
    with pytest.raises(ValueError):
        run_job.call(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.FAILED, stopped_message())


def test_the_sweep_is_scheduled(commissioner):
    from jointly.core.scheduling import registered_jobs
    from jointly.core.tasks import fail_stopped_jobs

    assert "jointly.core.tasks.fail_stopped_jobs" in {job.name for job in registered_jobs()}
    _running(commissioner)
    with time_machine.travel(T0 + datetime.timedelta(hours=1), tick=False):
        assert fail_stopped_jobs() == "Stopped jobs marked failed: 1"
        assert fail_stopped_jobs() == "Stopped jobs marked failed: 0"
