"""The invoice and payment pages: who may see and do what (the right person, another trust, a provider, anonymous)."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from jointly.contracts.models import AdvancePayment, Contract, Invoice, PaymentBasis
from jointly.contracts.services import payments as services

from .factories import ContractFactory, InvoiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(trust, provider_org):
    start = datetime.date(timezone.localdate().year - 1, 4, 1)
    return ContractFactory(
        trust=trust,
        supplier=provider_org,
        status=Contract.Status.ACTIVE,
        starts_on=start,
        ends_on=start.replace(year=start.year + 3) - datetime.timedelta(days=1),
    )


@pytest.fixture
def invoice(contract):
    received = timezone.localdate() - datetime.timedelta(days=40)
    return InvoiceFactory(
        contract=contract,
        number="INV-100",
        received_on=received,
        period_starts_on=contract.starts_on,
        period_ends_on=contract.starts_on + datetime.timedelta(days=29),
    )


def test_a_provider_sends_an_invoice_and_sees_it_in_its_list(provider_client, contract, provider_user):
    page = provider_client.get(reverse("payments:mine"))
    assert page.status_code == 200
    assert contract.reference in page.content.decode()
    url = reverse("payments:invoice-send", args=[contract.pk])
    assert provider_client.get(url).status_code == 200
    start = contract.starts_on
    data = {
        "number": "YC-1",
        "amount": "1200.00",
        "period_starts_on_0": start.day,
        "period_starts_on_1": start.month,
        "period_starts_on_2": start.year,
        "period_ends_on_0": 30,
        "period_ends_on_1": start.month,
        "period_ends_on_2": start.year,
    }
    response = provider_client.post(url, data)
    invoice = Invoice.objects.get(number="YC-1")
    assert response.status_code == 302 and response["Location"] == reverse("payments:invoice", args=[invoice.pk])
    assert (invoice.supplier, invoice.received_on) == (provider_user.organisation, timezone.localdate())
    assert "YC-1" in provider_client.get(reverse("payments:mine")).content.decode()


def test_a_bad_invoice_shows_every_error_in_the_summary(provider_client, contract):
    response = provider_client.post(reverse("payments:invoice-send", args=[contract.pk]), {"number": "", "amount": "999999999"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Enter the invoice number" in body
    assert "Enter the start of the period invoiced" in body


def test_another_provider_cannot_see_or_invoice_the_contract(other_provider_client, contract, invoice):
    assert other_provider_client.get(reverse("payments:invoice-send", args=[contract.pk])).status_code == 404
    assert other_provider_client.get(reverse("payments:invoice", args=[invoice.pk])).status_code == 404
    assert other_provider_client.get(reverse("payments:contract", args=[contract.pk])).status_code == 404
    assert "INV-100" not in other_provider_client.get(reverse("payments:mine")).content.decode()


def test_the_provider_cannot_approve_or_pay_its_own_invoice(provider_client, invoice):
    for name in ("invoice-approve", "invoice-pay", "invoice-dispute", "invoice-cancel"):
        response = provider_client.get(reverse(f"payments:{name}", args=[invoice.pk]))
        assert response.status_code == 403, name
    assert provider_client.get(reverse("payments:queue", args=[invoice.contract.trust.slug])).status_code == 403


def test_staff_cannot_send_a_providers_invoice_but_record_one_from_paper(commissioner_client, contract):
    assert commissioner_client.get(reverse("payments:invoice-send", args=[contract.pk])).status_code == 403
    assert commissioner_client.get(reverse("payments:invoice-record", args=[contract.pk])).status_code == 200


def test_the_commissioner_approves_pays_and_records_receipt(commissioner_client, invoice):
    detail = commissioner_client.get(reverse("payments:invoice", args=[invoice.pk])).content.decode()
    assert "Approve for payment" in detail and "Late" in detail
    assert commissioner_client.post(reverse("payments:invoice-approve", args=[invoice.pk])).status_code == 302
    today = timezone.localdate()
    response = commissioner_client.post(
        reverse("payments:invoice-pay", args=[invoice.pk]), {"paid_on_0": today.day, "paid_on_1": today.month, "paid_on_2": today.year}
    )
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert (invoice.status, invoice.paid_on) == (Invoice.Status.PAID, today)
    # Paying again is refused with the reason, on the form's error summary.
    again = commissioner_client.post(
        reverse("payments:invoice-pay", args=[invoice.pk]), {"paid_on_0": today.day, "paid_on_1": today.month, "paid_on_2": today.year}
    )
    assert again.status_code == 200
    assert f"was paid on {today:%-d %B %Y}. It cannot be paid twice." in again.content.decode()
    response = commissioner_client.post(
        reverse("payments:invoice-receipt", args=[invoice.pk]),
        {"received_on_0": today.day, "received_on_1": today.month, "received_on_2": today.year},
    )
    assert response.status_code == 302


def test_the_provider_confirms_the_day_the_money_arrived(provider_client, invoice, commissioner):
    invoice = services.invoice_pay(invoice=services.invoice_approve(invoice=invoice, by=commissioner), by=commissioner, paid_on=timezone.localdate())
    today = timezone.localdate()
    url = reverse("payments:invoice-receipt", args=[invoice.pk])
    assert provider_client.get(url).status_code == 200
    assert provider_client.post(url, {"received_on_0": today.day, "received_on_1": today.month, "received_on_2": today.year}).status_code == 302
    invoice.refresh_from_db()
    assert invoice.supplier_received_on == today


def test_dispute_and_resolve_through_the_pages(commissioner_client, invoice):
    assert commissioner_client.post(reverse("payments:invoice-dispute", args=[invoice.pk]), {"reason": "Wrong rate"}).status_code == 302
    assert "Wrong rate" in commissioner_client.get(reverse("payments:invoice", args=[invoice.pk])).content.decode()
    response = commissioner_client.post(reverse("payments:invoice-resolve", args=[invoice.pk]), {"outcome": "corrected", "approve": "on"})
    assert response.status_code == 302
    invoice.refresh_from_db()
    assert (invoice.status, invoice.valid_on) == (Invoice.Status.APPROVED, timezone.localdate())


def test_another_trusts_commissioner_sees_nothing(other_commissioner_client, invoice, trust):
    assert other_commissioner_client.get(reverse("payments:invoice", args=[invoice.pk])).status_code == 404
    assert other_commissioner_client.get(reverse("payments:invoice-approve", args=[invoice.pk])).status_code == 404
    assert other_commissioner_client.get(reverse("payments:contract", args=[invoice.contract_id])).status_code == 404
    assert other_commissioner_client.get(reverse("payments:queue", args=[trust.slug])).status_code == 404
    assert other_commissioner_client.get(reverse("payments:statistics", args=[trust.slug])).status_code == 404


def test_an_analyst_sees_the_figures_but_cannot_pay(client, analyst, invoice, trust):
    from tests.conftest import signed_in_client

    analyst_client = signed_in_client(analyst)
    assert analyst_client.get(reverse("payments:statistics", args=[trust.slug])).status_code == 200
    assert analyst_client.get(reverse("payments:invoice", args=[invoice.pk])).status_code == 200
    assert analyst_client.get(reverse("payments:invoice-pay", args=[invoice.pk])).status_code == 403


@pytest.mark.parametrize("name", ["mine", "invoice", "contract", "queue", "statistics", "statistics-csv", "invoice-pay"])
def test_anonymous_people_are_asked_to_sign_in(anonymous_client, invoice, trust, name):
    args = {"mine": [], "invoice": [invoice.pk], "contract": [invoice.contract_id], "invoice-pay": [invoice.pk]}.get(name, [trust.slug])
    response = anonymous_client.get(reverse(f"payments:{name}", args=args))
    assert response.status_code == 302 and "/sign-in" in response["Location"] or "login" in response["Location"]


def test_the_queue_filters_by_state_and_its_queries_do_not_grow(commissioner_client, contract, trust, django_assert_max_num_queries):
    for number in range(6):
        InvoiceFactory(contract=contract, number=f"Q-{number}", status=Invoice.Status.APPROVED if number % 2 else Invoice.Status.RECEIVED)
    with django_assert_max_num_queries(14):
        page = commissioner_client.get(reverse("payments:queue", args=[trust.slug]), {"status": "approved"})
    body = page.content.decode()
    assert "Q-1" in body and "Q-0" not in body


def test_the_providers_list_queries_do_not_grow(provider_client, contract, django_assert_max_num_queries):
    for number in range(6):
        InvoiceFactory(contract=contract, number=f"P-{number}")
    with django_assert_max_num_queries(14):
        assert provider_client.get(reverse("payments:mine")).status_code == 200


def test_the_contract_page_shows_the_advance_schedule_and_flags_overdue_payments(commissioner_client, commissioner, contract):
    contract.payment_basis = PaymentBasis.ADVANCE
    contract.save()
    page = commissioner_client.get(reverse("payments:contract", args=[contract.pk])).content.decode()
    assert "Schedule the payments in advance" in page
    assert commissioner_client.post(reverse("payments:schedule-create", args=[contract.pk]), {"per_year": "4"}).status_code == 302
    assert AdvancePayment.objects.filter(contract=contract).count() == 12
    page = commissioner_client.get(reverse("payments:contract", args=[contract.pk])).content.decode()
    assert "Overdue" in page  # the contract started over a year ago and none is paid
    payment = AdvancePayment.objects.filter(contract=contract).first()
    today = timezone.localdate()
    url = reverse("payments:advance-pay", args=[payment.pk])
    assert commissioner_client.post(url, {"paid_on_0": today.day, "paid_on_1": today.month, "paid_on_2": today.year}).status_code == 302
    payment.refresh_from_db()
    assert payment.status == AdvancePayment.Status.PAID
    # Each year's value is split by the days of its quarters, and adds up to the year's value.
    year = payment.year
    assert sum(p.amount for p in year.advance_payments.all()) == year.value == Decimal("100000.00")
    assert payment.period_ends_on == datetime.date(year.starts_on.year, 6, 30)


def test_staff_are_sent_from_the_providers_page_to_their_queue(commissioner_client, trust):
    response = commissioner_client.get(reverse("payments:mine"))
    assert response.status_code == 302 and response["Location"] == reverse("payments:queue", args=[trust.slug])


def test_the_home_page_work_counts_a_providers_unpaid_invoices_and_the_commissioners_queue(invoice, provider_user, commissioner, trust, analyst):
    from jointly.contracts.home_payments import work

    (mine,) = work(provider_user, trust)
    assert (mine.text, mine.count, mine.href) == ("Your invoices", 1, reverse("payments:mine"))
    (queue,) = work(commissioner, trust)
    assert (queue.count, queue.hint) == (1, "1 past the date they were payable.")
    assert work(analyst, trust) == []


def test_only_the_commissioner_pays_an_advance_payment_and_the_provider_confirms_it_arrived(
    provider_client, commissioner, contract, other_provider_client
):
    contract.payment_basis = PaymentBasis.ADVANCE
    contract.save()
    payment = services.advance_schedule_create(contract=contract, by=commissioner)[0]
    assert provider_client.get(reverse("payments:advance-pay", args=[payment.pk])).status_code == 403
    assert other_provider_client.get(reverse("payments:advance-receipt", args=[payment.pk])).status_code == 404
    payment = services.advance_payment_pay(payment=payment, by=commissioner, paid_on=contract.starts_on)
    today = timezone.localdate()
    url = reverse("payments:advance-receipt", args=[payment.pk])
    assert provider_client.post(url, {"received_on_0": today.day, "received_on_1": today.month, "received_on_2": today.year}).status_code == 302
    payment.refresh_from_db()
    assert payment.supplier_received_on == today
