"""What market development puts on a person's home page: offers to book, their own bookings, and the events they run."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide
from jointly.core.registry import Stage, Task

from .models import Event, Offer, Registration

EVENTS_AHEAD_DAYS = 30
BOOKINGS_SHOWN = 5


def work(user, trust) -> list[Task]:
    now = timezone.now()
    if not user.is_authenticated:
        offers = Offer.objects.filter(status=Offer.Status.PUBLISHED).count()
        return [Task("Training, mentoring and events for organisations", reverse("capacity:offers"), Stage.MAP_AND_MARKET, count=offers)]
    tasks = []
    # Bookings made while signed in; a booking made without an account is kept by its private link alone.
    bookings = (
        Registration.objects.filter(user=user, status__in=[Registration.Status.BOOKED, Registration.Status.WAITING], event__starts_at__gte=now)
        .select_related("event__offer")
        .order_by("event__starts_at", "pk")[:BOOKINGS_SHOWN]
    )
    for booking in bookings:
        event = booking.event
        tasks.append(
            Task(
                f"Your booking: {event.offer.title}",
                reverse("capacity:offer", args=[event.offer_id]),
                Stage.MAP_AND_MARKET,
                hint=f"{timezone.localtime(event.starts_at):%-d %B %Y}, {booking.get_status_display().lower()}",
            )
        )
    if trust is not None and decide(user, Perm.CAPACITY_MANAGE, trust).allowed:
        ahead = Event.objects.filter(
            offer__trust=trust,
            status__in=[Event.Status.OPEN, Event.Status.FULL],
            starts_at__gte=now,
            starts_at__lte=now + datetime.timedelta(days=EVENTS_AHEAD_DAYS),
        ).count()
        tasks.append(
            Task(
                f"Your trust's events in the next {EVENTS_AHEAD_DAYS} days",
                reverse("capacity:manage", args=[trust.slug]),
                Stage.MAP_AND_MARKET,
                count=ahead,
            )
        )
    return tasks
