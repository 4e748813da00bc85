"""Time moves things on: one runner for every scheduled job.

Each scheduled job is a function registered with `@scheduled(every=...)`. It
must be idempotent: running it twice in a row changes nothing the second time.
`jointly run-scheduler` calls `run_due_jobs()` once a minute.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    every: timedelta
    func: Callable[[], str]


_REGISTRY: dict[str, ScheduledJob] = {}


def scheduled(*, every: timedelta):
    def register(func):
        name = f"{func.__module__}.{func.__name__}"
        _REGISTRY[name] = ScheduledJob(name=name, every=every, func=func)
        return func

    return register


def registered_jobs() -> list[ScheduledJob]:
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


def run_due_jobs(*, now=None) -> list[tuple[str, str]]:
    """Run every job whose interval has passed; return (name, result) for each run."""
    now = now or timezone.now()
    ran = []
    for job in registered_jobs():
        record, _ = ScheduledRun.objects.get_or_create(name=job.name)
        if record.last_started_at and record.last_started_at + job.every > now:
            continue
        record.last_started_at = now
        record.save(update_fields=["last_started_at"])
        try:
            result = job.func() or ""
        except Exception as error:
            logger.exception("Scheduled job %s failed", job.name)
            result = f"failed: {error}"
        record.last_finished_at = timezone.now()
        record.last_result = result[:2000]
        record.save(update_fields=["last_finished_at", "last_result"])
        ran.append((job.name, result))
    return ran
