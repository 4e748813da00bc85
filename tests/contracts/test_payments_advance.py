"""contracts.services.payments, payments in advance: the schedule from the years' values, paid once, overdue flagged."""

import datetime
from decimal import Decimal

import pytest

from jointly.contracts.models import AdvancePayment, Contract, PaymentBasis
from jointly.contracts.services import payments as services
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition

from .factories import ContractFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def contract(trust, provider_org):
    return ContractFactory(
        trust=trust,
        supplier=provider_org,
        status=Contract.Status.ACTIVE,
        payment_basis=PaymentBasis.ADVANCE,
        starts_on=D(2025, 4, 1),
        ends_on=D(2028, 3, 31),
    )


def test_quarterly_in_advance_each_due_on_the_first_day_it_pays_for(contract, commissioner):
    rows = services.advance_schedule_create(contract=contract, by=commissioner)
    assert len(rows) == 12
    first_year = [(row.number, row.period_starts_on, row.period_ends_on, row.due_on, row.amount) for row in rows[:4]]
    # £100,000 in 365 days: 91, 92, 92 and 90 days.
    assert first_year == [
        (1, D(2025, 4, 1), D(2025, 6, 30), D(2025, 4, 1), Decimal("24931.51")),
        (2, D(2025, 7, 1), D(2025, 9, 30), D(2025, 7, 1), Decimal("25205.48")),
        (3, D(2025, 10, 1), D(2025, 12, 31), D(2025, 10, 1), Decimal("25205.48")),
        (4, D(2026, 1, 1), D(2026, 3, 31), D(2026, 1, 1), Decimal("24657.53")),
    ]
    for year in contract.years.all():
        assert sum(row.amount for row in rows if row.year_id == year.pk) == year.value


def test_monthly_payments_and_one_schedule_only(contract, commissioner):
    rows = services.advance_schedule_create(contract=contract, by=commissioner, per_year=12)
    assert len(rows) == 36 and rows[1].period_starts_on == D(2025, 5, 1)
    with pytest.raises(FieldErrors, match="already has its schedule"):
        services.advance_schedule_create(contract=contract, by=commissioner)


def test_only_a_contract_paid_in_advance_gets_a_schedule(trust, provider_org, commissioner):
    block = ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE)
    with pytest.raises(FieldErrors) as raised:
        services.advance_schedule_create(contract=block, by=commissioner)
    assert raised.value.errors == {"__all__": f"{block.reference} is not paid in advance (block payments)."}


def test_an_advance_payment_is_paid_once_and_overdue_until_then(contract, commissioner, provider_user):
    payment = services.advance_schedule_create(contract=contract, by=commissioner)[0]
    assert payment.is_overdue(D(2025, 4, 2)) and not payment.is_overdue(D(2025, 4, 1))
    payment = services.advance_payment_pay(payment=payment, by=commissioner, paid_on=D(2025, 4, 1), today=D(2025, 4, 2))
    assert payment.status == AdvancePayment.Status.PAID and not payment.is_overdue(D(2025, 5, 1))
    with pytest.raises(InvalidTransition, match="was paid on 1 April 2025. It cannot be paid twice"):
        services.advance_payment_pay(payment=payment, by=commissioner, paid_on=D(2025, 4, 2), today=D(2025, 4, 2))
    payment = services.advance_payment_supplier_receipt_record(payment=payment, by=provider_user, received_on=D(2025, 4, 2), today=D(2025, 4, 2))
    assert payment.supplier_received_on == D(2025, 4, 2)


def test_advance_payments_count_against_the_years_value(contract, commissioner, provider_user):
    services.advance_schedule_create(contract=contract, by=commissioner)
    with pytest.raises(FieldErrors) as raised:
        services.invoice_submit(
            contract=contract,
            by=provider_user,
            number="X",
            amount=Decimal("1"),
            period_starts_on=D(2025, 5, 1),
            period_ends_on=D(2025, 5, 31),
            today=D(2025, 6, 1),
        )
    assert raised.value.errors == {"amount": "The amount is more than is left of year 1's value: £0.00 of £100,000.00 is left"}
