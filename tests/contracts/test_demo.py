"""The contracts demo: contracts in every state for both regions, a consortium, advance payments and invoices,
a contract made from an awarded tender; loading twice adds nothing."""

import pytest

from jointly.contracts import demo
from jointly.contracts.models import AdvancePayment, Contract, ContractParty, Invoice
from jointly.partnerships import demo as partnerships_demo
from jointly.passport import demo as passport_demo
from jointly.plans import demo as plans_demo
from jointly.procurement import demo as procurement_demo

pytestmark = pytest.mark.django_db


def test_the_demo_holds_contracts_in_every_state_for_both_regions_once():
    partnerships_demo.load()
    passport_demo.load()
    plans_demo.load()
    procurement_demo.load()
    demo.load()
    counts = (Contract.objects.count(), Invoice.objects.count(), AdvancePayment.objects.count())
    demo.load()
    assert (Contract.objects.count(), Invoice.objects.count(), AdvancePayment.objects.count()) == counts

    for region in ("peninsula", "east-of-england"):
        states = set(Contract.objects.filter(trust__region__slug=region).values_list("status", flat=True))
        assert {Contract.Status.DRAFT, Contract.Status.ACTIVE, Contract.Status.ENDED} <= states, region
    assert Contract.objects.filter(status=Contract.Status.CANCELLED).exists()
    assert ContractParty.objects.filter(part=ContractParty.Part.MEMBER, contract__status=Contract.Status.ACTIVE).exists()
    assert AdvancePayment.objects.filter(contract__reference__in=["PLY-C0004", "ESX-C0002"]).exists()
    assert Contract.objects.filter(origin=Contract.Origin.AWARD).exists()
    buyers = Contract.objects.filter(supplier__slug="plymouth-young-carers-project", status=Contract.Status.ACTIVE).values("buyer").distinct()
    assert buyers.count() == 3
