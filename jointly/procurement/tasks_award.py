"""The standstill clock: standstills that have ended conclude the award, idempotently.

The write enforces the date (`award_conclude` refuses before the standstill ends, and signing asks
`award_signing_refusal`); this job only moves on the decisions whose standstill is over.
"""

from datetime import timedelta

from django.utils import timezone

from jointly.core.scheduling import for_each_due, scheduled

from .services import award


@scheduled(every=timedelta(hours=1))
def conclude_ended_standstills() -> str:
    today = timezone.localdate()
    return for_each_due(
        award.decisions_due_conclusion(today=today), lambda decision: award.award_conclude(decision=decision, by=None, today=today)
    ).summary("standstills ended")
