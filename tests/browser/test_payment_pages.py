"""Invoice and payment pages, checked with axe-core at both widths, on one load of the contracts and payments demo:
the provider's invoices, sending one (with its error state), its own invoice and the day the money arrived; the
commissioners' queue, each decision's page, recording a paper invoice, a contract's payments with its advance
schedule, scheduling one, and the payment statistics."""

import pytest
from django.urls import reverse

from .helpers import signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def payments(demo):
    from jointly.contracts import demo as contracts_demo
    from jointly.contracts import demo_payments
    from jointly.contracts.models import AdvancePayment, Contract, Invoice, PaymentBasis

    contracts_demo.load()
    demo_payments.load()
    plymouth = Invoice.objects.filter(contract__trust__slug="plymouth")
    # An advance contract with no schedule yet, for the scheduling page.
    draft = Contract.objects.get(reference="PLY-C0007")
    draft.payment_basis = PaymentBasis.ADVANCE
    draft.save()
    return {
        "received": plymouth.filter(status=Invoice.Status.RECEIVED).first(),
        "approved": plymouth.filter(status=Invoice.Status.APPROVED).first(),
        "paid": plymouth.filter(status=Invoice.Status.PAID, supplier__name="Plymouth Young Carers Project").first(),
        "contract": Contract.objects.get(reference="PLY-C0001"),
        "advance": Contract.objects.get(reference="PLY-C0004"),
        "draft": draft,
        "scheduled": AdvancePayment.objects.filter(contract__reference="PLY-C0004", status=AdvancePayment.Status.SCHEDULED).first(),
        "advance_paid": AdvancePayment.objects.filter(contract__reference="PLY-C0004", status=AdvancePayment.Status.PAID).first(),
    }


def test_the_invoice_and_payment_pages_are_accessible(payments, demo, new_page, live_server):
    contract = payments["contract"]
    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("payments:mine"), heading="Your invoices")
    visit(provider, reverse("payments:contract", args=[contract.pk]), heading="Payments")
    visit(provider, reverse("payments:invoice-send", args=[contract.pk]), heading=f"Send an invoice for {contract.reference}")
    submit_empty(provider, "Send the invoice", expected_error="Enter the invoice number")
    visit(provider, reverse("payments:invoice", args=[payments["paid"].pk]), heading=f"Invoice {payments['paid'].number}")
    visit(provider, reverse("payments:invoice-receipt", args=[payments["paid"].pk]))

    staff = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(staff, reverse("payments:queue", args=["plymouth"]), heading="Invoices")
    visit(staff, reverse("payments:statistics", args=["plymouth"]), heading="Payment statistics")
    approved, received = payments["approved"], payments["received"]
    visit(staff, reverse("payments:invoice", args=[approved.pk]), heading=f"Invoice {approved.number}")
    visit(staff, reverse("payments:invoice-pay", args=[approved.pk]))
    visit(staff, reverse("payments:invoice-approve", args=[received.pk]))
    visit(staff, reverse("payments:invoice-dispute", args=[received.pk]))
    submit_empty(staff, "Dispute the invoice", expected_error="Enter why the invoice is disputed")
    visit(staff, reverse("payments:invoice-cancel", args=[received.pk]))
    staff.get_by_label("Why the invoice is cancelled").fill("Sent twice")
    staff.get_by_role("button", name="Cancel the invoice").click()
    visit(staff, reverse("payments:invoice-dispute", args=[approved.pk]))
    staff.get_by_label("Why the invoice is disputed").fill("The rate is last year's")
    staff.get_by_role("button", name="Dispute the invoice").click()
    visit(staff, reverse("payments:invoice-resolve", args=[approved.pk]))
    visit(staff, reverse("payments:invoice-record", args=[contract.pk]))
    visit(staff, reverse("payments:contract", args=[payments["advance"].pk]), heading="Payments")
    visit(staff, reverse("payments:schedule-create", args=[payments["draft"].pk]))
    visit(staff, reverse("payments:advance-pay", args=[payments["scheduled"].pk]))
    visit(staff, reverse("payments:advance-receipt", args=[payments["advance_paid"].pk]))
