"""Invoices and advance payments: sending, recording, approving, disputing and paying them.

Every refusal says why: an invoice over what is left of the year's value says how much is left; a
second payment names the first; a duplicate number names the invoice that has it. The contract row
is locked while an invoice is added, so two invoices sent at once cannot both take the last of a
year's value. Disputed time: the clock runs from the day an invoice is valid and undisputed
(`valid_on`), see docs/decisions/0024-payments.md.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition

from ..models import AdvancePayment, Contract, ContractYear, Invoice, PaymentBasis
from ..rules import party_organisation_ids
from .contracts import split_by_days

ZERO = Decimal("0")
# Contracts that can be invoiced: signed, including those ended (a final invoice comes after the end).
INVOICEABLE = (Contract.Status.ACTIVE, Contract.Status.IN_NOTICE, Contract.Status.ENDED, Contract.Status.TERMINATED)
# Payments in advance: quarterly unless the schedule says otherwise.
DEFAULT_PAYMENTS_PER_YEAR = 4


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


def _today(today):
    return today or timezone.localdate()


def payable_from(contract: Contract, valid_on: datetime.date) -> datetime.date:
    return valid_on + datetime.timedelta(days=contract.payment_terms_days)


def year_of(contract: Contract, day: datetime.date) -> ContractYear | None:
    """The contract year a day falls in (extension years too, once they are part of the term)."""
    return contract.years.filter(starts_on__lte=day, ends_on__gte=day).first()


def money_left_in_year(year: ContractYear, *, excluding: Invoice | None = None) -> Decimal:
    """The year's value less its live invoices (by the start of the period they invoice) and its advance payments."""
    invoices = Invoice.objects.filter(contract_id=year.contract_id, period_starts_on__range=(year.starts_on, year.ends_on)).exclude(
        status=Invoice.Status.CANCELLED
    )
    if excluding is not None:
        invoices = invoices.exclude(pk=excluding.pk)
    invoiced = invoices.aggregate(total=Sum("amount"))["total"] or ZERO
    advanced = year.advance_payments.exclude(status=AdvancePayment.Status.CANCELLED).aggregate(total=Sum("amount"))["total"] or ZERO
    return year.value - invoiced - advanced


def _not_in_future(errors: dict, field: str, day, today, what: str) -> None:
    if day and day > today:
        errors[field] = f"The {what} cannot be in the future"


def invoice_problems(
    *,
    contract: Contract,
    supplier,
    number: str,
    amount,
    period_starts_on,
    period_ends_on,
    received_on,
    today: datetime.date | None = None,
) -> dict[str, str]:
    """Everything wrong with an invoice before it is added, each against its field (writes nothing)."""
    today = _today(today)
    errors: dict[str, str] = {}
    if contract.status not in INVOICEABLE:
        errors[NON_FIELD] = f"{contract.reference} is {contract.get_status_display().lower()}, so it cannot be invoiced."
    if supplier is None or supplier.pk not in party_organisation_ids(contract):
        errors["supplier"] = "Choose a party to this contract"
    number = (number or "").strip()
    if not number:
        errors["number"] = "Enter the invoice number"
    elif len(number) > Invoice._meta.get_field("number").max_length:
        errors["number"] = "The invoice number must be 60 characters or fewer"
    elif supplier is not None:
        used = (
            Invoice.objects.filter(supplier=supplier, number__iexact=number)
            .exclude(status=Invoice.Status.CANCELLED)
            .select_related("contract")
            .first()
        )
        if used:
            errors["number"] = (
                f"{supplier.name} has already sent invoice {used.number} (on {used.contract.reference}, "
                f"received {used.received_on:%-d %B %Y}): use a new number"
            )
    if amount is None:
        errors["amount"] = "Enter the amount"
    elif amount <= 0:
        errors["amount"] = "The amount must be more than £0"
    if received_on is None:
        errors["received_on"] = "Enter the date the invoice was received"
    _not_in_future(errors, "received_on", received_on, today, "date received")
    if period_starts_on is None:
        errors["period_starts_on"] = "Enter the start of the period invoiced"
    if period_ends_on is None:
        errors["period_ends_on"] = "Enter the end of the period invoiced"
    if period_starts_on and period_ends_on:
        if period_ends_on < period_starts_on:
            errors["period_ends_on"] = "The end of the period must be on or after its start"
        elif period_starts_on < contract.starts_on or period_ends_on > contract.ends_on:
            errors["period_starts_on"] = (
                f"The period must be within the contract's term, {contract.starts_on:%-d %B %Y} to {contract.ends_on:%-d %B %Y}"
            )
    if period_starts_on and amount and amount > 0 and "period_starts_on" not in errors:
        year = year_of(contract, period_starts_on)
        if year is None:
            errors["period_starts_on"] = "The period does not fall in a year of the contract"
        else:
            left = money_left_in_year(year)
            if amount > left:
                errors["amount"] = f"The amount is more than is left of year {year.number}'s value: {pounds(left)} of {pounds(year.value)} is left"
    return errors


def _invoice_add(*, contract, by, supplier, channel, received_on, today, **fields) -> Invoice:
    with transaction.atomic():
        # Lock the contract, so the year's value left is checked against every invoice already added.
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        checked = {name: fields[name] for name in ("number", "amount", "period_starts_on", "period_ends_on")}
        errors = invoice_problems(contract=locked, supplier=supplier, received_on=received_on, today=today, **checked)
        if len(fields.get("milestone", "")) > Invoice._meta.get_field("milestone").max_length:
            errors["milestone"] = "The milestone must be 300 characters or fewer"
        if errors:
            raise FieldErrors(errors)
        return Invoice.objects.create(
            contract=locked,
            supplier=supplier,
            number=fields["number"].strip(),
            amount=fields["amount"],
            period_starts_on=fields["period_starts_on"],
            period_ends_on=fields["period_ends_on"],
            milestone=fields.get("milestone", ""),
            description=fields.get("description", ""),
            channel=channel,
            received_on=received_on,
            valid_on=received_on,
            payable_on=payable_from(locked, received_on),
            sent_by=by,
        )


def invoice_submit(
    *,
    contract: Contract,
    by,
    number: str,
    amount,
    period_starts_on,
    period_ends_on,
    milestone: str = "",
    description: str = "",
    today: datetime.date | None = None,
) -> Invoice:
    """A provider's invoice, sent here by one of its people: received today, from their organisation."""
    today = _today(today)
    return _invoice_add(
        contract=contract,
        by=by,
        supplier=by.organisation,
        channel=Invoice.Channel.ONLINE,
        received_on=today,
        today=today,
        number=number,
        amount=amount,
        period_starts_on=period_starts_on,
        period_ends_on=period_ends_on,
        milestone=milestone,
        description=description,
    )


def invoice_record(
    *,
    contract: Contract,
    by,
    supplier,
    number: str,
    amount,
    period_starts_on,
    period_ends_on,
    received_on,
    milestone: str = "",
    description: str = "",
    today: datetime.date | None = None,
) -> Invoice:
    """An invoice received on paper or by email, recorded by staff with the day it arrived."""
    return _invoice_add(
        contract=contract,
        by=by,
        supplier=supplier,
        channel=Invoice.Channel.PAPER,
        received_on=received_on,
        today=_today(today),
        number=number,
        amount=amount,
        period_starts_on=period_starts_on,
        period_ends_on=period_ends_on,
        milestone=milestone,
        description=description,
    )


def invoice_approve(*, invoice: Invoice, by) -> Invoice:
    return transition(instance=invoice, move="approve", by=by)


def invoice_dispute(*, invoice: Invoice, by, reason: str, today: datetime.date | None = None) -> Invoice:
    """Dispute an invoice, with the reason the provider is told: its clock stops until the dispute is resolved."""
    reason = (reason or "").strip()
    if not reason:
        raise FieldErrors({"reason": "Enter why the invoice is disputed"})
    today = _today(today)
    return transition(
        instance=invoice,
        move="dispute",
        by=by,
        reason=reason,
        changes={"dispute_reason": reason, "disputed_on": today, "dispute_outcome": "", "dispute_resolved_on": None},
    )


def invoice_resolve(*, invoice: Invoice, by, outcome: str, approve: bool = False, note: str = "", today: datetime.date | None = None) -> Invoice:
    """End a dispute. Withdrawn: the invoice was valid as received, so its dates stand. Corrected: it is
    valid from today, and payable the contract's payment terms after."""
    if outcome not in Invoice.Outcome.values:
        raise FieldErrors({"outcome": "Choose how the dispute was resolved"})
    today = _today(today)
    changes = {"dispute_outcome": outcome, "dispute_resolved_on": today}
    if outcome == Invoice.Outcome.CORRECTED:
        changes |= {"valid_on": today, "payable_on": payable_from(invoice.contract, today)}
    else:
        changes |= {"valid_on": invoice.received_on, "payable_on": payable_from(invoice.contract, invoice.received_on)}
    label = Invoice.Outcome(outcome).label
    return transition(
        instance=invoice,
        move="resolve_approve" if approve else "resolve",
        by=by,
        reason=f"{label}. {note}".strip(),
        changes=changes,
    )


def invoice_pay(*, invoice: Invoice, by, paid_on, today: datetime.date | None = None) -> Invoice:
    """Record the payment. A paid invoice is never paid again: the refusal names the day it was paid."""
    today = _today(today)
    current = Invoice.objects.get(pk=invoice.pk)
    if current.status == Invoice.Status.PAID:
        raise InvalidTransition(
            f"Invoice {current.number} was paid on {current.paid_on:%-d %B %Y}. It cannot be paid twice.",
            current=current.status,
            target=Invoice.Status.PAID,
        )
    errors = {}
    if paid_on is None:
        errors["paid_on"] = "Enter the date it was paid"
    _not_in_future(errors, "paid_on", paid_on, today, "date paid")
    if paid_on and paid_on < current.received_on:
        errors["paid_on"] = f"The date paid cannot be before the invoice was received, {current.received_on:%-d %B %Y}"
    if errors:
        raise FieldErrors(errors)

    def not_paid_yet(locked):
        # Checked on the locked row too: a second payment sent at the same moment is refused here.
        if locked.paid_on:
            return f"Invoice {locked.number} was paid on {locked.paid_on:%-d %B %Y}. It cannot be paid twice."
        return None

    return transition(instance=current, move="pay", by=by, changes={"paid_on": paid_on}, check=not_paid_yet)


def _receipt_problems(paid_on, received_on, today) -> dict[str, str]:
    errors = {}
    if paid_on is None:
        errors[NON_FIELD] = "Only a payment that has been made can be received."
    if received_on is None:
        errors["received_on"] = "Enter the date the money arrived"
    _not_in_future(errors, "received_on", received_on, today, "date the money arrived")
    if paid_on and received_on and received_on < paid_on:
        errors["received_on"] = f"The money cannot arrive before it was paid, {paid_on:%-d %B %Y}"
    return errors


def invoice_supplier_receipt_record(*, invoice: Invoice, by, received_on, today: datetime.date | None = None) -> Invoice:
    """The day the supplier had the money: confirmed by the provider, or recorded by staff."""
    errors = _receipt_problems(invoice.paid_on if invoice.status == Invoice.Status.PAID else None, received_on, _today(today))
    if errors:
        raise FieldErrors(errors)
    with edit(invoice) as row:
        row.supplier_received_on = received_on
    return row


def invoice_cancel(*, invoice: Invoice, by, reason: str) -> Invoice:
    reason = (reason or "").strip()
    if not reason:
        raise FieldErrors({"reason": "Enter why the invoice is cancelled"})
    return transition(instance=invoice, move="cancel", by=by, reason=reason, changes={"cancel_reason": reason})


# --- Payments in advance ------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def _periods_of(year: ContractYear, count: int) -> list[tuple[datetime.date, datetime.date]]:
    """The year cut into `count` periods of whole months from its start; a short last year has fewer."""
    periods = []
    for index in range(count):
        start = add_months(year.starts_on, index * 12 // count)
        if start > year.ends_on:
            break
        end = (
            year.ends_on
            if index == count - 1
            else min(add_months(year.starts_on, (index + 1) * 12 // count) - datetime.timedelta(days=1), year.ends_on)
        )
        periods.append((start, end))
    return periods


def advance_schedule_create(*, contract: Contract, by, per_year: int = DEFAULT_PAYMENTS_PER_YEAR) -> list[AdvancePayment]:
    """A contract paid in advance gets its schedule: each year's value in `per_year` payments, each due
    on the first day of the period it pays for, split by days so each year adds up to its value."""
    errors = {}
    if contract.payment_basis != PaymentBasis.ADVANCE:
        errors[NON_FIELD] = f"{contract.reference} is not paid in advance ({contract.get_payment_basis_display().lower()})."
    elif contract.status not in (Contract.Status.DRAFT, Contract.Status.ACTIVE, Contract.Status.IN_NOTICE):
        errors[NON_FIELD] = f"{contract.reference} is {contract.get_status_display().lower()}, so no payments can be scheduled."
    if per_year not in (1, 2, 4, 12):
        errors["per_year"] = "Choose yearly, half-yearly, quarterly or monthly payments"
    if errors:
        raise FieldErrors(errors)
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.advance_payments.exists():
            raise FieldErrors({NON_FIELD: f"{locked.reference} already has its schedule of payments in advance."})
        rows, number = [], 0
        for year in locked.years.filter(extension=False).order_by("number"):
            periods = _periods_of(year, per_year)
            for (start, end), amount in zip(periods, split_by_days(year.value, periods), strict=True):
                number += 1
                rows.append(
                    AdvancePayment(contract=locked, year=year, number=number, period_starts_on=start, period_ends_on=end, due_on=start, amount=amount)
                )
        # One by one, not in bulk, so each is written to the audit trail.
        for row in rows:
            row.save()
    return rows


def advance_payment_pay(*, payment: AdvancePayment, by, paid_on, today: datetime.date | None = None) -> AdvancePayment:
    today = _today(today)
    current = AdvancePayment.objects.get(pk=payment.pk)
    if current.status == AdvancePayment.Status.PAID:
        raise InvalidTransition(f"Payment {current.number} was paid on {current.paid_on:%-d %B %Y}. It cannot be paid twice.")
    errors = {}
    if paid_on is None:
        errors["paid_on"] = "Enter the date it was paid"
    _not_in_future(errors, "paid_on", paid_on, today, "date paid")
    if errors:
        raise FieldErrors(errors)
    return transition(instance=current, move="pay", by=by, changes={"paid_on": paid_on})


def advance_payment_supplier_receipt_record(*, payment: AdvancePayment, by, received_on, today: datetime.date | None = None) -> AdvancePayment:
    errors = _receipt_problems(payment.paid_on if payment.status == AdvancePayment.Status.PAID else None, received_on, _today(today))
    if errors:
        raise FieldErrors(errors)
    with edit(payment) as row:
        row.supplier_received_on = received_on
    return row
