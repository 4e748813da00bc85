"""Full cost recovery on small examples worked by hand."""

from decimal import Decimal as D

import pytest

from jointly.plans import fcr


def test_each_pool_is_shared_by_its_own_driver_and_added_to_direct_costs():
    # Direct £100,000. Premises £50,000 shared by headcount: 4 of 20 staff → £10,000.
    # Central £30,000 by staff time: 2,500 of 10,000 hours → £7,500.
    # Governance £12,000 by expenditure: £100,000 of £1,200,000 → £1,000.
    # Total £118,500 for 50 families → £2,370.00 a family.
    cost = fcr.full_cost(
        direct=D("100000"),
        pools=[
            fcr.Pool("premises", D("50000"), D("20"), D("4")),
            fcr.Pool("central", D("30000"), D("10000"), D("2500")),
            fcr.Pool("governance", D("12000"), D("1200000"), D("100000")),
        ],
        units=D("50"),
    )
    assert [share.amount for share in cost.shares] == [D("10000.00"), D("7500.00"), D("1000.00")]
    assert (cost.overheads, cost.total, cost.per_unit) == (D("18500.00"), D("118500.00"), D("2370.00"))
    assert cost.overhead_rate == D("0.185")


def test_average_not_marginal_shares_round_to_the_penny():
    # £1,000 × 3/7 = £428.571… → £428.57; the total of £1,428.57 over 3 units → £476.19.
    cost = fcr.full_cost(direct=D("1000"), pools=[fcr.Pool("fundraising", D("1000"), D("7"), D("3"))], units=D("3"))
    assert cost.shares[0].amount == D("428.57")
    assert (cost.total, cost.per_unit) == (D("1428.57"), D("476.19"))


def test_overheads_are_never_capped():
    # Overheads larger than the direct costs are counted in full: 100% of a £90,000 pool on £10,000 of direct costs.
    cost = fcr.full_cost(direct=D("10000"), pools=[fcr.Pool("central", D("90000"), D("1"), D("1"))], units=D("1"))
    assert cost.total == D("100000.00") and cost.overhead_rate == D("9")


def test_a_quoted_full_cost_bid_is_compared_at_its_total():
    # £431,000 for 280 families → £1,539.285… → £1,539.29.
    cost = fcr.quoted_cost(total=D("431000"), units=D("280"))
    assert cost.quoted and cost.per_unit == D("1539.29") and cost.overheads == 0


def test_cheapest_is_by_cost_per_unit_not_total():
    small = fcr.quoted_cost(total=D("1000"), units=D("1"))
    large = fcr.quoted_cost(total=D("5000"), units=D("10"))
    assert fcr.cheapest({"small": small, "large": large}) == "large"
    assert fcr.cheapest({}) is None


def test_an_empty_pool_with_no_driver_is_no_share():
    assert fcr.pool_share(fcr.Pool("premises", D("0"), D("0"), D("0"))).amount == D("0.00")


@pytest.mark.parametrize(
    ("pool", "message"),
    [
        (fcr.Pool("premises", D("1000"), D("0"), D("0")), "organisation's whole headcount"),
        (fcr.Pool("central", D("1000"), D("10"), D("11")), "cannot be more than the organisation's"),
        (fcr.Pool("premises", D("-1"), D("10"), D("1")), "0 or more"),
        (fcr.Pool("canteen", D("1"), D("10"), D("1")), "Unknown overhead pool"),
    ],
)
def test_impossible_pools_are_refused_with_the_reason(pool, message):
    with pytest.raises(fcr.CostingError, match=message):
        fcr.pool_share(pool)


def test_a_pool_counted_twice_or_no_units_is_refused():
    pool = fcr.Pool("premises", D("10"), D("10"), D("1"))
    with pytest.raises(fcr.CostingError, match="only once"):
        fcr.full_cost(direct=D("1"), pools=[pool, pool], units=D("1"))
    with pytest.raises(fcr.CostingError, match="more than 0"):
        fcr.full_cost(direct=D("1"), pools=[], units=D("0"))
