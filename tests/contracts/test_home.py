"""What contracts put on the home page: staff, the awards waiting for a contract, drafts and variations;
a provider, its contracts. And the provider's own list in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from jointly.contracts.home import work
from jointly.contracts.models import Contract
from jointly.contracts.services import variations

from .factories import AwardFactory, ContractFactory

pytestmark = pytest.mark.django_db


def test_staff_see_what_waits_for_them(trust, commissioner, board_member):
    AwardFactory(decision__opportunity__trust=trust)
    ContractFactory(trust=trust)
    running = ContractFactory(trust=trust, status=Contract.Status.ACTIVE)
    variations.variation_propose(
        contract=running,
        by=commissioner,
        reason="More",
        value_change="60000",
        applies_from=datetime.date(2027, 6, 1),
        today=datetime.date(2027, 5, 1),
    )

    tasks = {task.text: task.count for task in work(commissioner, trust)}
    assert tasks == {
        "Awards ready for contract": 1,
        "Draft contracts to complete and sign": 1,
        "Contract variations awaiting a decision": 1,
        "Invoices to approve or pay": 0,
    }
    assert {task.text for task in work(board_member, trust)} == {"Contract variations awaiting a decision"}


def test_a_provider_sees_its_contracts(trust, provider_user, other_provider_user):
    ContractFactory(trust=trust, supplier=provider_user.organisation, status=Contract.Status.ACTIVE)
    assert [(task.text, task.count) for task in work(provider_user, trust)] == [("Your contracts", 1)]
    assert work(other_provider_user, trust) == []


def test_the_providers_list_in_a_fixed_number_of_queries(trust, other_trust, provider_user, provider_client, django_assert_max_num_queries):
    for owner_trust in (trust, trust, other_trust):
        ContractFactory(trust=owner_trust, supplier=provider_user.organisation, status=Contract.Status.ACTIVE)
    provider_client.get(reverse("contracts:mine"))
    with django_assert_max_num_queries(12):
        page = provider_client.get(reverse("contracts:mine")).content.decode()
    assert page.count("Signed and running") == 3 and other_trust.name.replace("'", "&#x27;") in page
