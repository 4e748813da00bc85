"""Building blocks for profile tests: a trust's area inside England and a region, ten neighbours, and observations."""

from __future__ import annotations

import datetime
import itertools

from jointly.needs.models import Breakdown, IndicatorDefinition, Observation, OutcomeArea, Polarity, ValueType
from jointly.places.models import Area, StatisticalNeighbour

_codes = itertools.count(500000)


def area(name: str, kind: str = Area.Kind.UPPER_TIER, parent: Area | None = None, prefix: str = "E06", **extra) -> Area:
    return Area.objects.create(code=f"{prefix}{next(_codes):06d}", name=name, kind=kind, boundary_year=2023, parent=parent, **extra)


def geography(trust, neighbours: int = 10) -> dict:
    """Put the trust's area in a region in England and give it `neighbours` statistical neighbours."""
    england = area("England", Area.Kind.COUNTRY, prefix="E92")
    region = area("South West", Area.Kind.REGION, parent=england, prefix="E12")
    Area.objects.filter(pk=trust.area_id).update(parent=region)
    trust.area.refresh_from_db()
    others = [area(f"Neighbour {n}", parent=region) for n in range(1, neighbours + 1)]
    StatisticalNeighbour.objects.bulk_create(
        StatisticalNeighbour(authority=trust.area, neighbour=other, rank=rank, list_date=datetime.date(2024, 1, 1))
        for rank, other in enumerate(others, start=1)
    )
    return {"area": trust.area, "england": england, "region": region, "neighbours": others}


def outcome(name="Be healthy", slug="be-healthy-test", order=1) -> OutcomeArea:
    return OutcomeArea.objects.create(name=name, slug=slug, order=order)


_indicator_codes = itertools.count(1)


def indicator(
    name="Indicator", *, polarity=Polarity.HIGHER_BETTER, value_type=ValueType.PERCENTAGE, outcome_area=None, **extra
) -> IndicatorDefinition:
    return IndicatorDefinition.objects.create(
        code=f"test/{next(_indicator_codes)}",
        name=name,
        polarity=polarity,
        value_type=value_type,
        outcome_area=outcome_area,
        **extra,
    )


def observe(indicator, area, year: int, value=None, *, breakdown=None, **extra) -> Observation:
    return Observation.objects.create(
        indicator=indicator,
        area=area,
        period=str(year),
        period_key=year * 10000,
        breakdown=breakdown or Breakdown.total(),
        value=value,
        **extra,
    )


def bulk_observations(indicators, areas, years, value=lambda i, a, y: 50.0) -> int:
    total = Breakdown.total()
    rows = [
        Observation(
            indicator=ind,
            area=ar,
            period=str(year),
            period_key=year * 10000,
            breakdown=total,
            value=value(ind, ar, year),
            lower_95=value(ind, ar, year) - 1,
            upper_95=value(ind, ar, year) + 1,
        )
        for ind in indicators
        for ar in areas
        for year in years
    ]
    Observation.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
