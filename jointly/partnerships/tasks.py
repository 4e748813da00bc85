"""Time-driven changes for partnerships."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled

from . import selectors, services


@scheduled(every=timedelta(hours=1))
def close_ended_seat_terms() -> str:
    """A seat whose term has ended becomes a vacancy, so the representation check shows it."""
    today = timezone.localdate()

    def vacate(seat):
        services.seat_vacate(seat=seat, by=None, reason=f"Term ended on {seat.term_end:%d %B %Y}")

    outcome = for_each_due(selectors.seats_with_ended_terms(today=today), vacate)
    return outcome.summary("seat terms closed")
