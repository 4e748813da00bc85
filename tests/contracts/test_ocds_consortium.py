"""contracts.ocds: a consortium contract names every member, as a party with its identifier and in the contract's suppliers."""

import datetime

import pytest
from django.utils import timezone

from jointly.contracts.models import Contract, ContractParty
from jointly.procurement import ocds
from jointly.procurement.models import Opportunity
from tests.open_data_schemas import ocds_errors

from ..factories import OrganisationFactory
from .factories import AwardFactory, ContractFactory

pytestmark = pytest.mark.django_db


def test_each_consortium_member_is_a_supplier_party_of_the_contract(trust):
    award = AwardFactory(decision__opportunity__trust=trust)
    Opportunity.objects.filter(pk=award.decision.opportunity_id).update(published_at=timezone.now() - datetime.timedelta(days=60))
    lead = award.organisation
    charity = OrganisationFactory(name="Bridges Youth Trust", charity_number="1100200")
    unregistered = OrganisationFactory(name="Anchor Parents Group")
    contract = ContractFactory(trust=trust, origin=Contract.Origin.AWARD, award=award, supplier=lead, status=Contract.Status.ACTIVE)
    for member in (charity, unregistered):
        ContractParty.objects.create(contract=contract, organisation=member, part=ContractParty.Part.MEMBER, work_share=20, money_share=20)
    opportunity = Opportunity.objects.get(pk=award.decision.opportunity_id)

    package = ocds.package([opportunity], uri="https://example.org/api/ocds/releases")
    assert ocds_errors(package) == []
    [release] = [row for row in package["releases"] if "contract" in row["tag"]]
    ids = {organisation: ocds.organisation_party_id(organisation) for organisation in (lead, charity, unregistered)}
    [entry] = release["contracts"]
    # The lead first, then the members by name.
    assert entry["suppliers"] == [
        {"id": ids[lead], "name": lead.name},
        {"id": ids[unregistered], "name": "Anchor Parents Group"},
        {"id": "GB-CHC-1100200", "name": "Bridges Youth Trust"},
    ]
    parties = {party["id"]: party for party in release["parties"]}
    assert set(parties) == {release["buyer"]["id"], *ids.values()}
    assert all(parties[party_id]["roles"] == ["supplier", "tenderer"] for party_id in ids.values())
    # Identified as the award's supplier is: by its register number where it has one.
    assert parties["GB-CHC-1100200"]["identifier"] == {"scheme": "GB-CHC", "id": "1100200", "legalName": "Bridges Youth Trust"}
    assert parties["GB-CHC-1100200"]["details"]["vcse"] is True


def test_the_payer_and_payee_of_each_transaction_are_parties_and_the_extensions_are_declared(trust):
    from decimal import Decimal

    from jointly.contracts.models import Invoice

    from .factories import InvoiceFactory

    award = AwardFactory(decision__opportunity__trust=trust)
    Opportunity.objects.filter(pk=award.decision.opportunity_id).update(published_at=timezone.now() - datetime.timedelta(days=60))
    contract = ContractFactory(trust=trust, origin=Contract.Origin.AWARD, award=award, supplier=award.organisation, status=Contract.Status.ACTIVE)
    InvoiceFactory(contract=contract, amount=Decimal("500.00"), status=Invoice.Status.PAID, paid_on=datetime.date(2026, 5, 20))
    opportunity = Opportunity.objects.get(pk=award.decision.opportunity_id)

    package = ocds.package([opportunity], uri="https://example.org/api/ocds/releases")
    assert ocds_errors(package) == []
    assert any("ocds_metrics_extension" in url for url in package["extensions"])
    assert any("ocds_contract_suppliers_extension" in url for url in package["extensions"])
    [release] = [row for row in package["releases"] if "contract" in row["tag"]]
    parties = {party["id"]: party for party in release["parties"]}
    [transaction] = release["contracts"][0]["implementation"]["transactions"]
    # The buying partner that pays is a party in its own right, beside the trust as buyer.
    assert parties[transaction["payer"]["id"]]["roles"] == ["payer"]
    assert parties[transaction["payer"]["id"]]["name"] == contract.buyer.name
    assert parties[transaction["payee"]["id"]]["roles"] == ["supplier", "tenderer", "payee"]
