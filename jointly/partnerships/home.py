"""What the partnership puts on a person's home page: seats ending soon, and the seats they hold."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide
from jointly.core.registry import Stage, Task

from .models import Seat


def work(user, trust) -> list[Task]:
    if not user.is_authenticated:
        return []
    tasks = []
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.JOINTLY_TERM_ENDING_WARNING_DAYS)
    ending = Q(status=Seat.Status.FILLED, term_end__gte=today, term_end__lte=horizon)
    if trust is not None and decide(user, Perm.REPRESENTATION_VIEW, trust).allowed:
        counts = Seat.objects.filter(body__trust=trust).aggregate(
            ending=Count("pk", filter=ending), vacant=Count("pk", filter=Q(status=Seat.Status.VACANT))
        )
        representation = reverse("partnerships:representation", args=[trust.slug])
        tasks.append(
            Task(
                f"Seats whose term ends in the next {settings.JOINTLY_TERM_ENDING_WARNING_DAYS} days",
                representation,
                Stage.BEFORE_BEGINNING,
                count=counts["ending"],
            )
        )
        tasks.append(Task("Vacant seats", representation, Stage.BEFORE_BEGINNING, count=counts["vacant"]))
    held = Seat.objects.filter(holder=user, status=Seat.Status.FILLED).select_related("body__trust").order_by("term_end", "pk")[:5]
    for seat in held:
        when = f"term ends {seat.term_end:%-d %B %Y}" if seat.term_end else "no end date"
        tasks.append(Task(f"Your seat: {seat.title}, {seat.body.name}", seat.body.get_absolute_url(), Stage.BEFORE_BEGINNING, hint=when))
    if user.region_id:
        tasks.append(Task("Your region's partnerships", reverse("partnerships:region-detail", args=[user.region.slug]), Stage.BEFORE_BEGINNING))
    return tasks
