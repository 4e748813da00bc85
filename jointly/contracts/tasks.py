"""The contracts' clock: running contracts end at the end of their term; their end and notice dates are reminded.

Ending is idempotent: the second run finds nothing due, and `transition` refuses a move from any
state but running on the locked row. Reminders go through the one reminders job (`reminders.py`).
"""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.utils import timezone

from jointly.accounts.permissions import Perm
from jointly.accounts.selectors import organisation_emails, trust_staff_emails
from jointly.core.scheduling import for_each_due, scheduled

from .models import Contract
from .reminders import Due, reminder_source
from .services.contracts import contract_expire

# Reminded this many days before a contract's term ends, and before the last day to give notice.
END_STEPS = (180, 90, 30)
NOTICE_STEPS = (30, 7)
RUNNING = (Contract.Status.ACTIVE, Contract.Status.IN_NOTICE)


def contracts_past_their_term(*, today: datetime.date):
    """The clock's query (index contract_status_ends): running, term ended before today."""
    return Contract.objects.filter(status__in=RUNNING, ends_on__lt=today).order_by("ends_on", "pk")


@scheduled(every=timedelta(hours=6))
def end_contracts_at_end_of_term() -> str:
    today = timezone.localdate()

    def end(contract):
        contract_expire(contract, today=today)

    return for_each_due(contracts_past_their_term(today=today), end).summary("contracts ended at the end of their term")


def last_day_for_notice(contract: Contract) -> datetime.date:
    return contract.ends_on - timedelta(days=contract.notice_period_days)


@reminder_source
def contract_dates(today: datetime.date):
    """The term's end (to the trust's commissioners and the provider) and the last day to give notice (commissioners)."""
    end_days = [today + timedelta(days=step) for step in END_STEPS]
    running = Contract.objects.filter(status=Contract.Status.ACTIVE).select_related("supplier")
    ending = running.filter(ends_on__in=end_days)
    # The notice day is the end less the contract's own notice period, so those are picked in Python
    # from the running contracts ending within the longest notice period ahead.
    horizon = today + timedelta(days=max(NOTICE_STEPS) + 3650)
    for contract in ending:
        step = (contract.ends_on - today).days
        yield Due(
            key=f"contract:{contract.pk}:ends-{step}",
            kind="contract_end",
            due_on=contract.ends_on,
            subject=f"{contract.reference} ends in {step} days, on {contract.ends_on:%-d %B %Y}",
            to=tuple(trust_staff_emails(contract.trust_id, Perm.CONTRACTS_MANAGE) + organisation_emails(contract.supplier)),
            template="contracts/email/contract_ends.txt",
            context={"contract": contract, "days": step},
            trust_id=contract.trust_id,
            contract_id=contract.pk,
        )
    for contract in running.filter(ends_on__gt=today, ends_on__lte=horizon):
        step = (last_day_for_notice(contract) - today).days
        if step in NOTICE_STEPS:
            yield Due(
                key=f"contract:{contract.pk}:notice-{step}",
                kind="contract_notice",
                due_on=last_day_for_notice(contract),
                subject=f"{contract.reference}: the last day to give notice is in {step} days",
                to=tuple(trust_staff_emails(contract.trust_id, Perm.CONTRACTS_MANAGE)),
                template="contracts/email/notice_date.txt",
                context={"contract": contract, "days": step, "notice_by": last_day_for_notice(contract)},
                trust_id=contract.trust_id,
                contract_id=contract.pk,
            )
