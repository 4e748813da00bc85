"""Time-driven changes for events and bookings. Each job is idempotent."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import scheduled

from . import services


@scheduled(every=timedelta(minutes=15))
def close_booking_at_deadline() -> str:
    """An event whose booking deadline has passed stops taking bookings."""
    closed = 0
    for event in services.events_past_booking_deadline(now=timezone.now()):
        services.event_close_booking(event=event, by=None, reason=f"Booking closed at {event.booking_closes_at:%H:%M on %-d %B %Y}")
        closed += 1
    return f"{closed} events closed for booking"


@scheduled(every=timedelta(days=1))
def erase_expired_registrations() -> str:
    """Bookings' and registrations of interest's personal details are deleted after the retention period (UK GDPR storage limitation)."""
    today = timezone.localdate()
    bookings = services.registrations_erase_expired(today=today)
    interests = services.interests_erase_expired(today=today)
    return f"{bookings} bookings' and {interests} registrations of interest's personal details deleted"
