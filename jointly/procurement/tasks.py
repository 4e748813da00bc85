"""The closing clock: open opportunities whose closing time has passed close, idempotently.

The deadline itself is enforced by every bid write (services/bids.py, on the locked row); this
job only moves the opportunity on to evaluation, which with the time passed breaks the seal
(`sealing.is_sealed` checks both). Running it twice closes nothing twice: the second run finds
nothing due, and `transition` refuses a move from any state but open on the locked row.
"""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled
from jointly.core.transitions import transition

from .models import Opportunity


def opportunities_past_closing(*, now):
    """The clock's query (index opportunity_status_closes): open, closing time passed."""
    return Opportunity.objects.filter(status=Opportunity.Status.OPEN, closes_at__lte=now).order_by("closes_at", "pk")


def opportunity_close(opportunity: Opportunity, *, now) -> Opportunity:
    """Close one opportunity for bids, checking again on the locked row that it is due."""

    def still_due(row):
        if row.closes_at is None or row.closes_at > now:
            return "The closing time has not passed yet."
        return None

    return transition(
        instance=opportunity,
        move="close",
        by=None,
        reason=f"Closed for bids at {timezone.localtime(opportunity.closes_at):%H:%M on %-d %B %Y}: bids unsealed for evaluation",
        check=still_due,
    )


@scheduled(every=timedelta(minutes=5))
def close_opportunities_at_closing_time() -> str:
    now = timezone.now()

    def close(opportunity):
        opportunity_close(opportunity, now=now)

    return for_each_due(opportunities_past_closing(now=now), close).summary("opportunities closed for bids")
