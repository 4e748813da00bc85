"""The contracts API (staff by trust, providers their own, problem bodies) and the OCDS contract stage."""

import datetime

import pytest
from django.utils import timezone

from jointly.contracts.models import Contract
from jointly.contracts.services import variations
from jointly.procurement import ocds
from jointly.procurement.models import Opportunity
from tests.open_data_schemas import ocds_errors

from .factories import AwardFactory, ContractFactory

pytestmark = pytest.mark.django_db


def test_staff_list_their_trusts_contracts_and_providers_their_own(
    trust, other_trust, provider_org, commissioner_client, provider_client, other_provider_client
):
    mine = ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE)
    ContractFactory(trust=other_trust, status=Contract.Status.ACTIVE)
    ContractFactory(trust=trust, supplier=provider_org)  # a draft: not the provider's to see

    staff = commissioner_client.get("/api/v1/contracts").json()
    assert staff["count"] == 2
    assert [row["id"] for row in provider_client.get("/api/v1/contracts").json()["items"]] == [mine.pk]
    assert other_provider_client.get(f"/api/v1/contracts/{mine.pk}").status_code == 404
    assert provider_client.get(f"/api/v1/contracts/{mine.pk}").json()["parties"][0]["part"] == "lead"


def test_a_variation_by_api_refused_with_fields_then_proposed(trust, commissioner_client, provider_client):
    running = ContractFactory(trust=trust, status=Contract.Status.ACTIVE)
    url = f"/api/v1/contracts/{running.pk}/variations"
    refused = commissioner_client.post(url, {"reason": "", "value_change": "1000", "applies_from": "2027-06-01"}, content_type="application/json")
    assert refused.status_code == 400
    assert {error["field"] for error in refused.json()["errors"]} == {"reason"}
    beyond = commissioner_client.post(
        url, {"reason": "Grow", "value_change": "900000", "changes_nature": True, "applies_from": "2027-06-01"}, content_type="application/json"
    )
    assert beyond.status_code == 400
    assert {error["field"] for error in beyond.json()["errors"]} == {"value_change", "changes_nature"}
    made = commissioner_client.post(
        url, {"reason": "More referrals", "value_change": "1000", "applies_from": "2027-06-01"}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["status"] == "proposed"
    assert provider_client.post(url, {"reason": "x", "value_change": "1"}, content_type="application/json").status_code in (403, 404)


def test_the_contract_stage_shares_the_ocid_and_validates(trust, commissioner, board_member):
    award = AwardFactory(decision__opportunity__trust=trust)
    opportunity = award.decision.opportunity
    Opportunity.objects.filter(pk=opportunity.pk).update(published_at=timezone.now() - datetime.timedelta(days=60))
    contract = ContractFactory(
        trust=trust,
        origin=Contract.Origin.AWARD,
        award=award,
        supplier=award.organisation,
        status=Contract.Status.ACTIVE,
        signed_on=datetime.date(2027, 3, 20),
    )
    ContractFactory(trust=trust, status=Contract.Status.ACTIVE)  # a direct award recorded here: no ocid, no release
    variation = variations.variation_propose(
        contract=contract, by=commissioner, reason="More referrals", value_change="3000", today=datetime.date(2027, 6, 1)
    )
    variations.variation_decide(variation=variation, by=commissioner, approve=True, today=datetime.date(2027, 6, 2))

    package = ocds.package(ocds.published_opportunities(), uri="https://example.org/api/ocds/releases")
    assert ocds_errors(package) == []
    [release] = [row for row in package["releases"] if "contract" in row["tag"]]
    assert release["ocid"] == opportunity.ocid and release["tag"] == ["contract", "contractAmendment"]
    [entry] = release["contracts"]
    assert entry["awardID"] == f"{opportunity.ocid}-award-{award.pk}"
    assert entry["status"] == "active" and entry["dateSigned"].startswith("2027-03-20")
    assert entry["amendments"][0]["rationale"] == "More referrals"
    assert len([row for row in package["releases"] if "contract" in row["tag"]]) == 1


def test_drafts_are_not_published_and_an_ended_contract_is_terminated(trust):
    award = AwardFactory(decision__opportunity__trust=trust)
    Opportunity.objects.filter(pk=award.decision.opportunity_id).update(published_at=timezone.now() - datetime.timedelta(days=60))
    contract = ContractFactory(trust=trust, origin=Contract.Origin.AWARD, award=award, supplier=award.organisation)
    opportunity = Opportunity.objects.get(pk=award.decision.opportunity_id)
    assert not [row for row in ocds.releases(opportunity) if "contract" in row["tag"]]
    Contract.objects.filter(pk=contract.pk).update(status=Contract.Status.ENDED, ended_on=contract.ends_on)
    [release] = [row for row in ocds.releases(opportunity) if "contract" in row["tag"]]
    assert release["tag"] == ["contract", "contractTermination"] and release["contracts"][0]["status"] == "terminated"
    assert ocds_errors(ocds.package([opportunity], uri="https://example.org/x")) == []


def test_the_open_feed_carries_the_contract_release(trust, client):
    award = AwardFactory(decision__opportunity__trust=trust)
    Opportunity.objects.filter(pk=award.decision.opportunity_id).update(published_at=timezone.now() - datetime.timedelta(days=60))
    ContractFactory(trust=trust, origin=Contract.Origin.AWARD, award=award, supplier=award.organisation, status=Contract.Status.ACTIVE)
    opportunity = Opportunity.objects.get(pk=award.decision.opportunity_id)
    package = client.get(f"/api/ocds/releases/{opportunity.ocid}").json()
    assert ocds_errors(package) == []
    assert [row["tag"] for row in package["releases"]][-1] == ["contract"]
