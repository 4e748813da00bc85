"""Full cost recovery (ACEVO / New Philanthropy Capital), as pure functions.

The full cost of a service is its direct costs (non-cash costs included) plus a
share of each overhead pool, each pool apportioned by its own driver:

* premises and office costs by headcount;
* central functions (finance, HR, IT) by staff time;
* governance and strategic development by expenditure;
* fundraising, where relevant, by the income raised for the service.

Average, not marginal, cost: the share is the pool times the service's part of
the driver. There is no cap on overheads. The same functions price in-house
services and external bids, so a make-or-buy comparison is like for like.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")

# pool key: (name, driver)
POOLS: dict[str, tuple[str, str]] = {
    "premises": ("Premises and office costs", "headcount (full-time equivalent staff)"),
    "central": ("Central functions: finance, HR, IT", "staff time (hours)"),
    "governance": ("Governance and strategic development", "expenditure (pounds)"),
    "fundraising": ("Fundraising", "income raised (pounds)"),
}


class CostingError(ValueError):
    """A costing that cannot be worked out, with the reason for people."""


@dataclass(frozen=True)
class Pool:
    key: str
    cost: Decimal
    driver_total: Decimal
    driver_service: Decimal

    @property
    def name(self) -> str:
        return POOLS[self.key][0]

    @property
    def driver(self) -> str:
        return POOLS[self.key][1]


@dataclass(frozen=True)
class PoolShare:
    pool: Pool
    fraction: Decimal
    amount: Decimal


@dataclass(frozen=True)
class FullCost:
    direct: Decimal
    shares: tuple[PoolShare, ...]
    overheads: Decimal
    total: Decimal
    units: Decimal
    per_unit: Decimal
    quoted: bool = False

    @property
    def overhead_rate(self) -> Decimal | None:
        """Overheads as a share of direct costs, shown for information only (never capped)."""
        return (self.overheads / self.direct) if self.direct else None


def _pennies(value: Decimal) -> Decimal:
    return value.quantize(PENNY, rounding=ROUND_HALF_UP)


def pool_share(pool: Pool) -> PoolShare:
    """The service's share of one pool: cost × (service's driver ÷ organisation's driver)."""
    if pool.key not in POOLS:
        raise CostingError(f"Unknown overhead pool {pool.key!r}")
    if pool.cost < 0 or pool.driver_service < 0:
        raise CostingError(f"{POOLS[pool.key][0]}: enter amounts of 0 or more")
    if pool.driver_total <= 0:
        if pool.cost == 0:
            return PoolShare(pool=pool, fraction=Decimal(0), amount=Decimal("0.00"))
        raise CostingError(f"{POOLS[pool.key][0]}: enter the organisation's whole {POOLS[pool.key][1]}, more than 0")
    if pool.driver_service > pool.driver_total:
        raise CostingError(f"{POOLS[pool.key][0]}: the service's {POOLS[pool.key][1]} cannot be more than the organisation's")
    fraction = pool.driver_service / pool.driver_total
    return PoolShare(pool=pool, fraction=fraction, amount=_pennies(pool.cost * fraction))


def per_unit(total: Decimal, units: Decimal) -> Decimal:
    if units <= 0:
        raise CostingError("Enter the number of units a year, more than 0")
    return _pennies(total / units)


def full_cost(*, direct: Decimal, pools: list[Pool], units: Decimal) -> FullCost:
    if direct < 0:
        raise CostingError("Enter direct costs of £0 or more")
    if len({pool.key for pool in pools}) != len(pools):
        raise CostingError("Each overhead pool can be counted only once")
    shares = tuple(pool_share(pool) for pool in pools)
    overheads = sum((share.amount for share in shares), Decimal("0.00"))
    total = _pennies(direct) + overheads
    return FullCost(direct=_pennies(direct), shares=shares, overheads=overheads, total=total, units=units, per_unit=per_unit(total, units))


def quoted_cost(*, total: Decimal, units: Decimal) -> FullCost:
    """A bid already priced with full cost recovery: compared at its quoted total."""
    if total < 0:
        raise CostingError("Enter the quoted full cost as £0 or more")
    total = _pennies(total)
    return FullCost(direct=total, shares=(), overheads=Decimal("0.00"), total=total, units=units, per_unit=per_unit(total, units), quoted=True)


def cheapest(costs: dict[str, FullCost]) -> str | None:
    """The option with the lowest full cost per unit (cost is one consideration, not the decision)."""
    if not costs:
        return None
    return min(costs, key=lambda name: costs[name].per_unit)
