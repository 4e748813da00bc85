"""Time-driven jobs for the forward plan."""

from datetime import timedelta

from jointly.core.scheduling import scheduled

from .subscriptions import digests_send


@scheduled(every=timedelta(hours=1))
def forward_plan_digest() -> str:
    """Email subscribers one digest of the plan's changes since the last they were sent."""
    return digests_send().summary("subscribers", count="digest(s) sent")
