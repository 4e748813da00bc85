"""Background jobs: one mechanism for imports, report builds and emails.

A job is a row people can watch; the work itself goes through Django's tasks
interface (django-tasks), so it runs in the worker, not the request. A task
gets the job's id, never an object, and is queued only once the request's
transaction commits.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Job

# kind -> handler(job, report_progress) returning a JSON-serialisable result.
_HANDLERS: dict[str, Callable] = {}


def job_handler(kind: str):
    def register(func):
        _HANDLERS[kind] = func
        return func

    return register


def job_create(*, kind: str, title: str, by, trust=None, params: dict | None = None) -> Job:
    if kind not in _HANDLERS:
        raise ValueError(f"No job handler is registered for {kind!r}.")
    job = Job.objects.create(kind=kind, title=title, created_by=by, trust=trust, result={"params": params or {}})
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def job_report_progress(*, job: Job, done: int, total: int | None = None, message: str = "") -> None:
    fields = {"progress_done": done}
    if total is not None:
        fields["progress_total"] = total
    if message:
        fields["message"] = message
    Job.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


@task()
def run_job(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    # Claimed by a conditional update, so two workers given the same job cannot
    # both run it: running a job twice must change nothing.
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    handler = _HANDLERS[job.kind]
    params = (job.result or {}).get("params", {})
    try:
        result = handler(job, lambda done, total=None, message="": job_report_progress(
            job=job, done=done, total=total, message=message
        ), **params)
    except Exception as error:  # The job page must say what went wrong, whatever it was.
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED, message=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED,
        result={"params": params, **(result or {})},
        finished_at=timezone.now(),
    )
