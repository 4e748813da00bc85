"""An import whose worker was killed does not stay "In progress" for ever: the stopped-jobs sweep fails it."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jointly.audit.models import AuditEntry
from jointly.core.jobs import jobs_fail_stopped, run_job
from jointly.core.models import Job
from jointly.needs.models import ImportRun, Observation
from tests.conftest import signed_in_client

from .test_import_views import FIXTURES, UPLOAD

T0 = datetime.datetime(2026, 12, 3, 9, 0, tzinfo=datetime.UTC)
STOPPED = (
    "This import stopped without finishing: nothing was heard from it for 30 minutes, probably because the service restarted. Upload the file again."
)


@pytest.fixture
def analyst_client(analyst):
    return signed_in_client(analyst)


@pytest.fixture
def uploaded(analyst_client, trust, settings, tmp_path, django_capture_on_commit_callbacks) -> ImportRun:
    settings.DATA_DIR = tmp_path
    with django_capture_on_commit_callbacks(execute=False):
        analyst_client.post(
            UPLOAD,
            {
                "file": SimpleUploadedFile("cla.csv", (FIXTURES / "dfe_cla_sample.csv").read_bytes(), "text/csv"),
                "format": "dfe",
                "trust": trust.pk,
                "indicator_columns": "rate_per_10000, number",
                "indicator_filter_columns": "population_count",
            },
        )
    return ImportRun.objects.get()


def _worker_killed(run: ImportRun, *, run_status=ImportRun.Status.RUNNING) -> None:
    """The worker claimed the job (and perhaps started the import), then died."""
    Job.objects.filter(pk=run.job_id).update(status=Job.Status.RUNNING, started_at=T0, heartbeat_at=T0)
    ImportRun.objects.filter(pk=run.pk).update(status=run_status, started_at=T0)


def _sweep_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return jobs_fail_stopped()


@pytest.mark.parametrize("run_status", [ImportRun.Status.RUNNING, ImportRun.Status.QUEUED])
def test_the_run_of_a_stopped_import_job_fails_with_the_reason(uploaded, run_status):
    _worker_killed(uploaded, run_status=run_status)
    later = T0 + datetime.timedelta(minutes=31)
    assert _sweep_at(later) == 1
    uploaded.refresh_from_db()
    assert (uploaded.status, uploaded.message, uploaded.finished_at) == (ImportRun.Status.FAILED, STOPPED, later)
    entry = AuditEntry.objects.filter(object_type="needs.importrun", object_id=str(uploaded.pk), action="transition").order_by("pk").last()
    assert entry.reason == "The import's background job stopped without finishing"
    assert (entry.before["status"], entry.after["status"]) == (run_status, "failed")
    job = Job.objects.get(pk=uploaded.job_id)
    assert job.status == Job.Status.FAILED
    assert job.result["url"] == uploaded.get_absolute_url()


def test_a_run_still_being_heard_from_is_left_alone(uploaded):
    _worker_killed(uploaded)
    assert _sweep_at(T0 + datetime.timedelta(minutes=29)) == 0
    uploaded.refresh_from_db()
    assert uploaded.status == ImportRun.Status.RUNNING


def test_the_pages_say_the_import_stopped_and_to_upload_it_again(uploaded, analyst_client):
    _worker_killed(uploaded)
    _sweep_at(T0 + datetime.timedelta(hours=1))
    run_page = analyst_client.get(uploaded.get_absolute_url()).content.decode()
    assert f"{STOPPED} Nothing from the file was saved." in run_page
    job_page = analyst_client.get(reverse("core:job-detail", args=[uploaded.job_id])).content.decode()
    assert "This job stopped without finishing" in job_page
    assert f'href="{uploaded.get_absolute_url()}">See the import</a>' in job_page


def test_a_run_that_had_finished_is_left_as_it_was(uploaded):
    # The import committed, then the worker died before it could mark the job finished.
    run_job.call(str(uploaded.job_id))
    Job.objects.filter(pk=uploaded.job_id).update(status=Job.Status.RUNNING, heartbeat_at=T0)
    assert _sweep_at(T0 + datetime.timedelta(hours=1)) == 1
    uploaded.refresh_from_db()
    assert uploaded.status == ImportRun.Status.SUCCEEDED
    assert Observation.objects.count() == 78
    # The job page still leads to the run, whose page says it was imported.
    assert Job.objects.get(pk=uploaded.job_id).result["url"] == uploaded.get_absolute_url()
