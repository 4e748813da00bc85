"""Expiry reminders for supplier passports: idempotent, one email per item per step (60, 30, 7 days)."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled

from . import services


@scheduled(every=timedelta(hours=6))
def remind_of_expiring_passport_items() -> str:
    """Email organisations whose passport items are about to expire. Nothing here enforces expiry:
    `selectors.missing_for` reads each item's date, so an expired item is asked for whatever the timer did."""
    today = timezone.localdate()
    return for_each_due(services.due_reminders(today=today), lambda record: services.remind(record, today=today)).summary(
        "passport items checked", count="reminders sent"
    )
