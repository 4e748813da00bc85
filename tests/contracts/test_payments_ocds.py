"""contracts.ocds_payments: paid invoices and payments in advance as OCDS 1.1 implementation transactions."""

import datetime
from decimal import Decimal

import pytest

from jointly.contracts.models import Contract, Invoice, PaymentBasis
from jointly.contracts.ocds_payments import transactions_for
from jointly.contracts.services import payments as services
from jointly.procurement.ocds import organisation_party_id

from .factories import ContractFactory, InvoiceFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_only_payments_made_are_transactions_with_payer_and_payee(trust, provider_org, commissioner):
    contract = ContractFactory(
        trust=trust,
        supplier=provider_org,
        status=Contract.Status.ACTIVE,
        payment_basis=PaymentBasis.ADVANCE,
        starts_on=D(2025, 4, 1),
        ends_on=D(2028, 3, 31),
    )
    paid = InvoiceFactory(contract=contract, amount=Decimal("1234.50"), status=Invoice.Status.PAID, paid_on=D(2026, 5, 20))
    InvoiceFactory(contract=contract, status=Invoice.Status.RECEIVED)
    first = services.advance_schedule_create(contract=contract, by=commissioner)[0]
    services.advance_payment_pay(payment=first, by=commissioner, paid_on=D(2025, 3, 28), today=D(2025, 3, 28))
    buyer = {"id": organisation_party_id(contract.buyer), "name": contract.buyer.name}
    supplier = {"id": organisation_party_id(provider_org), "name": provider_org.name}
    assert transactions_for(contract) == [
        {
            "id": f"{contract.reference}-advance-1",
            "source": "advance payment",
            "date": "2025-03-28",
            "value": {"amount": 24931.51, "currency": "GBP"},
            "payer": buyer,
            "payee": supplier,
        },
        {
            "id": f"{contract.reference}-invoice-{paid.pk}",
            "source": "invoice",
            "date": "2026-05-20",
            "value": {"amount": 1234.5, "currency": "GBP"},
            "payer": buyer,
            "payee": supplier,
        },
    ]
