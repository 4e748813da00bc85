"""A contract's payments as OCDS 1.1 implementation transactions (paid invoices and paid payments in advance).

Each transaction names its payer (the buyer, the contracting authority) and payee (the party paid) by
the same party ids as the procurement's releases (`procurement.ocds.organisation_party_id`), so
they join up with the award's supplier under the one `ocid`. Amounts include VAT, as everywhere in
Jointly; OCDS 1.1's transaction `value` carries them in pounds. Only payments made are published:
an invoice received or disputed is not a transaction.
"""

from __future__ import annotations

from jointly.procurement.ocds import organisation_party_id

from .models import AdvancePayment, Contract, Invoice


def _party(organisation) -> dict:
    return {"id": organisation_party_id(organisation), "name": organisation.name}


def transactions_for(contract: Contract) -> list[dict]:
    """The contract's implementation.transactions, oldest first."""
    payer = _party(contract.buyer)
    rows = []
    for invoice in Invoice.objects.filter(contract=contract, status=Invoice.Status.PAID).select_related("supplier"):
        rows.append(
            (
                invoice.paid_on,
                {
                    "id": f"{contract.reference}-invoice-{invoice.pk}",
                    "source": "invoice",
                    "date": invoice.paid_on.isoformat(),
                    "value": {"amount": float(invoice.amount), "currency": "GBP"},
                    "payer": payer,
                    "payee": _party(invoice.supplier),
                },
            )
        )
    payee = _party(contract.supplier)
    for payment in AdvancePayment.objects.filter(contract=contract, status=AdvancePayment.Status.PAID):
        rows.append(
            (
                payment.paid_on,
                {
                    "id": f"{contract.reference}-advance-{payment.number}",
                    "source": "advance payment",
                    "date": payment.paid_on.isoformat(),
                    "value": {"amount": float(payment.amount), "currency": "GBP"},
                    "payer": payer,
                    "payee": payee,
                },
            )
        )
    return [transaction for _, transaction in sorted(rows, key=lambda row: (row[0], row[1]["id"]))]
