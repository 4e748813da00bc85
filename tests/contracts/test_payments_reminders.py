"""The payment reminders through the one reminders job, on a frozen clock: invoices past their payable date, advance payments due."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from jointly.contracts import reminders
from jointly.contracts.models import Contract, Invoice, PaymentBasis
from jointly.contracts.services import payments as services
from jointly.contracts.tasks_payments import payment_dates

from ..conftest import _person
from ..factories import OrganisationFactory
from .factories import ContractFactory, InvoiceFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def today_is(monkeypatch):
    def freeze(day: datetime.date):
        monkeypatch.setattr(timezone, "localdate", lambda *args: day)

    return freeze


@pytest.fixture
def invoice(trust, provider_org, commissioner):
    contract = ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE, starts_on=D(2025, 4, 1), ends_on=D(2028, 3, 31))
    return InvoiceFactory(contract=contract, number="INV-7", received_on=D(2026, 5, 1), status=Invoice.Status.APPROVED)


def test_an_unpaid_invoice_is_reminded_once_the_day_after_it_was_payable(
    invoice, commissioner, provider_user, today_is, django_capture_on_commit_callbacks, tasks_run_at_once
):
    assert invoice.payable_on == D(2026, 5, 31)
    today_is(D(2026, 5, 31))
    assert [due for due in payment_dates(D(2026, 5, 31)) if due.kind == "invoice_overdue"] == []
    today_is(D(2026, 6, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_contract_reminders() == "1 reminders sent"
        assert reminders.send_contract_reminders() == "0 reminders sent"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [commissioner.email]  # the commissioners who pay, not the provider
    assert "invoice INV-7" in message.subject and "31 May 2026" in message.subject
    assert "1 day late" in message.body


def test_a_paid_or_disputed_invoice_is_not_reminded(invoice, commissioner, today_is):
    services.invoice_dispute(invoice=invoice, by=commissioner, reason="Wrong rate", today=D(2026, 5, 10))
    assert list(payment_dates(D(2026, 6, 10))) == []
    invoice = services.invoice_resolve(invoice=invoice, by=commissioner, outcome=Invoice.Outcome.CORRECTED, approve=True, today=D(2026, 6, 10))
    # Its new payable date, 10 July, is reminded once it has passed, under a key of its own.
    assert list(payment_dates(D(2026, 7, 10))) == []
    (due,) = payment_dates(D(2026, 7, 11))
    assert due.key == f"invoice:{invoice.pk}:overdue:20260710"
    services.invoice_pay(invoice=invoice, by=commissioner, paid_on=D(2026, 7, 11), today=D(2026, 7, 11))
    assert list(payment_dates(D(2026, 7, 12))) == []


def test_the_reminder_goes_to_the_buyers_own_commissioners_when_it_has_some(invoice, trust, commissioner):
    buyer_person = _person("commissioner", trust, organisation=invoice.contract.buyer)
    (due,) = payment_dates(D(2026, 6, 1))
    assert due.to == (buyer_person.email,)
    other = _person("commissioner", trust, organisation=OrganisationFactory())
    assert other.email not in payment_dates(D(2026, 6, 2)).__next__().to


def test_an_advance_payment_due_within_a_week_is_reminded_once(
    trust, provider_org, commissioner, today_is, django_capture_on_commit_callbacks, tasks_run_at_once
):
    contract = ContractFactory(
        trust=trust,
        supplier=provider_org,
        status=Contract.Status.ACTIVE,
        payment_basis=PaymentBasis.ADVANCE,
        starts_on=D(2026, 4, 1),
        ends_on=D(2029, 3, 31),
    )
    services.advance_schedule_create(contract=contract, by=commissioner)
    # The second payment is due on 1 July 2026: reminded from 24 June, once.
    assert [due.kind for due in payment_dates(D(2026, 6, 23))] == []
    today_is(D(2026, 6, 24))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_contract_reminders() == "1 reminders sent"
    today_is(D(2026, 6, 27))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.send_contract_reminders() == "0 reminders sent"
    assert len(mail.outbox) == 1
    assert "payment in advance 2" in mail.outbox[0].subject and "1 July 2026" in mail.outbox[0].subject
    assert mail.outbox[0].to == [commissioner.email]
