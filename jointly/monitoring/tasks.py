"""The returns' clock: each period's returns are opened when it starts, and their due dates reminded.

Opening is idempotent (one return per provider, template and period). Reminders go through the one
reminders job of the contract stages (`contracts.reminders`): due in 14 and 3 days, overdue at 1 and
14 days, each sent once by its key.
"""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.utils import timezone

from jointly.accounts.permissions import Perm
from jointly.accounts.selectors import organisation_emails, trust_staff_emails
from jointly.contracts.reminders import Due, reminder_source
from jointly.core.scheduling import scheduled

from .models import MonitoringReturn
from .services.returns import returns_open_for_day

DUE_STEPS = (14, 3)  # days before the due date
OVERDUE_STEPS = (1, 14)  # days after it
NOT_SUBMITTED = (MonitoringReturn.Status.DRAFT, MonitoringReturn.Status.CHANGES_REQUESTED)


@scheduled(every=timedelta(hours=6))
def open_returns_for_the_period() -> str:
    opened = returns_open_for_day(timezone.localdate())
    return f"{len(opened)} returns open for the period"


@reminder_source
def return_dates(today: datetime.date):
    """Each return not yet submitted, 14 and 3 days before it is due (to the provider) and 1 and 14 days
    after (to the provider, and to the reviewers of its contracts' trusts)."""
    days = {today + timedelta(days=step): ("due", step) for step in DUE_STEPS}
    days |= {today - timedelta(days=step): ("overdue", step) for step in OVERDUE_STEPS}
    # Index return_status_due: returns not submitted, due on one of the four days.
    due = (
        MonitoringReturn.objects.filter(status__in=NOT_SUBMITTED, due_on__in=list(days))
        .select_related("organisation", "template")
        .prefetch_related("parts__contract")
    )
    for monitoring_return in due:
        kind, step = days[monitoring_return.due_on]
        trust_ids = sorted({part.contract.trust_id for part in monitoring_return.parts.all()})
        to = organisation_emails(monitoring_return.organisation)
        if kind == "overdue":
            to = to + [email for trust_id in trust_ids for email in trust_staff_emails(trust_id, Perm.RETURNS_REVIEW)]
            subject = f"Your monitoring return for {monitoring_return.period_label} is {step} {'day' if step == 1 else 'days'} overdue"
        else:
            subject = f"Your monitoring return for {monitoring_return.period_label} is due in {step} days"
        yield Due(
            key=f"return:{monitoring_return.pk}:{kind}-{step}",
            kind=f"return_{kind}",
            due_on=monitoring_return.due_on,
            subject=subject,
            to=tuple(dict.fromkeys(to)),
            template="monitoring/email/return_due.txt",
            context={"monitoring_return": monitoring_return, "kind": kind, "days": step},
            trust_id=trust_ids[0] if trust_ids else None,
        )
