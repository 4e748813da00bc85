"""Time-driven changes for consultations. Each job is idempotent."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import scheduled

from . import selectors, services


@scheduled(every=timedelta(hours=1))
def close_ended_consultations() -> str:
    """A consultation whose closing date has passed stops taking online answers."""
    today = timezone.localdate()
    closed = 0
    for consultation in selectors.consultations_past_closing(today=today):
        services.consultation_close(
            consultation=consultation, by=None, today=today, reason=f"Closing date {consultation.closes_on:%d %B %Y} passed"
        )
        closed += 1
    return f"{closed} consultations closed"


@scheduled(every=timedelta(days=1))
def erase_expired_responses() -> str:
    """Responses are deleted after their consultation's retention date (UK GDPR storage limitation)."""
    today = timezone.localdate()
    erased = 0
    for consultation in selectors.consultations_past_retention(today=today):
        erased += services.consultation_responses_erase(consultation=consultation, today=today)
    return f"{erased} responses deleted"
