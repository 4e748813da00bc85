"""Time-driven changes for events and bookings. Each job is idempotent, and each record is handled on its own."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled

from . import services


@scheduled(every=timedelta(minutes=15))
def close_booking_at_deadline() -> str:
    """An event whose booking deadline has passed shows as closed (the booking service already refuses late bookings)."""

    def close(event):
        services.event_close_booking(event=event, by=None, reason=f"Booking closed at {event.booking_closes_at:%H:%M on %-d %B %Y}")

    return for_each_due(services.events_past_booking_deadline(now=timezone.now()), close).summary("events closed for booking")


@scheduled(every=timedelta(days=1))
def erase_expired_registrations() -> str:
    """Bookings' and registrations of interest's personal details are deleted after the retention period (UK GDPR storage limitation)."""
    today = timezone.localdate()
    bookings = for_each_due(
        services.events_due_registration_erasure(today=today),
        lambda event: services.event_registrations_erase(event=event, today=today),
    )
    interests = for_each_due(services.interests_due_erasure(today=today), lambda interest: services.interest_erase(interest=interest))
    return f"{bookings.summary('events', count='bookings')} and {interests.summary('registrations of interest')}: personal details deleted"
