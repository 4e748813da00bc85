"""Time-driven changes for consultations. Each job is idempotent, and each consultation is handled on its own."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled

from . import selectors, services


@scheduled(every=timedelta(hours=1))
def close_ended_consultations() -> str:
    """A consultation whose closing date has passed stops taking online answers (the answer form already refuses them)."""
    today = timezone.localdate()

    def close(consultation):
        services.consultation_close(consultation=consultation, by=None, today=today, reason=f"Closing date {consultation.closes_on:%d %B %Y} passed")

    outcome = for_each_due(selectors.consultations_past_closing(today=today), close)
    return outcome.summary("consultations closed")


@scheduled(every=timedelta(days=1))
def erase_expired_responses() -> str:
    """Responses are deleted after their consultation's retention date (UK GDPR storage limitation)."""
    today = timezone.localdate()
    outcome = for_each_due(
        selectors.consultations_past_retention(today=today),
        lambda consultation: services.consultation_responses_erase(consultation=consultation, today=today),
    )
    return outcome.summary("consultations", count="responses deleted")
