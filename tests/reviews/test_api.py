"""The reviews and decommissioning API: staff their trusts', providers their own, another's is 404."""

import datetime

import pytest

from jointly.contracts.models import Contract

from ..contracts.factories import ContractFactory
from ..decommissioning.factories import prepared
from .factories import ActionFactory, PlanFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(trust, provider_org):
    return ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE)


def test_reviews_for_staff_and_the_provider(contract, commissioner_client, provider_client, other_commissioner_client, other_provider_client):
    review = ReviewFactory(contract=contract)
    listed = commissioner_client.get("/api/v1/reviews?trust=plymouth").json()
    assert [item["id"] for item in listed["items"]] == [review.pk]
    assert provider_client.get(f"/api/v1/reviews/{review.pk}").json()["contract_reference"] == contract.reference
    assert other_commissioner_client.get(f"/api/v1/reviews/{review.pk}").status_code == 404
    assert other_provider_client.get("/api/v1/reviews").json()["items"] == []


def test_an_improvement_plan_with_its_actions(contract, provider_client, other_provider_client):
    plan = PlanFactory(contract=contract)
    ActionFactory(plan=plan, due_on=datetime.date(2020, 1, 1))
    body = provider_client.get(f"/api/v1/improvement-plans/{plan.pk}").json()
    assert [(a["owner"], a["overdue"]) for a in body["actions"]] == [("Service manager", True)]
    assert other_provider_client.get(f"/api/v1/improvement-plans/{plan.pk}").status_code == 404


def test_decommissionings_for_staff_and_not_yet_for_the_provider(contract, commissioner, commissioner_client, provider_client):
    case = prepared(contract, commissioner)
    body = commissioner_client.get(f"/api/v1/decommissionings/{case.pk}").json()
    assert (body["status"], body["users_affected"], len(body["exit_plan"])) == ("draft", 2, 2)
    assert commissioner_client.get("/api/v1/decommissionings").json()["items"][0]["id"] == case.pk
    assert provider_client.get(f"/api/v1/decommissionings/{case.pk}").status_code == 404
    assert provider_client.get("/api/v1/decommissionings").json()["items"] == []
