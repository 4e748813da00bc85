"""Background jobs: queued on commit, run once by their handler, watched on their page."""

import uuid

import pytest
from django_tasks_db.models import DBTaskResult

from jointly.core.jobs import job_create, job_handler, run_job
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
