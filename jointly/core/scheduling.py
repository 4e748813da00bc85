"""Time moves things on: one runner for every scheduled job.

Each scheduled job is a function registered with `@scheduled(every=...)`. It
must be idempotent: running it twice in a row changes nothing the second time.
`jointly run-scheduler` calls `run_due_jobs()` once a minute, on as many
machines as you like: a job runs only where its claim on its ScheduledRun row
succeeds, so two runners never run one job at the same time or twice in one
interval.

A job that works through records uses `for_each_due`, so one record the
service refuses does not stop the rest. The job only tidies: each deadline is
enforced by the service that writes (docs/decisions/0012-the-clock.md).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .errors import FieldErrors
from .models import ScheduledRun
from .transitions import InvalidTransition

logger = logging.getLogger(__name__)

# How long a runner's claim on a job lasts. A runner that dies mid-job holds the
# job this long at most; a job that may run longer should say so with `lease=`.
DEFAULT_LEASE = timedelta(minutes=30)


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    every: timedelta
    func: Callable[[], str]
    lease: timedelta = DEFAULT_LEASE


_REGISTRY: dict[str, ScheduledJob] = {}


def scheduled(*, every: timedelta, lease: timedelta | None = None):
    def register(func):
        name = f"{func.__module__}.{func.__name__}"
        _REGISTRY[name] = ScheduledJob(name=name, every=every, func=func, lease=lease or DEFAULT_LEASE)
        return func

    return register


def registered_jobs() -> list[ScheduledJob]:
    return sorted(_REGISTRY.values(), key=lambda job: job.name)


def runner_id() -> str:
    """Who holds a claim: machine, process and a fresh token, so two threads of one process differ too."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:200]


def claim(job: ScheduledJob, *, now, by: str) -> bool:
    """Take the job for this runner if it is due and nobody holds it. True for exactly one of any runners racing.

    One conditional UPDATE: the database checks "due" and "not held" and takes
    the lease in the same statement, so there is no gap between looking and
    taking (PostgreSQL re-checks the WHERE on a row another transaction just
    changed; SQLite lets one writer in at a time).
    """
    due = Q(last_started_at__isnull=True) | Q(last_started_at__lte=now - job.every)
    free = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    return bool(ScheduledRun.objects.filter(due & free, name=job.name).update(last_started_at=now, locked_until=now + job.lease, locked_by=by))


def release(job: ScheduledJob, *, by: str, result: str) -> None:
    """Record the result and give up the lease; only the holder can (a runner whose lease ran out records nothing)."""
    ScheduledRun.objects.filter(name=job.name, locked_by=by).update(
        last_finished_at=timezone.now(), last_result=result[:2000], locked_until=None, locked_by=""
    )


def run_due_jobs(*, now=None) -> list[tuple[str, str]]:
    """Run every job whose interval has passed and that this runner claims; return (name, result) for each run."""
    now = now or timezone.now()
    jobs = registered_jobs()
    # One row per job, made race-free: a second runner's insert of the same name is ignored.
    ScheduledRun.objects.bulk_create([ScheduledRun(name=job.name) for job in jobs], ignore_conflicts=True)
    by = runner_id()
    ran = []
    for job in jobs:
        if not claim(job, now=now, by=by):
            continue
        try:
            result = job.func() or ""
        except Exception as error:
            logger.exception("Scheduled job %s failed", job.name)
            result = f"failed: {error}"
        release(job, by=by, result=result)
        ran.append((job.name, result))
    return ran


# --- Working through due records, each on its own --------------------------------


@dataclass
class Outcome:
    """What a job did with its due records: how many were handled, and which were refused or failed, and why."""

    done: int = 0
    count: int = 0  # what the handler says it did (responses deleted, say); 1 a record when it says nothing
    refused: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self, done: str, *, count: str | None = None) -> str:
        """'3 seat terms closed, 1 refused (seat 12: …)': `done` names the handled records, `count` the handler's total."""
        parts = [f"{self.count} {count}" if count else f"{self.done} {done}"]
        for word, problems in (("refused", self.refused), ("failed", self.failed)):
            if problems:
                shown = "; ".join(f"{label}: {reason}" for label, reason in problems[:5])
                more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
                parts.append(f"{len(problems)} {word} ({shown}{more})")
        return ", ".join(parts)


# A service saying no: bad input (FieldErrors is a ValidationError) or a state the change is not allowed from.
REFUSALS = (ValidationError, InvalidTransition)


def _label(item) -> str:
    meta = getattr(item, "_meta", None)
    return f"{meta.verbose_name} {item.pk}" if meta else str(item)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError) and not isinstance(error, FieldErrors):
        return "; ".join(error.messages)
    return str(error)


def for_each_due(
    items: Iterable,
    handle: Callable[[object], int | None],
    *,
    label: Callable[[object], str] = _label,
    refusals: tuple[type[Exception], ...] = (),
) -> Outcome:
    """Call `handle(item)` for each item in its own transaction (a savepoint inside an outer one), carrying on past failures.

    A refusal by the service (REFUSALS, or an app's own error classes given as
    `refusals`) is logged as a warning; anything else as an error with its
    traceback. Either way that item's changes are rolled back and the next item
    runs. The items are read first, so a handler's writes cannot disturb the
    reading. `handle` may return how many things it did (responses deleted, say).
    """
    outcome = Outcome()
    for item in list(items):
        try:
            with transaction.atomic():
                said = handle(item)
        except (*REFUSALS, *refusals) as error:
            logger.warning("Scheduled work refused for %s: %s", _label(item), error)
            outcome.refused.append((label(item), _reason(error)))
        except Exception as error:
            logger.exception("Scheduled work failed for %s", _label(item))
            outcome.failed.append((label(item), f"{type(error).__name__}: {error}"))
        else:
            outcome.done += 1
            outcome.count += 1 if said is None else said
    return outcome
