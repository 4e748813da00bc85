"""Invoices and payments as each person may see them, and the payment statistics.

The figures (decision 0024): an invoice's days to pay run from the day it was valid and undisputed
(`valid_on`: the day received, or the day a corrected invoice was accepted after a dispute) to the
day it was paid. For a half-year, the invoices counted are those received in it (cancelled ones
never count); each is paid within 1–30, 31–60 or 61 days or more, or unpaid at the end of the
half-year; an unpaid one is past due if it was valid and its payable date had passed by then.
Shares are of all the invoices counted, to one decimal place, as is the average days to pay (of
those paid). Payments in advance are not invoices, so they are not in these figures.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, has_perm, trust_ids_for

from ..models import AdvancePayment, Contract, Invoice
from .contracts import contract_for, require_on_contract

TENTH = Decimal("0.1")
HUNDRED = Decimal("100")
BANDS = ((0, 30, "1 to 30 days"), (31, 60, "31 to 60 days"), (61, None, "61 days or more"))


def _invoices() -> QuerySet:
    return Invoice.objects.select_related("contract__trust", "contract__buyer", "supplier")


def invoices_visible(user) -> QuerySet:
    """Staff: their trusts' invoices (CONTRACTS_VIEW). A provider: its own, and every invoice on a contract it leads."""
    if not user.is_authenticated or not has_perm(user, Perm.CONTRACTS_VIEW):
        return Invoice.objects.none()
    if user.role == Role.PROVIDER_USER:
        if not user.organisation_id:
            return Invoice.objects.none()
        return _invoices().filter(Q(supplier_id=user.organisation_id) | Q(contract__supplier_id=user.organisation_id))
    trust_ids = trust_ids_for(user)
    return _invoices() if trust_ids is None else _invoices().filter(contract__trust_id__in=trust_ids)


def invoices_of_trust(user, trust, *, status: str = "") -> QuerySet:
    queryset = invoices_visible(user).filter(contract__trust=trust)
    return queryset.filter(status=status) if status else queryset


def invoices_of_contract(user, contract: Contract) -> QuerySet:
    return invoices_visible(user).filter(contract=contract)


def invoice_for(user, pk, perm: Perm = Perm.CONTRACTS_VIEW) -> Invoice:
    """One invoice for a page or an API call: 404 unless the person may see it, 403 if they may not do this."""
    invoice = _invoices().filter(pk=pk).first()
    if invoice is None:
        raise Http404("Not found.")
    contract_for(user, invoice.contract_id, Perm.CONTRACTS_VIEW)
    if user.role == Role.PROVIDER_USER and user.organisation_id not in (invoice.supplier_id, invoice.contract.supplier_id):
        raise Http404("Not found.")  # a consortium member sees its own invoices, not the others'
    require_on_contract(user, perm, invoice.contract)
    return invoice


def advance_payments_of(contract: Contract) -> QuerySet:
    return AdvancePayment.objects.filter(contract=contract).exclude(status=AdvancePayment.Status.CANCELLED).order_by("number")


def advance_payment_for(user, pk, perm: Perm) -> AdvancePayment:
    payment = AdvancePayment.objects.select_related("contract").filter(pk=pk).first()
    if payment is None:
        raise Http404("Not found.")
    contract_for(user, payment.contract_id, Perm.CONTRACTS_VIEW)
    require_on_contract(user, perm, payment.contract)
    return payment


def advance_payments_due(*, start: datetime.date, end: datetime.date) -> QuerySet:
    return AdvancePayment.objects.filter(status=AdvancePayment.Status.SCHEDULED, due_on__range=(start, end)).select_related(
        "contract__trust", "contract__supplier"
    )


def invoices_past_due(*, today: datetime.date) -> QuerySet:
    """Valid, undisputed invoices not paid by their payable date (index invoice_status_payable)."""
    return Invoice.objects.filter(status__in=[Invoice.Status.RECEIVED, Invoice.Status.APPROVED], payable_on__lt=today).select_related(
        "contract__trust", "contract__buyer", "supplier"
    )


def paid_in_period(contracts, *, start: datetime.date, end: datetime.date) -> dict[int, tuple[Decimal, int]]:
    """By contract id: the total and the number of its invoices paid from `start` to `end` (both included), in one query.
    Contracts with none paid are left out. (Payments in advance are not invoices, so they are not counted.)"""
    rows = (
        Invoice.objects.filter(contract__in=contracts, status=Invoice.Status.PAID, paid_on__range=(start, end))
        .values("contract_id")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    )
    return {row["contract_id"]: (row["total"], row["count"]) for row in rows}


# --- The statistics ---------------------------------------------------------------------


@dataclass(frozen=True)
class HalfYear:
    """April to September, or October to March: the halves the payments compliance figures are for."""

    year: int  # the year the half starts in
    half: int  # 1: April–September, 2: October–March

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.year, 4, 1) if self.half == 1 else datetime.date(self.year, 10, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.year, 9, 30) if self.half == 1 else datetime.date(self.year + 1, 3, 31)

    @property
    def code(self) -> str:
        return f"{self.year}-H{self.half}"

    @property
    def label(self) -> str:
        if self.half == 1:
            return f"April to September {self.year}"
        return f"October {self.year} to March {self.year + 1}"

    @classmethod
    def containing(cls, day: datetime.date) -> HalfYear:
        if 4 <= day.month <= 9:
            return cls(day.year, 1)
        return cls(day.year if day.month >= 10 else day.year - 1, 2)

    @classmethod
    def parse(cls, code: str) -> HalfYear | None:
        try:
            year, half = code.split("-H")
            result = cls(int(year), int(half))
        except (ValueError, AttributeError):
            return None
        return result if result.half in (1, 2) and 2000 <= result.year <= 2100 else None

    def previous(self) -> HalfYear:
        return HalfYear(self.year, 1) if self.half == 2 else HalfYear(self.year - 1, 2)


def half_years_until(today: datetime.date, count: int = 6) -> list[HalfYear]:
    """The current half-year and the ones before it, newest first."""
    halves = [HalfYear.containing(today)]
    while len(halves) < count:
        halves.append(halves[-1].previous())
    return halves


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PaymentFigures:
    invoices: int
    paid: int
    within_30: int
    within_60: int
    over_60: int
    unpaid: int
    past_due: int
    total_days: int
    amount: Decimal
    amount_paid: Decimal

    @property
    def average_days(self) -> Decimal | None:
        return (Decimal(self.total_days) / self.paid).quantize(TENTH, rounding=ROUND_HALF_UP) if self.paid else None

    @property
    def share_within_30(self):
        return percent(self.within_30, self.invoices)

    @property
    def share_within_60(self):
        return percent(self.within_60, self.invoices)

    @property
    def share_over_60(self):
        return percent(self.over_60, self.invoices)

    @property
    def share_unpaid(self):
        return percent(self.unpaid, self.invoices)

    @property
    def share_past_due(self):
        return percent(self.past_due, self.invoices)


def payment_figures(invoices, *, as_of: datetime.date) -> PaymentFigures:
    """The figures for these invoices as they stood at the end of `as_of` (cancelled ones left out)."""
    counts = defaultdict(int)
    amount = amount_paid = Decimal("0")
    for invoice in invoices:
        if invoice.status == Invoice.Status.CANCELLED:
            continue
        counts["invoices"] += 1
        amount += invoice.amount
        if invoice.paid_on is not None and invoice.paid_on <= as_of:
            days = invoice.days_to_pay
            counts["paid"] += 1
            counts["total_days"] += days
            amount_paid += invoice.amount
            counts["within_30" if days <= 30 else "within_60" if days <= 60 else "over_60"] += 1
            continue
        counts["unpaid"] += 1
        # Not past due while it was not yet valid (disputed then, or disputed now).
        if invoice.status != Invoice.Status.DISPUTED and invoice.valid_on <= as_of and invoice.payable_on < as_of:
            counts["past_due"] += 1
    return PaymentFigures(
        invoices=counts["invoices"],
        paid=counts["paid"],
        within_30=counts["within_30"],
        within_60=counts["within_60"],
        over_60=counts["over_60"],
        unpaid=counts["unpaid"],
        past_due=counts["past_due"],
        total_days=counts["total_days"],
        amount=amount,
        amount_paid=amount_paid,
    )


@dataclass(frozen=True)
class PaymentStatistics:
    """A trust's figures for a half-year (or all time): in total, per authority (buyer) and per contract."""

    half: HalfYear | None
    as_of: datetime.date
    total: PaymentFigures
    by_authority: list[tuple[object, PaymentFigures]]
    by_contract: list[tuple[Contract, PaymentFigures]]


def payment_statistics(invoices: QuerySet, *, today: datetime.date, half: HalfYear | None = None) -> PaymentStatistics:
    """The statistics for invoices (already limited to what the person may see): one query."""
    as_of = today
    if half is not None:
        invoices = invoices.filter(received_on__range=(half.starts_on, half.ends_on))
        as_of = min(today, half.ends_on)
    rows = list(
        invoices.filter(received_on__lte=as_of)
        .exclude(status=Invoice.Status.CANCELLED)
        .select_related("contract__buyer")
        .order_by("contract__reference", "pk")
    )
    by_buyer, by_contract, buyers, contracts = defaultdict(list), defaultdict(list), {}, {}
    for invoice in rows:
        buyers[invoice.contract.buyer_id] = invoice.contract.buyer
        contracts[invoice.contract_id] = invoice.contract
        by_buyer[invoice.contract.buyer_id].append(invoice)
        by_contract[invoice.contract_id].append(invoice)
    return PaymentStatistics(
        half=half,
        as_of=as_of,
        total=payment_figures(rows, as_of=as_of),
        by_authority=sorted(((buyers[pk], payment_figures(items, as_of=as_of)) for pk, items in by_buyer.items()), key=lambda p: p[0].name),
        by_contract=[(contracts[pk], payment_figures(items, as_of=as_of)) for pk, items in by_contract.items()],
    )


def statistics_rows(statistics: PaymentStatistics) -> list[list]:
    """The statistics as CSV rows: the trust, each authority, each contract."""

    def row(scope, name, figures):
        return [
            scope,
            name,
            figures.invoices,
            figures.average_days,
            figures.share_within_30,
            figures.share_within_60,
            figures.share_over_60,
            figures.share_unpaid,
            figures.share_past_due,
            figures.amount,
            figures.amount_paid,
        ]

    rows = [row("All authorities", "", statistics.total)]
    rows += [row("Authority", buyer.name, figures) for buyer, figures in statistics.by_authority]
    rows += [row("Contract", f"{contract.reference}: {contract.title}", figures) for contract, figures in statistics.by_contract]
    return rows


STATISTICS_HEADINGS = [
    "Scope",
    "Name",
    "Invoices",
    "Average days to pay",
    "% paid in 1 to 30 days",
    "% paid in 31 to 60 days",
    "% paid in 61 days or more",
    "% unpaid",
    "% unpaid and past due",
    "Amount invoiced (£)",
    "Amount paid (£)",
]
