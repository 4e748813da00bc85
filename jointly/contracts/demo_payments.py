"""Demo invoices and payments in advance on the running demo contracts of both regions.

Block contracts are invoiced quarterly in arrears, five days after each quarter ends; the invoices
are paid on time, late or very late, one was disputed and paid after its correction, one in Essex
is still disputed, one in each region is approved but unpaid past its payable date (the reminder's
case), and the newest is waiting. PLY-C0004 and ESX-C0002, paid in advance, get their quarterly
schedules, paid two days before each is due except the latest, which is left overdue. Through the
services, so every date obeys their rules. Loading twice adds nothing. Dates are relative to today.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, Decimal

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User

from .models import AdvancePayment, Contract, Invoice
from .services import payments as services

DAY = datetime.timedelta(days=1)
INVOICED = ("PLY-C0001", "PLY-C0002", "PLY-C0003", "PLY-C0005", "ESX-C0001")
ADVANCE = ("PLY-C0004", "ESX-C0002")
# Left approved and unpaid past the payable date: the overdue reminder's case.
LATE_UNPAID = ("PLY-C0001", "ESX-C0001")
STILL_DISPUTED = ("ESX-C0001",)
# Days from receipt to payment, in turn: on time, late, very late, on time.
PAY_AFTER = (12, 44, 71, 27)


def load(stdout=None) -> None:
    today = timezone.localdate()
    contracts = Contract.objects.filter(reference__in=INVOICED + ADVANCE, status=Contract.Status.ACTIVE).select_related("trust", "supplier", "buyer")
    invoices = payments = 0
    for contract in contracts.order_by("reference"):
        if Invoice.objects.filter(contract=contract).exists() or AdvancePayment.objects.filter(contract=contract).exists():
            continue
        by = User.objects.filter(memberships__trust=contract.trust, role="commissioner").order_by("pk").first()
        with transaction.atomic():
            if contract.reference in ADVANCE:
                payments += _advance(contract, by, today)
            else:
                invoices += _invoices(contract, by, today)
    if stdout and (invoices or payments):
        stdout.write(f"  payments: {invoices} invoices and {payments} payments in advance paid\n")


def _quarters(contract: Contract, today: datetime.date):
    """The contract's quarters ended at least five days ago, from its start."""
    index = 0
    while True:
        start = services.add_months(contract.starts_on, 3 * index)
        end = services.add_months(contract.starts_on, 3 * (index + 1)) - DAY
        if end + 5 * DAY > today or end > contract.ends_on:
            return
        yield index, start, end
        index += 1


def _invoices(contract: Contract, by, today: datetime.date) -> int:
    provider = User.objects.filter(organisation=contract.supplier, role="provider_user", is_active=True).order_by("pk").first()
    quarters = list(_quarters(contract, today))
    turn = INVOICED.index(contract.reference)
    for index, start, end in quarters:
        from_end = len(quarters) - 1 - index
        # The newest came in late from the provider, so it is not yet due.
        received = max(end + 5 * DAY, today - 12 * DAY) if from_end == 0 else end + 5 * DAY
        year = services.year_of(contract, start)
        amount = min((year.value / 4).quantize(Decimal("0.01"), rounding=ROUND_DOWN), services.money_left_in_year(year))
        fields = {"number": f"{contract.reference[-5:]}-Q{index + 1}", "amount": amount, "period_starts_on": start, "period_ends_on": end}
        if provider is not None:
            invoice = services.invoice_submit(contract=contract, by=provider, today=received, **fields)
        else:
            invoice = services.invoice_record(contract=contract, by=by, supplier=contract.supplier, received_on=received, today=today, **fields)
        if from_end == 0:
            continue  # the newest: received, waiting
        if from_end == 1 and contract.reference in STILL_DISPUTED:
            services.invoice_dispute(
                invoice=invoice, by=by, reason="The sessions listed for February do not match the attendance records.", today=received + 6 * DAY
            )
            continue
        invoice = services.invoice_approve(invoice=invoice, by=by)
        if from_end == 1 and contract.reference in LATE_UNPAID:
            continue
        if (index + turn) % 4 == 3:
            # Disputed, corrected a fortnight later, then paid: its days run from the correction.
            services.invoice_dispute(invoice=invoice, by=by, reason="The invoice named the wrong contract reference.", today=received + 3 * DAY)
            corrected = received + 14 * DAY
            invoice = services.invoice_resolve(invoice=invoice, by=by, outcome=Invoice.Outcome.CORRECTED, approve=True, today=corrected)
            paid = corrected + 15 * DAY
        else:
            paid = received + PAY_AFTER[(index + turn) % 4] * DAY
        if paid >= today:
            continue
        invoice = services.invoice_pay(invoice=invoice, by=by, paid_on=paid, today=today)
        if paid + 2 * DAY < today:
            services.invoice_supplier_receipt_record(invoice=invoice, by=provider or by, received_on=paid + 2 * DAY, today=today)
    return len(quarters)


def _advance(contract: Contract, by, today: datetime.date) -> int:
    rows = services.advance_schedule_create(contract=contract, by=by)
    due = [row for row in rows if row.due_on <= today]
    for row in due[:-1]:
        payment = services.advance_payment_pay(payment=row, by=by, paid_on=row.due_on - 2 * DAY, today=today)
        services.advance_payment_supplier_receipt_record(payment=payment, by=by, received_on=row.due_on, today=today)
    return max(len(due) - 1, 0)
