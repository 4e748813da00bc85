"""Payment reminders, raised by the one reminders job (`reminders.py`): invoices unpaid past their payable
date, to the buyer's commissioners; payments in advance due within a week, to the same people.

Each reminder is sent once: an invoice's key names its payable date, so an invoice whose date moves
(a dispute resolved with a corrected invoice) is reminded again for its new date, and only then.
"""

from __future__ import annotations

import datetime
from datetime import timedelta

from jointly.accounts.models import User
from jointly.accounts.permissions import Perm
from jointly.accounts.selectors import trust_staff_emails

from .reminders import Due, reminder_source
from .selectors.payments import advance_payments_due, invoices_past_due

ADVANCE_NOTICE_DAYS = 7


def buyer_payment_emails(contract) -> tuple[str, ...]:
    """The trust's people who pay invoices (PAYMENTS_MANAGE) from the buyer; all of the trust's if the buyer has none."""
    everyone = trust_staff_emails(contract.trust_id, Perm.PAYMENTS_MANAGE)
    buyers = set(User.objects.filter(email__in=everyone, organisation_id=contract.buyer_id).values_list("email", flat=True))
    return tuple(sorted(buyers) if buyers else everyone)


@reminder_source
def payment_dates(today: datetime.date):
    for invoice in invoices_past_due(today=today):
        contract = invoice.contract
        days = (today - invoice.payable_on).days
        yield Due(
            key=f"invoice:{invoice.pk}:overdue:{invoice.payable_on:%Y%m%d}",
            kind="invoice_overdue",
            due_on=invoice.payable_on,
            subject=f"{contract.reference}: invoice {invoice.number} from {invoice.supplier.name} was due to be paid on {invoice.payable_on:%-d %B %Y}",
            to=buyer_payment_emails(contract),
            template="contracts/payments/email/invoice_overdue.txt",
            context={"invoice": invoice, "contract": contract, "days": days},
            trust_id=contract.trust_id,
            contract_id=contract.pk,
        )
    # Within the week, not only on its seventh day, so a day the job did not run misses nobody.
    for payment in advance_payments_due(start=today + timedelta(days=1), end=today + timedelta(days=ADVANCE_NOTICE_DAYS)):
        contract = payment.contract
        yield Due(
            key=f"advance:{payment.pk}:due-{ADVANCE_NOTICE_DAYS}",
            kind="advance_payment_due",
            due_on=payment.due_on,
            subject=f"{contract.reference}: payment in advance {payment.number} to {contract.supplier.name} is due on {payment.due_on:%-d %B %Y}",
            to=buyer_payment_emails(contract),
            template="contracts/payments/email/advance_due.txt",
            context={"payment": payment, "contract": contract, "days": (payment.due_on - today).days},
            trust_id=contract.trust_id,
            contract_id=contract.pk,
        )
