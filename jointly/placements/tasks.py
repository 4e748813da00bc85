"""The retention clock: a child's personal details are deleted once their retention period has passed."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled

from .services import assessments


@scheduled(every=timedelta(hours=6))
def delete_personal_details_past_retention() -> str:
    """Idempotent: each row is checked again, locked, before it is deleted; a deleted row is not read again."""
    today = timezone.localdate()
    return for_each_due(
        assessments.details_past_retention(today=today), lambda details: assessments.child_details_delete(details, today=today)
    ).summary("personal details past retention", count="deleted")
