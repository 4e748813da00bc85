"""The full cost recovery template on a bid: a hand-worked example, bad sums refused, a price below full cost warned."""

from decimal import Decimal as D

import pytest

from jointly.core.errors import FieldErrors
from jointly.procurement.services import bids as services

from .bids_helpers import PRICING, open_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def bid(trust, provider_user):
    return services.bid_start(opportunity=open_opportunity(trust=trust, questions=0), by=provider_user)


def test_the_hand_worked_example(bid, provider_user):
    # Direct £60,000 staff + £30,000 running + £10,000 non-cash = £100,000.
    # Premises £50,000 by headcount, 4 of 20 → £10,000; central £30,000 by staff time, 2,500 of 10,000 hours → £7,500;
    # governance £12,000 by expenditure, £100,000 of £1,200,000 → £1,000. Full cost £118,500; 50 families → £2,370.00 each.
    services.bid_pricing_save(bid=bid, by=provider_user, **PRICING)
    bid.refresh_from_db()
    cost = services.bid_full_cost(bid)
    assert cost.direct == D("100000.00")
    assert {share.pool.key: share.amount for share in cost.shares} == {"premises": D("10000.00"), "central": D("7500.00"), "governance": D("1000.00")}
    assert (cost.overheads, cost.total, cost.per_unit) == (D("18500.00"), D("118500.00"), D("2370.00"))
    assert services.price_below_full_cost(bid, cost) is None


def test_a_price_below_the_full_cost_is_warned_not_refused(bid, provider_user):
    services.bid_pricing_save(bid=bid, by=provider_user, **{**PRICING, "price": "100000"})
    bid.refresh_from_db()
    assert bid.price == D("100000.00")
    assert services.price_below_full_cost(bid) == D("18500.00")
    assert "price" not in services.bid_problems(bid)


def test_every_bad_figure_is_refused_at_once_and_nothing_changes(bid, provider_user):
    services.bid_pricing_save(bid=bid, by=provider_user, **PRICING)
    with pytest.raises(FieldErrors) as refused:
        services.bid_pricing_save(
            bid=bid,
            by=provider_user,
            price="lots",
            direct_staff="-5",
            units="0",
            overheads={
                # The service's share of a driver cannot be more than the organisation's whole.
                "premises": ("50000", "20", "40"),
                # A pool needs all three figures.
                "central": ("30000", "", ""),
                "governance": ("12000", "0", "0"),
            },
        )
    assert set(refused.value.errors) == {"price", "direct_staff", "units", "premises", "central", "governance"}
    assert "cannot be more than the organisation's" in refused.value.errors["premises"]
    bid.refresh_from_db()
    assert bid.price == D("118500.00") and bid.overheads.count() == 3


def test_a_draft_may_be_priced_bit_by_bit_and_a_pool_left_out_is_removed(bid, provider_user):
    services.bid_pricing_save(bid=bid, by=provider_user, **PRICING)
    services.bid_pricing_save(bid=bid, by=provider_user, direct_staff="70000", overheads={"premises": ("50000", "20", "4")})
    bid.refresh_from_db()
    assert (bid.price, bid.direct_costs, bid.units) == (None, D("70000.00"), None)
    assert [row.pool for row in bid.overheads.all()] == ["premises"]
    assert services.bid_full_cost(bid) is None  # no units yet
    assert {"price", "units", "unit_name"} <= set(services.bid_problems(bid))


def test_fundraising_counts_when_relevant(bid, provider_user):
    services.bid_pricing_save(
        bid=bid, by=provider_user, price="1000", direct_staff="1000", units="3", unit_name="session", overheads={"fundraising": ("1000", "7", "3")}
    )
    bid.refresh_from_db()
    cost = services.bid_full_cost(bid)
    # £1,000 × 3/7 = £428.57; £1,428.57 over 3 sessions = £476.19 each.
    assert (cost.total, cost.per_unit) == (D("1428.57"), D("476.19"))
    assert services.price_below_full_cost(bid, cost) == D("428.57")
