"""Background jobs: one mechanism for imports, report builds and emails.

A job is a row people can watch; the work itself goes through Django's tasks
interface (django-tasks), so it runs in the worker, not the request. A task
gets the job's id, never an object, and is queued only once the request's
transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_tasks import task

from .models import Job

logger = logging.getLogger(__name__)

# kind -> handler(job, report_progress) returning a JSON-serialisable result.
_HANDLERS: dict[str, Callable] = {}
# kind -> on_stopped(job) -> dict | None: mends the kind's own records when its job stopped
# without finishing; a dict returned is added to the job's result (say a link for the job page).
_ON_STOPPED: dict[str, Callable[[Job], dict | None]] = {}


def job_handler(kind: str, *, on_stopped: Callable[[Job], dict | None] | None = None):
    def register(func):
        _HANDLERS[kind] = func
        if on_stopped is not None:
            _ON_STOPPED[kind] = on_stopped
        return func

    return register


def job_create(*, kind: str, title: str, by, trust=None, params: dict | None = None) -> Job:
    if kind not in _HANDLERS:
        raise ValueError(f"No job handler is registered for {kind!r}.")
    job = Job.objects.create(kind=kind, title=title, created_by=by, trust=trust, result={"params": params or {}})
    transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    return job


def job_report_progress(*, job: Job, done: int, total: int | None = None, message: str = "") -> None:
    """Save the job's progress; each report is also its heartbeat."""
    fields = {"progress_done": done, "heartbeat_at": timezone.now()}
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
    now = timezone.now()
    claimed = Job.objects.filter(pk=job.pk, status=Job.Status.QUEUED).update(status=Job.Status.RUNNING, started_at=now, heartbeat_at=now)
    if not claimed:
        return
    handler = _HANDLERS[job.kind]
    params = (job.result or {}).get("params", {})
    try:
        result = handler(job, lambda done, total=None, message="": job_report_progress(job=job, done=done, total=total, message=message), **params)
    except Exception as error:  # The job page must say what went wrong, whatever it was.
        # Only while running: a job already marked stopped keeps saying so, which is the clearer account.
        Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED, message=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    # Even over a "stopped" mark: a job that was only slow did its work, and starting it again would repeat it.
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.SUCCEEDED,
        result={"params": params, **(result or {})},
        finished_at=timezone.now(),
    )


# --- Jobs whose worker stopped -----------------------------------------------------


def job_stale_after() -> timedelta:
    return timedelta(minutes=settings.JOINTLY_JOB_STALE_MINUTES)


def stopped_message(*, what: str = "job", again: str = "Start it again.") -> str:
    """What the job page (and a kind's own page) says about a job that stopped without finishing."""
    minutes = settings.JOINTLY_JOB_STALE_MINUTES
    return (
        f"This {what} stopped without finishing: nothing was heard from it for {minutes} minute{'s' if minutes != 1 else ''}, "
        f"probably because the service restarted. {again}"
    )


def _silent_since(cutoff: datetime):
    # Jobs started before heartbeats existed have none: their start (or creation) stands in for it.
    return (
        Job.objects.filter(status=Job.Status.RUNNING)
        .alias(last_heard=Coalesce("heartbeat_at", "started_at", "created_at"))
        .filter(last_heard__lt=cutoff)
    )


def jobs_fail_stopped(*, now: datetime | None = None) -> int:
    """Mark failed every running job silent for longer than JOINTLY_JOB_STALE_MINUTES, and its kind's records.

    Idempotent: a second run finds nothing. Each job is failed in its own
    transaction with its kind's records, so if mending those fails the job
    stays running and the next run tries again.
    """
    now = now or timezone.now()
    cutoff = now - job_stale_after()
    failed = 0
    for job_id in list(_silent_since(cutoff).values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                # Checked again under the update: a job that reported meanwhile is left alone.
                if not _silent_since(cutoff).filter(pk=job_id).update(status=Job.Status.FAILED, message=stopped_message(), finished_at=now):
                    continue
                job = Job.objects.get(pk=job_id)
                on_stopped = _ON_STOPPED.get(job.kind)
                extra = on_stopped(job) if on_stopped else None
                if extra:
                    Job.objects.filter(pk=job_id).update(result={**(job.result or {}), **extra})
        except Exception:
            logger.exception("Could not mark the stopped job %s failed", job_id)
            continue
        failed += 1
    return failed
