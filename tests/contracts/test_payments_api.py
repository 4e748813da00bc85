"""The payments API: a provider's own invoices and sending one, staff's trust's, the statistics; problems for bad input."""

import datetime

import pytest

from jointly.contracts.models import Contract, Invoice
from tests.api.conftest import ApiClient, assert_problem

from .factories import ContractFactory, InvoiceFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def contract(trust, provider_org):
    return ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE, starts_on=D(2025, 4, 1), ends_on=D(2028, 3, 31))


@pytest.fixture
def invoices(contract, other_trust):
    InvoiceFactory(contract=contract, number="MINE-1", status=Invoice.Status.PAID, paid_on=D(2026, 5, 20))
    # Another trust's, another provider's.
    InvoiceFactory(
        contract=ContractFactory(trust=other_trust, status=Contract.Status.ACTIVE, starts_on=D(2025, 4, 1), ends_on=D(2028, 3, 31)), number="THEIRS-1"
    )


def test_a_provider_lists_only_its_own_invoices(invoices, provider_user):
    body = ApiClient(provider_user).get("/payments/invoices").json()
    assert [item["number"] for item in body["items"]] == ["MINE-1"]
    assert body["items"][0]["days_to_pay"] == 19


def test_staff_list_their_trusts_invoices_by_state(invoices, commissioner, other_commissioner):
    api = ApiClient(commissioner)
    assert [item["number"] for item in api.get("/payments/invoices", status="paid").json()["items"]] == ["MINE-1"]
    assert api.get("/payments/invoices", status="received").json()["items"] == []
    assert [item["number"] for item in ApiClient(other_commissioner).get("/payments/invoices").json()["items"]] == ["THEIRS-1"]


def test_another_trusts_invoice_is_not_found(invoices, other_commissioner):
    mine = Invoice.objects.get(number="MINE-1")
    assert_problem(ApiClient(other_commissioner).get(f"/payments/invoices/{mine.pk}"), 404)


def test_a_provider_sends_an_invoice_and_bad_input_is_a_problem_naming_the_fields(contract, provider_user, commissioner):
    api = ApiClient(provider_user)
    body = {"number": "API-1", "amount": "500.00", "period_starts_on": "2026-04-01", "period_ends_on": "2026-04-30"}
    response = api.post(f"/payments/contracts/{contract.pk}/invoices", body)
    assert response.status_code == 201
    assert response.json()["status"] == "received"
    problem = assert_problem(api.post(f"/payments/contracts/{contract.pk}/invoices", {**body, "amount": "1000000.00"}), 400)
    assert "API-1" in str(problem) and "left of year 2" in str(problem)
    assert_problem(ApiClient(commissioner).post(f"/payments/contracts/{contract.pk}/invoices", {**body, "number": "API-2"}), 403)


def test_the_statistics_for_a_half_year(invoices, commissioner, trust, provider_user):
    api, provider_api = ApiClient(commissioner), ApiClient(provider_user)
    assert_problem(provider_api.get("/payments/statistics", trust=trust.slug), 403)
    body = api.get("/payments/statistics", trust=trust.slug, half="2026-H1").json()
    assert (body["half_year"], body["starts_on"], body["ends_on"]) == ("2026-H1", "2026-04-01", "2026-09-30")
    assert body["total"]["invoices"] == 1 and body["total"]["paid_within_30_days"] == "100.0"
    assert_problem(api.get("/payments/statistics", trust=trust.slug, half="2026-H9"), 400)
