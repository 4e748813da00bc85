"""contracts.services.payments, invoices: sent, recorded, approved, disputed, resolved, paid, received, cancelled."""

import datetime
from decimal import Decimal

import pytest

from jointly.audit.models import AuditEntry
from jointly.contracts.models import Contract, ContractParty, Invoice
from jointly.contracts.services import payments as services
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition

from ..factories import OrganisationFactory
from .factories import ContractFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
APRIL = {"period_starts_on": datetime.date(2026, 4, 1), "period_ends_on": datetime.date(2026, 4, 30)}


@pytest.fixture
def contract(trust, provider_org):
    # Three years from April 2025, £100,000 a year.
    return ContractFactory(
        trust=trust,
        supplier=provider_org,
        status=Contract.Status.ACTIVE,
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2028, 3, 31),
        value=Decimal("300000.00"),
        payment_terms_days=30,
    )


def send(contract, user, number="INV-1", amount="1000.00", today=TODAY, **extra):
    return services.invoice_submit(contract=contract, by=user, number=number, amount=Decimal(amount), today=today, **{**APRIL, **extra})


def errors_of(call) -> dict:
    with pytest.raises(FieldErrors) as raised:
        call()
    return raised.value.errors


def test_a_provider_sends_an_invoice_received_today_and_payable_after_the_terms(contract, provider_user):
    invoice = send(contract, provider_user, milestone="Quarter 1 report")
    assert invoice.status == Invoice.Status.RECEIVED
    assert invoice.supplier == provider_user.organisation
    assert invoice.channel == Invoice.Channel.ONLINE
    assert (invoice.received_on, invoice.valid_on, invoice.payable_on) == (TODAY, TODAY, datetime.date(2026, 12, 31))
    assert invoice.milestone == "Quarter 1 report"
    assert AuditEntry.objects.filter(object_id=str(invoice.pk), action=AuditEntry.Action.CREATE).exists()


def test_staff_record_a_paper_invoice_with_the_day_it_arrived_and_the_contracts_own_terms(contract, commissioner, provider_org):
    contract.payment_terms_days = 14
    contract.save()
    invoice = services.invoice_record(
        contract=contract,
        by=commissioner,
        supplier=provider_org,
        number="P-77",
        amount=Decimal("250.00"),
        received_on=datetime.date(2026, 5, 2),
        today=TODAY,
        **APRIL,
    )
    assert invoice.channel == Invoice.Channel.PAPER
    assert invoice.payable_on == datetime.date(2026, 5, 16)


def test_a_consortium_member_invoices_in_its_own_name_but_an_outsider_cannot_be_the_supplier(contract, commissioner):
    member = OrganisationFactory(name="Partner Charity")
    ContractParty.objects.create(contract=contract, organisation=member, part=ContractParty.Part.MEMBER, work_share=0, money_share=0)
    invoice = services.invoice_record(
        contract=contract, by=commissioner, supplier=member, number="M-1", amount=Decimal("10"), received_on=TODAY, today=TODAY, **APRIL
    )
    assert invoice.supplier == member
    errors = errors_of(
        lambda: services.invoice_record(
            contract=contract, by=commissioner, supplier=OrganisationFactory(), number="X-1", amount=Decimal("10"), received_on=TODAY, **APRIL
        )
    )
    assert errors == {"supplier": "Choose a party to this contract"}


def test_an_invoice_over_what_is_left_of_the_years_value_says_how_much_is_left(contract, provider_user):
    send(contract, provider_user, number="A", amount="99000.00")
    errors = errors_of(lambda: send(contract, provider_user, number="B", amount="1000.01"))
    assert errors == {"amount": "The amount is more than is left of year 2's value: £1,000.00 of £100,000.00 is left"}
    # The last £1,000 is still there to invoice, and the next year is untouched.
    send(contract, provider_user, number="C", amount="1000.00")
    send(contract, provider_user, number="D", amount="5000.00", period_starts_on=datetime.date(2027, 4, 1), period_ends_on=datetime.date(2027, 4, 30))


def test_a_cancelled_invoice_gives_back_its_value_and_its_number(contract, provider_user, commissioner):
    invoice = send(contract, provider_user, number="A", amount="100000.00")
    services.invoice_cancel(invoice=invoice, by=commissioner, reason="Sent in error")
    again = send(contract, provider_user, number="A", amount="100000.00")
    assert again.status == Invoice.Status.RECEIVED


def test_a_suppliers_invoice_number_is_used_once_across_its_contracts(contract, provider_user, trust, provider_org):
    send(contract, provider_user, number="INV-9")
    second = ContractFactory(
        trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE, starts_on=contract.starts_on, ends_on=contract.ends_on
    )
    errors = errors_of(lambda: send(second, provider_user, number="inv-9"))
    assert errors["number"] == (
        f"{provider_org.name} has already sent invoice INV-9 (on {contract.reference}, received 1 December 2026): use a new number"
    )


def test_bad_input_is_refused_field_by_field(contract, commissioner, provider_org):
    errors = errors_of(
        lambda: services.invoice_record(
            contract=contract,
            by=commissioner,
            supplier=provider_org,
            number=" ",
            amount=Decimal("0"),
            received_on=datetime.date(2026, 12, 2),
            period_starts_on=datetime.date(2024, 4, 1),
            period_ends_on=datetime.date(2024, 4, 30),
            today=TODAY,
        )
    )
    assert errors == {
        "number": "Enter the invoice number",
        "amount": "The amount must be more than £0",
        "received_on": "The date received cannot be in the future",
        "period_starts_on": "The period must be within the contract's term, 1 April 2025 to 31 March 2028",
    }
    errors = errors_of(lambda: send(contract, commissioner, period_starts_on=datetime.date(2026, 5, 1), period_ends_on=datetime.date(2026, 4, 1)))
    assert errors["period_ends_on"] == "The end of the period must be on or after its start"


def test_a_draft_or_cancelled_contract_cannot_be_invoiced(trust, provider_org, provider_user):
    draft = ContractFactory(trust=trust, supplier=provider_org, starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2028, 3, 31))
    assert errors_of(lambda: send(draft, provider_user))["__all__"] == f"{draft.reference} is draft, so it cannot be invoiced."


def test_approve_then_pay_then_the_supplier_confirms_receipt(contract, provider_user, commissioner):
    invoice = send(contract, provider_user, today=datetime.date(2026, 5, 1))
    invoice = services.invoice_approve(invoice=invoice, by=commissioner)
    invoice = services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 5, 20), today=TODAY)
    assert (invoice.status, invoice.paid_on, invoice.days_to_pay) == (Invoice.Status.PAID, datetime.date(2026, 5, 20), 19)
    invoice = services.invoice_supplier_receipt_record(invoice=invoice, by=provider_user, received_on=datetime.date(2026, 5, 22), today=TODAY)
    assert invoice.supplier_received_on == datetime.date(2026, 5, 22)
    moves = AuditEntry.objects.filter(object_id=str(invoice.pk), action=AuditEntry.Action.TRANSITION).count()
    assert moves == 2


def test_paying_twice_is_refused_with_the_day_it_was_paid(contract, provider_user, commissioner):
    invoice = services.invoice_approve(invoice=send(contract, provider_user, today=datetime.date(2026, 5, 1)), by=commissioner)
    services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 5, 20), today=TODAY)
    with pytest.raises(InvalidTransition, match=r"^Invoice INV-1 was paid on 20 May 2026\. It cannot be paid twice\.$"):
        services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 5, 21), today=TODAY)
    assert Invoice.objects.get().paid_on == datetime.date(2026, 5, 20)


def test_an_invoice_is_paid_only_once_approved_and_not_on_a_future_or_earlier_date(contract, provider_user, commissioner):
    invoice = send(contract, provider_user, today=datetime.date(2026, 5, 1))
    with pytest.raises(InvalidTransition, match="only when it is approved for payment"):
        services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 5, 2), today=TODAY)
    invoice = services.invoice_approve(invoice=invoice, by=commissioner)
    assert errors_of(lambda: services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 12, 2), today=TODAY)) == {
        "paid_on": "The date paid cannot be in the future"
    }
    assert errors_of(lambda: services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 4, 30), today=TODAY)) == {
        "paid_on": "The date paid cannot be before the invoice was received, 1 May 2026"
    }


def test_receipt_is_recorded_only_for_a_payment_made_and_not_before_it(contract, provider_user, commissioner):
    invoice = send(contract, provider_user, today=datetime.date(2026, 5, 1))
    assert errors_of(lambda: services.invoice_supplier_receipt_record(invoice=invoice, by=provider_user, received_on=TODAY, today=TODAY)) == {
        "__all__": "Only a payment that has been made can be received."
    }
    invoice = services.invoice_pay(
        invoice=services.invoice_approve(invoice=invoice, by=commissioner), by=commissioner, paid_on=datetime.date(2026, 5, 20), today=TODAY
    )
    errors = errors_of(
        lambda: services.invoice_supplier_receipt_record(invoice=invoice, by=provider_user, received_on=datetime.date(2026, 5, 19), today=TODAY)
    )
    assert errors == {"received_on": "The money cannot arrive before it was paid, 20 May 2026"}


def test_a_dispute_needs_a_reason_and_stops_the_clock_until_resolved(contract, provider_user, commissioner):
    invoice = send(contract, provider_user, today=datetime.date(2026, 5, 1))
    assert errors_of(lambda: services.invoice_dispute(invoice=invoice, by=commissioner, reason=" ")) == {
        "reason": "Enter why the invoice is disputed"
    }
    invoice = services.invoice_dispute(invoice=invoice, by=commissioner, reason="Sessions double counted", today=datetime.date(2026, 5, 10))
    assert (invoice.status, invoice.disputed_on, invoice.dispute_reason) == (
        Invoice.Status.DISPUTED,
        datetime.date(2026, 5, 10),
        "Sessions double counted",
    )
    assert not invoice.is_past_due(datetime.date(2026, 7, 1))
    # Corrected: valid from the day the correction was accepted, payable the terms after.
    invoice = services.invoice_resolve(
        invoice=invoice, by=commissioner, outcome=Invoice.Outcome.CORRECTED, approve=True, today=datetime.date(2026, 5, 25)
    )
    assert (invoice.status, invoice.valid_on, invoice.payable_on) == (Invoice.Status.APPROVED, datetime.date(2026, 5, 25), datetime.date(2026, 6, 24))
    invoice = services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 6, 4), today=TODAY)
    assert invoice.days_to_pay == 10  # from 25 May, not 34 from 1 May


def test_a_withdrawn_dispute_leaves_the_clock_running_from_receipt(contract, provider_user, commissioner):
    invoice = send(contract, provider_user, today=datetime.date(2026, 5, 1))
    invoice = services.invoice_dispute(invoice=invoice, by=commissioner, reason="Query on rates", today=datetime.date(2026, 5, 10))
    invoice = services.invoice_resolve(invoice=invoice, by=commissioner, outcome=Invoice.Outcome.WITHDRAWN, today=datetime.date(2026, 6, 20))
    assert (invoice.status, invoice.valid_on, invoice.payable_on) == (Invoice.Status.RECEIVED, datetime.date(2026, 5, 1), datetime.date(2026, 5, 31))
    assert invoice.is_past_due(datetime.date(2026, 6, 20))
    assert errors_of(lambda: services.invoice_resolve(invoice=invoice, by=commissioner, outcome="")) == {
        "outcome": "Choose how the dispute was resolved"
    }


def test_a_paid_invoice_cannot_be_disputed_or_cancelled(contract, provider_user, commissioner):
    invoice = services.invoice_approve(invoice=send(contract, provider_user, today=datetime.date(2026, 5, 1)), by=commissioner)
    with pytest.raises(InvalidTransition):
        services.invoice_cancel(invoice=invoice, by=commissioner, reason="No")
    invoice = services.invoice_pay(invoice=invoice, by=commissioner, paid_on=datetime.date(2026, 5, 2), today=TODAY)
    with pytest.raises(InvalidTransition):
        services.invoice_dispute(invoice=invoice, by=commissioner, reason="Too late")


def test_an_overlong_number_or_milestone_is_refused_not_truncated(contract, provider_user):
    assert errors_of(lambda: send(contract, provider_user, number="N" * 61))["number"] == "The invoice number must be 60 characters or fewer"
    assert errors_of(lambda: send(contract, provider_user, milestone="M" * 301)) == {"milestone": "The milestone must be 300 characters or fewer"}
