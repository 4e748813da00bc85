"""The market analysis has no records of its own to load.

Every measure is worked out when it is asked for, from the directory
(`providers.demo`) and the spend (`resources.demo`) that load before this. The
spend demo already gives variety enough: providers entering and leaving between
its two years, categories served by one provider, and categories where one
provider has most of the money. This loader reports how much, so a person
loading the demo can see the market pages have something to show.
"""

from jointly.partnerships.models import Trust

from . import selectors
from .analysis import Dependency


def load(stdout=None) -> None:
    trusts = list(Trust.objects.order_by("name"))
    years_by_trust = selectors.spend_years(trusts)
    year = selectors.years_of(years_by_trust)[:1]
    if not year or not stdout:
        return
    rows = selectors.market_rows(trusts, year=year[0], years_by_trust=years_by_trust)
    dependent = sum(1 for row in rows if row.market.dependency != Dependency.NONE)
    moved = sum(len(row.market.change.entered) + len(row.market.change.exited) for row in rows if row.market.change)
    stdout.write(
        f"Market analysis for {year[0]}: {len(rows)} categories across {len(trusts)} trusts, "
        f"{dependent} depending on one provider, {moved} provider entries and exits."
    )
