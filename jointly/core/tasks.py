"""Time-driven housekeeping for background jobs. Each scheduled job is idempotent."""

from datetime import timedelta

from django.utils import timezone

from .jobs import jobs_fail_stopped
from .scheduling import scheduled


@scheduled(every=timedelta(minutes=5))
def fail_stopped_jobs() -> str:
    """A job whose worker was killed would say "In progress" for ever: mark it failed so people can start it again."""
    return f"Stopped jobs marked failed: {jobs_fail_stopped(now=timezone.now())}"
