"""The resources API: same permissions as the pages, filters, and the VCS-investment figures."""

import pytest
from django.test import Client

from jointly.partnerships.models import Sector
from jointly.resources.models import PooledFund
from jointly.resources.services import budget_create, contribution_add, pooled_fund_create

from ..conftest import signed_in_client
from ..factories import OrganisationFactory
from .factories import SpendRecordFactory


@pytest.fixture
def records(trust, council, icb, charity):
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=600, year="2026-27")
    SpendRecordFactory(trust=trust, partner=council, provider=OrganisationFactory(sector=Sector.PRIVATE), amount=400, year="2026-27")
    SpendRecordFactory(trust=trust, partner=icb, provider=charity, amount=50, year="2025-26")
    budget_create(trust=trust, organisation=council, year="2026-27", amount=1000)
    fund = pooled_fund_create(
        trust=trust, name="CAMHS", kind=PooledFund.Kind.POOLED, host=icb, year="2026-27", legal_basis=PooledFund.LegalBasis.NHS_ACT_S75
    )
    contribution_add(fund=fund, organisation=council, amount=10)


def test_spend_is_filtered_by_year_and_sector(commissioner_client, trust, records):
    body = commissioner_client.get(f"/api/v1/trusts/{trust.slug}/spend", {"year": "2026-27", "sector": "vcs"}).json()
    assert body["count"] == 1
    assert body["items"][0]["amount"] == "600.00" and body["items"][0]["provider_sector"] == "vcs"


def test_vcs_investment_by_year(commissioner_client, trust, records):
    body = commissioner_client.get(f"/api/v1/trusts/{trust.slug}/vcs-investment").json()
    assert body == [
        {"trust": "plymouth", "year": "2026-27", "vcs_spend": "600.00", "all_spend": "1000.00", "vcs_share_percent": "60.0"},
        {"trust": "plymouth", "year": "2025-26", "vcs_spend": "50.00", "all_spend": "50.00", "vcs_share_percent": "100.0"},
    ]


def test_budgets_and_funds(commissioner_client, trust, records):
    budgets = commissioner_client.get(f"/api/v1/trusts/{trust.slug}/budgets").json()
    assert budgets[0]["partner"] == "plymouth-city-council" and budgets[0]["amount"] == "1000.00"
    funds = commissioner_client.get(f"/api/v1/trusts/{trust.slug}/funds").json()
    assert funds[0]["legal_basis"] == "nhs_act_2006_s75"
    assert funds[0]["contributions"] == [{"partner": "plymouth-city-council", "amount": "10.00", "in_kind": False}]


@pytest.mark.parametrize("path", ["budgets", "funding-streams", "funds", "spend", "vcs-investment"])
def test_another_trusts_user_gets_not_found(other_commissioner_client, trust, path):
    response = other_commissioner_client.get(f"/api/v1/trusts/{trust.slug}/{path}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("path", ["budgets", "spend", "vcs-investment"])
def test_a_provider_is_forbidden(provider_client, trust, path):
    assert provider_client.get(f"/api/v1/trusts/{trust.slug}/{path}").status_code == 403


def test_anonymous_calls_are_refused(trust):
    assert Client().get(f"/api/v1/trusts/{trust.slug}/spend").status_code == 401


def test_an_analyst_reads_spend(analyst, trust, records):
    assert signed_in_client(analyst).get(f"/api/v1/trusts/{trust.slug}/spend").status_code == 200


def test_spend_shows_the_directory_service_it_paid_for_by_its_oruk_id(commissioner_client, trust, council, charity, charity_service):
    SpendRecordFactory(trust=trust, partner=council, provider=charity, service=charity_service, amount=700)
    SpendRecordFactory(trust=trust, partner=council, provider=charity, amount=300)
    body = commissioner_client.get(f"/api/v1/trusts/{trust.slug}/spend").json()
    assert sorted((item["amount"], item["service_id"]) for item in body["items"]) == [("300.00", None), ("700.00", str(charity_service.uuid))]
