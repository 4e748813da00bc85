"""The clock for grants: a programme whose closing time has passed moves to its panel. Idempotent."""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled

from . import services


@scheduled(every=timedelta(minutes=5))
def close_programmes_at_closing_time() -> str:
    """The write already refuses late applications; this only moves the programme on so the panel can start."""
    now = timezone.now()

    def close(programme):
        services.programme_close(programme=programme, now=now)

    done = for_each_due(services.programmes_past_closing(now=now), close)
    return done.summary("grant programmes closed")
