"""Decommissioning's reminders, through the one reminders job (contracts/reminders.py): the end of the
notice (to the trust and the provider) and exit-plan moves due or overdue (to the trust)."""

from __future__ import annotations

import datetime
from datetime import timedelta

from jointly.accounts.permissions import Perm
from jointly.accounts.selectors import organisation_emails, trust_staff_emails
from jointly.contracts.reminders import Due, reminder_source

from .models import Decommissioning, ExitPlanEntry

NOTICE_END_STEPS = (30, 7, 0)
EXIT_STEPS = (7, -1)


@reminder_source
def notice_ending(today: datetime.date):
    days = {today + timedelta(days=step): step for step in NOTICE_END_STEPS}
    cases = Decommissioning.objects.filter(status=Decommissioning.Status.IN_NOTICE, ends_on__in=list(days)).select_related("contract__supplier")
    for case in cases:
        step = days[case.ends_on]
        contract = case.contract
        when = "today" if step == 0 else f"in {step} days, on {case.ends_on:%-d %B %Y}"
        yield Due(
            key=f"decommissioning:{case.pk}:ends-{step}",
            kind="decommissioning_notice",
            due_on=case.ends_on,
            subject=f"{contract.reference}: the notice ends {when}",
            to=tuple(trust_staff_emails(contract.trust_id, Perm.CONTRACTS_MANAGE) + organisation_emails(contract.supplier)),
            template="decommissioning/email/notice_ends.txt",
            context={"case": case, "contract": contract, "when": when},
            trust_id=contract.trust_id,
            contract_id=contract.pk,
        )


@reminder_source
def exit_moves_due(today: datetime.date):
    days = {today + timedelta(days=step): step for step in EXIT_STEPS}
    entries = ExitPlanEntry.objects.filter(
        status=ExitPlanEntry.Status.PLANNED,
        move_by__in=list(days),
        decommissioning__status__in=[Decommissioning.Status.APPROVED, Decommissioning.Status.IN_NOTICE],
    ).select_related("decommissioning__contract")
    for entry in entries:
        step = days[entry.move_by]
        contract = entry.decommissioning.contract
        when = f"was due on {entry.move_by:%-d %B %Y} and is overdue" if step < 0 else f"is due in {step} days, on {entry.move_by:%-d %B %Y}"
        yield Due(
            key=f"exit-entry:{entry.pk}:due{step:+d}",
            kind="exit_plan",
            due_on=entry.move_by,
            subject=f"{contract.reference}: the move of {entry.reference} {when}",
            to=tuple(trust_staff_emails(contract.trust_id, Perm.CONTRACTS_MANAGE)),
            template="decommissioning/email/exit_move_due.txt",
            context={"entry": entry, "contract": contract, "when": when},
            trust_id=contract.trust_id,
            contract_id=contract.pk,
        )
