"""The payments API: invoices (a provider's own; the staff's trusts'), sending one, and the payment statistics."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.api_fields import named_choices
from jointly.core.errors import FieldErrors
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Trust

from .models import Invoice
from .selectors import payments as read
from .selectors.contracts import contract_for
from .services import payments as services

router = Router(tags=["payments"])

InvoiceStatus = named_choices(Invoice.Status, "InvoiceStatus")


class InvoiceOut(Schema):
    id: int
    contract: str
    contract_id: int
    buyer: str
    supplier: str
    number: str
    amount: Decimal
    period_starts_on: datetime.date
    period_ends_on: datetime.date
    milestone: str
    status: str
    received_on: datetime.date
    valid_on: datetime.date
    payable_on: datetime.date
    paid_on: datetime.date | None
    supplier_received_on: datetime.date | None
    days_to_pay: int | None
    dispute_reason: str

    @staticmethod
    def resolve_contract(invoice):
        return invoice.contract.reference

    @staticmethod
    def resolve_buyer(invoice):
        return invoice.contract.buyer.name

    @staticmethod
    def resolve_supplier(invoice):
        return invoice.supplier.name


class InvoiceIn(Schema):
    number: str
    amount: Decimal
    period_starts_on: datetime.date
    period_ends_on: datetime.date
    milestone: str = ""
    description: str = ""


class FiguresOut(Schema):
    invoices: int
    paid: int
    average_days_to_pay: Decimal | None
    paid_within_30_days: Decimal | None
    paid_in_31_to_60_days: Decimal | None
    paid_in_61_days_or_more: Decimal | None
    unpaid: Decimal | None
    unpaid_past_due: Decimal | None
    amount_invoiced: Decimal
    amount_paid: Decimal


class AuthorityFiguresOut(Schema):
    authority: str
    figures: FiguresOut


class ContractFiguresOut(Schema):
    contract: str
    authority: str
    figures: FiguresOut


class StatisticsOut(Schema):
    trust: str
    half_year: str
    starts_on: datetime.date
    ends_on: datetime.date
    as_of: datetime.date
    total: FiguresOut
    by_authority: list[AuthorityFiguresOut]
    by_contract: list[ContractFiguresOut]


def _figures(figures) -> dict:
    return {
        "invoices": figures.invoices,
        "paid": figures.paid,
        "average_days_to_pay": figures.average_days,
        "paid_within_30_days": figures.share_within_30,
        "paid_in_31_to_60_days": figures.share_within_60,
        "paid_in_61_days_or_more": figures.share_over_60,
        "unpaid": figures.share_unpaid,
        "unpaid_past_due": figures.share_past_due,
        "amount_invoiced": figures.amount,
        "amount_paid": figures.amount_paid,
    }


@router.get("/payments/invoices", response=list[InvoiceOut], summary="Invoices: a provider's own, or the trusts' you work in")
@paginate(PageNumberPagination)
def list_invoices(request, trust: str = "", status: InvoiceStatus | None = None):
    invoices = read.invoices_visible(request.user)
    if trust:
        invoices = invoices.filter(contract__trust__slug=trust)
    if status:
        invoices = invoices.filter(status=status)
    return invoices.order_by("-received_on", "-pk")


@router.get("/payments/invoices/{invoice_id}", response=InvoiceOut, summary="One invoice and its four dates")
def get_invoice(request, invoice_id: int):
    return read.invoice_for(request.user, invoice_id)


@router.post("/payments/contracts/{contract_id}/invoices", response={201: InvoiceOut}, summary="Send an invoice for your contract")
def send_invoice(request, contract_id: int, payload: InvoiceIn):
    """Received today, payable within the contract's terms; refused with the reason when over the year's value left."""
    contract = contract_for(request.user, contract_id, Perm.INVOICE_SUBMIT)
    if request.user.role != Role.PROVIDER_USER:
        raise PermissionDenied("Invoices are sent by the provider's people; staff record paper invoices on the contract's payments page.")
    return Status(201, services.invoice_submit(contract=contract, by=request.user, **payload.dict()))


@router.get("/payments/statistics", response=StatisticsOut, summary="A trust's payment statistics for a half-year")
def statistics(request, trust: str, half: str = ""):
    """The payments compliance figures: average days to pay, shares paid in 1–30, 31–60 and 61+ days, unpaid.

    `half` is `2026-H1` (April to September 2026) or `2026-H2` (October 2026 to March 2027); the current one by default.
    """
    found = get_object_for(request.user, Perm.CONTRACTS_VIEW, Trust.objects.all(), slug=trust)
    if request.user.role == Role.PROVIDER_USER:
        raise PermissionDenied("The payment statistics are the trust's staff's.")
    today = timezone.localdate()
    chosen = read.HalfYear.containing(today)
    if half:
        chosen = read.HalfYear.parse(half)
        if chosen is None:
            raise FieldErrors({"half": "Give the half-year as 2026-H1 (April to September) or 2026-H2 (October to March)"})
    figures = read.payment_statistics(read.invoices_of_trust(request.user, found), today=today, half=chosen)
    return {
        "trust": found.slug,
        "half_year": chosen.code,
        "starts_on": chosen.starts_on,
        "ends_on": chosen.ends_on,
        "as_of": figures.as_of,
        "total": _figures(figures.total),
        "by_authority": [{"authority": buyer.name, "figures": _figures(item)} for buyer, item in figures.by_authority],
        "by_contract": [
            {"contract": contract.reference, "authority": contract.buyer.name, "figures": _figures(item)} for contract, item in figures.by_contract
        ],
    }
