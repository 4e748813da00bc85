"""Invoice and payment pages: a provider's invoices, the commissioners' queue, a contract's payments, the statistics.

Every page fetches what it shows through the selectors, which answer 404 for what is not the
person's to see and 403 with the reason for what they may see but not do; every write is a service.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, first_trust_slug, get_object_for, has_perm
from jointly.core.downloads import csv_response
from jointly.core.errors import save_form
from jointly.core.forms import ConfirmForm
from jointly.core.pagination import paginate
from jointly.core.transitions import available
from jointly.partnerships.models import Trust

from .forms_payments import CancelForm, DisputeForm, InvoiceRecordForm, InvoiceSendForm, PayForm, ReceiptForm, ResolveForm, ScheduleForm
from .models import Invoice, PaymentBasis
from .rules import is_party
from .selectors import payments as read
from .selectors.contracts import contract_for, running_contracts_of
from .services import payments as services

# The invoice pages' moves, in the order a page offers them, with the page that makes each.
MOVE_PAGES = {
    "approve": "payments:invoice-approve",
    "pay": "payments:invoice-pay",
    "dispute": "payments:invoice-dispute",
    "resolve": "payments:invoice-resolve",
    "cancel": "payments:invoice-cancel",
}


def _is_provider(user) -> bool:
    return user.role == Role.PROVIDER_USER


def _staff_trust(request, slug: str) -> Trust:
    """A trust's payment pages are its staff's: a provider is sent to its own invoices' page."""
    trust = get_object_for(request.user, Perm.CONTRACTS_VIEW, Trust.objects.select_related("region"), slug=slug)
    if _is_provider(request.user):
        raise PermissionDenied("This is the commissioners' list. Your own invoices are on the page 'Your invoices'.")
    return trust


def _contract_url(contract) -> str:
    return reverse("payments:contract", args=[contract.pk])


def _invoice_url(invoice) -> str:
    return reverse("payments:invoice", args=[invoice.pk])


def _crumbs(user, contract=None, *more):
    if _is_provider(user):
        crumbs = [("Your invoices", reverse("payments:mine"))]
    else:
        trust = contract.trust if contract else None
        crumbs = [(trust.name, trust.get_absolute_url()), ("Invoices", reverse("payments:queue", args=[trust.slug]))] if trust else []
    if contract is not None:
        crumbs.append((f"{contract.reference} payments", _contract_url(contract)))
    return crumbs + list(more)


def _page_marking_late(request, invoices, today):
    """One page of invoices, each marked late if it is past its payable date unpaid."""
    page = paginate(request, invoices)
    page.object_list = list(page.object_list)
    for invoice in page.object_list:
        invoice.late = invoice.is_past_due(today)
    return page


def _form_page(request, form, *, title, submit, cancel_url, trust, intro="", crumbs=()):
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "trust": trust,
            "page_title": title,
            "submit": submit,
            "cancel_url": cancel_url,
            "intro": intro,
            "breadcrumbs": [*crumbs, (title, "")],
        },
    )


# --- A provider's invoices -----------------------------------------------------------------


@login_required
def my_invoices(request):
    """A provider's invoices, and the contracts it can invoice; staff are sent to their trust's queue."""
    user = request.user
    if not _is_provider(user):
        slug = first_trust_slug(user)
        if slug is None:
            raise PermissionDenied("You work in no trust, so there are no invoices to show you.")
        return redirect("payments:queue", slug)
    if not has_perm(user, Perm.CONTRACTS_VIEW) or not user.organisation_id:
        raise PermissionDenied("Only people of an organisation with contracts can see its invoices.")
    invoices = read.invoices_visible(user).order_by("-received_on", "-pk")
    return render(
        request,
        "contracts/payments/my_invoices.html",
        {
            "page_obj": _page_marking_late(request, invoices, timezone.localdate()),
            "contracts": running_contracts_of(user.organisation).order_by("reference"),
            "can_send": has_perm(user, Perm.INVOICE_SUBMIT),
            "today": timezone.localdate(),
            "page_title": "Your invoices",
            "breadcrumbs": [("Your invoices", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_send(request, pk):
    contract = contract_for(request.user, pk, Perm.INVOICE_SUBMIT)
    if not _is_provider(request.user):
        raise PermissionDenied("Staff record an invoice that came on paper instead: use 'Record an invoice received'.")
    form = InvoiceSendForm(request.POST or None)

    def problems(data):
        return services.invoice_problems(
            contract=contract,
            supplier=request.user.organisation,
            received_on=timezone.localdate(),
            number=data.get("number", ""),
            amount=data.get("amount"),
            period_starts_on=data.get("period_starts_on"),
            period_ends_on=data.get("period_ends_on"),
        )

    invoice = save_form(request, form, lambda data: services.invoice_submit(contract=contract, by=request.user, **data), problems=problems)
    if invoice:
        messages.success(request, f"Invoice {invoice.number} is sent. It is payable by {invoice.payable_on:%-d %B %Y}.")
        return redirect(_invoice_url(invoice))
    return _form_page(
        request,
        form,
        title=f"Send an invoice for {contract.reference}",
        submit="Send the invoice",
        cancel_url=reverse("payments:mine"),
        trust=contract.trust,
        intro=f"{contract.title}, for {contract.buyer.name}. It is received today and payable within {contract.payment_terms_days} days, unless it is disputed.",
        crumbs=_crumbs(request.user, contract),
    )


# --- Staff: the queue, recording and deciding -----------------------------------------------


@login_required
def queue(request, slug):
    trust = _staff_trust(request, slug)
    status = request.GET.get("status", "")
    if status not in Invoice.Status.values:
        status = ""
    invoices = read.invoices_of_trust(request.user, trust, status=status).order_by("payable_on", "pk")
    return render(
        request,
        "contracts/payments/queue.html",
        {
            "trust": trust,
            "status": status,
            "statuses": Invoice.Status.choices,
            "page_obj": _page_marking_late(request, invoices, timezone.localdate()),
            "today": timezone.localdate(),
            "page_title": f"Invoices: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Invoices", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_record(request, pk):
    contract = contract_for(request.user, pk, Perm.PAYMENTS_MANAGE)
    parties = [party.organisation for party in contract.parties.all()]
    form = InvoiceRecordForm(request.POST or None, parties=parties)
    invoice = save_form(request, form, lambda data: services.invoice_record(contract=contract, by=request.user, **data))
    if invoice:
        messages.success(request, f"Invoice {invoice.number} is recorded. It is payable by {invoice.payable_on:%-d %B %Y}.")
        return redirect(_invoice_url(invoice))
    return _form_page(
        request,
        form,
        title=f"Record an invoice received for {contract.reference}",
        submit="Record the invoice",
        cancel_url=_contract_url(contract),
        trust=contract.trust,
        intro="For an invoice that came on paper or by email. Its payment terms run from the day it arrived.",
        crumbs=_crumbs(request.user, contract),
    )


@login_required
def invoice_detail(request, pk):
    invoice = read.invoice_for(request.user, pk)
    user = request.user
    moves = [move for move in available(invoice, user) if move.name in MOVE_PAGES or move.name == "resolve_approve"]
    actions = []
    for move in moves:
        name = "resolve" if move.name == "resolve_approve" else move.name
        if name not in [action[0] for action in actions]:
            actions.append((name, "Resolve the dispute" if name == "resolve" else move.label, reverse(MOVE_PAGES[name], args=[invoice.pk])))
    own = user.organisation_id == invoice.supplier_id
    can_confirm = invoice.status == Invoice.Status.PAID and (own or user.has_perm(Perm.PAYMENTS_MANAGE, invoice.contract))
    return render(
        request,
        "contracts/payments/invoice.html",
        {
            "invoice": invoice,
            "contract": invoice.contract,
            "actions": actions,
            "can_confirm": can_confirm,
            "past_due": invoice.is_past_due(timezone.localdate()),
            "page_title": f"Invoice {invoice.number}",
            "breadcrumbs": _crumbs(user, invoice.contract, (f"Invoice {invoice.number}", "")),
        },
    )


def _invoice_form(request, pk, *, form_class, act, title, submit, done, intro=""):
    invoice = read.invoice_for(request.user, pk, Perm.PAYMENTS_MANAGE)
    form = form_class(request.POST or None) if form_class is not ConfirmForm else ConfirmForm.from_request(request)
    if save_form(request, form, lambda data: act(invoice, data)):
        messages.success(request, done.format(invoice=invoice))
        return redirect(_invoice_url(invoice))
    return _form_page(
        request,
        form,
        title=f"{title}: invoice {invoice.number}",
        submit=submit,
        cancel_url=_invoice_url(invoice),
        trust=invoice.contract.trust,
        intro=intro
        or f"{invoice.supplier.name}, £{invoice.amount:,.2f}, received {invoice.received_on:%-d %B %Y}, payable by {invoice.payable_on:%-d %B %Y}.",
        crumbs=_crumbs(request.user, invoice.contract, (f"Invoice {invoice.number}", _invoice_url(invoice))),
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_approve(request, pk):
    return _invoice_form(
        request,
        pk,
        form_class=ConfirmForm,
        act=lambda invoice, data: services.invoice_approve(invoice=invoice, by=request.user),
        title="Approve for payment",
        submit="Approve for payment",
        done="Invoice {invoice.number} is approved for payment.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_dispute(request, pk):
    return _invoice_form(
        request,
        pk,
        form_class=DisputeForm,
        act=lambda invoice, data: services.invoice_dispute(invoice=invoice, by=request.user, reason=data["reason"]),
        title="Dispute",
        submit="Dispute the invoice",
        done="Invoice {invoice.number} is disputed. Its payment terms stop until the dispute is resolved.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_resolve(request, pk):
    return _invoice_form(
        request,
        pk,
        form_class=ResolveForm,
        act=lambda invoice, data: services.invoice_resolve(invoice=invoice, by=request.user, **data),
        title="Resolve the dispute",
        submit="Resolve the dispute",
        done="The dispute on invoice {invoice.number} is resolved.",
        intro="If the invoice was valid as it was received, its payment terms still run from the day it arrived. "
        "If it had to be corrected, they run from today.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_pay(request, pk):
    return _invoice_form(
        request,
        pk,
        form_class=PayForm,
        act=lambda invoice, data: services.invoice_pay(invoice=invoice, by=request.user, **data),
        title="Record the payment",
        submit="Record as paid",
        done="Invoice {invoice.number} is recorded as paid.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_cancel(request, pk):
    return _invoice_form(
        request,
        pk,
        form_class=CancelForm,
        act=lambda invoice, data: services.invoice_cancel(invoice=invoice, by=request.user, **data),
        title="Cancel",
        submit="Cancel the invoice",
        done="Invoice {invoice.number} is cancelled.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def invoice_receipt(request, pk):
    """The day the money arrived: the provider that sent the invoice confirms it, or staff record it."""
    user = request.user
    invoice = read.invoice_for(user, pk)
    if user.organisation_id != invoice.supplier_id:
        read.invoice_for(user, pk, Perm.PAYMENTS_MANAGE)
    form = ReceiptForm(request.POST or None, initial={"received_on": invoice.supplier_received_on})
    if save_form(request, form, lambda data: services.invoice_supplier_receipt_record(invoice=invoice, by=user, **data)):
        messages.success(request, "The day the money arrived is recorded.")
        return redirect(_invoice_url(invoice))
    return _form_page(
        request,
        form,
        title=f"When did the money arrive? Invoice {invoice.number}",
        submit="Save the date",
        cancel_url=_invoice_url(invoice),
        trust=invoice.contract.trust,
        intro=f"Paid on {invoice.paid_on:%-d %B %Y}." if invoice.paid_on else "",
        crumbs=_crumbs(user, invoice.contract, (f"Invoice {invoice.number}", _invoice_url(invoice))),
    )


# --- A contract's payments ------------------------------------------------------------------


@login_required
def contract_payments(request, pk):
    user = request.user
    contract = contract_for(user, pk)
    today = timezone.localdate()
    invoices = list(read.invoices_of_contract(user, contract).order_by("-received_on", "-pk"))
    payments = list(read.advance_payments_of(contract))
    can_manage = not _is_provider(user) and user.has_perm(Perm.PAYMENTS_MANAGE, contract)
    return render(
        request,
        "contracts/payments/contract.html",
        {
            "contract": contract,
            "invoices": invoices,
            "payments": payments,
            "overdue": [payment for payment in payments if payment.is_overdue(today)],
            "figures": read.payment_figures(invoices, as_of=today),
            "today": today,
            "can_manage": can_manage,
            "can_send": _is_provider(user) and is_party(user, contract) and has_perm(user, Perm.INVOICE_SUBMIT),
            "can_schedule": can_manage and contract.payment_basis == PaymentBasis.ADVANCE and not payments,
            "page_title": f"Payments: {contract.reference}",
            "breadcrumbs": _crumbs(user, None, (f"{contract.reference} payments", ""))
            if _is_provider(user)
            else _crumbs(user, contract)[:-1] + [(f"{contract.reference} payments", "")],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def schedule_create(request, pk):
    contract = contract_for(request.user, pk, Perm.PAYMENTS_MANAGE)
    form = ScheduleForm(request.POST or None)
    if save_form(request, form, lambda data: services.advance_schedule_create(contract=contract, by=request.user, **data)):
        messages.success(request, "The payments in advance are scheduled.")
        return redirect(_contract_url(contract))
    return _form_page(
        request,
        form,
        title=f"Schedule the payments in advance for {contract.reference}",
        submit="Schedule the payments",
        cancel_url=_contract_url(contract),
        trust=contract.trust,
        intro="Each year's value is paid in advance, due on the first day of the period it pays for.",
        crumbs=_crumbs(request.user, contract),
    )


def _advance_form(request, pk, *, form_class, act, title, submit, done, perm=Perm.PAYMENTS_MANAGE):
    payment = read.advance_payment_for(request.user, pk, perm)
    form = form_class(request.POST or None)
    if save_form(request, form, lambda data: act(payment, data)):
        messages.success(request, done)
        return redirect(_contract_url(payment.contract))
    return _form_page(
        request,
        form,
        title=f"{title}: payment in advance {payment.number}",
        submit=submit,
        cancel_url=_contract_url(payment.contract),
        trust=payment.contract.trust,
        intro=f"£{payment.amount:,.2f} for {payment.period_starts_on:%-d %B %Y} to {payment.period_ends_on:%-d %B %Y}, due {payment.due_on:%-d %B %Y}.",
        crumbs=_crumbs(request.user, payment.contract),
    )


@login_required
@require_http_methods(["GET", "POST"])
def advance_pay(request, pk):
    return _advance_form(
        request,
        pk,
        form_class=PayForm,
        act=lambda payment, data: services.advance_payment_pay(payment=payment, by=request.user, **data),
        title="Record the payment",
        submit="Record as paid",
        done="The payment in advance is recorded as paid.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def advance_receipt(request, pk):
    # The provider confirms, or staff record: a party's people hold INVOICE_SUBMIT on their contract.
    perm = Perm.INVOICE_SUBMIT if _is_provider(request.user) else Perm.PAYMENTS_MANAGE
    return _advance_form(
        request,
        pk,
        form_class=ReceiptForm,
        act=lambda payment, data: services.advance_payment_supplier_receipt_record(payment=payment, by=request.user, **data),
        title="When did the money arrive?",
        submit="Save the date",
        done="The day the money arrived is recorded.",
        perm=perm,
    )


# --- The statistics -------------------------------------------------------------------------


def _statistics_for(request, slug):
    trust = _staff_trust(request, slug)
    today = timezone.localdate()
    halves = read.half_years_until(today)
    half = read.HalfYear.parse(request.GET.get("half", "")) or halves[0]
    return trust, half, halves, read.payment_statistics(read.invoices_of_trust(request.user, trust), today=today, half=half)


@login_required
def statistics(request, slug):
    trust, half, halves, figures = _statistics_for(request, slug)
    return render(
        request,
        "contracts/payments/statistics.html",
        {
            "trust": trust,
            "half": half,
            "halves": halves,
            "statistics": figures,
            "page_title": f"Payment statistics: {trust.name}",
            "breadcrumbs": [(trust.name, trust.get_absolute_url()), ("Payment statistics", "")],
        },
    )


@login_required
def statistics_csv(request, slug):
    trust, half, _halves, figures = _statistics_for(request, slug)
    return csv_response(filename=f"payments-{trust.slug}-{half.code}.csv", headings=read.STATISTICS_HEADINGS, rows=read.statistics_rows(figures))
