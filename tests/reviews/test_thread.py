"""The golden thread closed: a priority's contracts, their cost by financial year, reviews, and the indicators."""

import datetime
from decimal import Decimal

import pytest

from jointly.contracts.models import Contract, ContractMeasure
from jointly.reviews.home import priority_links
from jointly.reviews.models import Review
from jointly.reviews.selectors.thread import priority_thread

from ..assessment.factories import PriorityFactory, PriorityTargetFactory, observe
from ..contracts.factories import ContractFactory
from .factories import ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def priority(trust):
    priority = PriorityFactory(trust=trust, title="Young carers are supported")
    target = PriorityTargetFactory(priority=priority, baseline_value=60.0, target_value=70.0, direction="increase")
    observe(target.indicator, trust.area, "2025/26", 58.0)
    observe(target.indicator, trust.area, "2026/27", 64.0)
    return priority


def _serving(contract, priority):
    ContractMeasure.objects.create(contract=contract, kind="outcome", text="Fewer worries", priority=priority)
    return contract


def test_the_thread_shows_contracts_cost_reviews_and_the_indicator(priority, trust, commissioner):
    serving = _serving(ContractFactory(trust=trust, status=Contract.Status.ACTIVE), priority)
    _serving(ContractFactory(trust=trust), priority)  # a draft: not yet commissioned
    ContractFactory(trust=trust, status=Contract.Status.ACTIVE)  # serves another priority
    ReviewFactory(contract=serving, status=Review.Status.COMPLETED, completed_on=datetime.date(2028, 4, 2), decision="continue", finding="On track")

    thread = priority_thread(commissioner, priority)

    assert [row.contract for row in thread.contracts] == [serving]
    assert thread.contracts[0].latest_review.finding == "On track"
    assert [text for text in (m.text for m in thread.contracts[0].measures)] == ["Fewer worries"]
    # The factory's years start on 1 April: one financial year each.
    assert thread.cost_by_year == [("2027–28", Decimal("100000.00")), ("2028–29", Decimal("100000.00")), ("2029–30", Decimal("100000.00"))]
    assert thread.total == Decimal("300000.00")
    (need,) = thread.need
    assert (need.latest_value, need.latest_period, need.moved) == (64.0, "2026/27", "Better")


def test_the_priority_page_links_to_the_thread_for_staff_only(priority, trust, commissioner, provider_user, other_commissioner):
    _serving(ContractFactory(trust=trust, status=Contract.Status.ACTIVE), priority)

    ((text, href),) = priority_links(priority, commissioner)
    assert text.startswith("Commissioned for this priority: 1 contract, £300,000")
    assert href == f"/reviews/priorities/{priority.pk}/"
    assert priority_links(priority, provider_user) == []
    assert priority_links(priority, other_commissioner) == []


def test_the_thread_page_shows_it(priority, trust, commissioner_client, provider_client):
    _serving(ContractFactory(trust=trust, status=Contract.Status.ACTIVE), priority)
    page = commissioner_client.get(f"/reviews/priorities/{priority.pk}/")
    assert page.status_code == 200
    assert "£300,000" in page.content.decode() and "2027–28" in page.content.decode()
    assert provider_client.get(f"/reviews/priorities/{priority.pk}/").status_code == 403
