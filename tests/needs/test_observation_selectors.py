"""Reading observations: a bounded number of queries however many indicators a profile has."""

import itertools

import pytest

from jointly.needs.models import Breakdown, IndicatorDefinition, Observation
from jointly.needs.models.observations import breakdown_key
from jointly.needs.selectors import comparators_for, headline_cells_sql, headline_condition, latest_observations, observations_for
from jointly.places.models import Area

_codes = itertools.count(300000)


def _area(name, kind=Area.Kind.UPPER_TIER, parent=None, prefix="E06"):
    return Area.objects.create(code=f"{prefix}{next(_codes):06d}", name=name, kind=kind, boundary_year=2023, parent=parent)


def _world(indicator_count: int) -> dict:
    england = _area("England", Area.Kind.COUNTRY, prefix="E92")
    region = _area("Region", Area.Kind.REGION, england, prefix="E12")
    places = [england, region] + [_area(f"Authority {n}", parent=region) for n in range(10)]
    total = Breakdown.total()
    girls = Breakdown.objects.create(key=breakdown_key({"sex": "Female"}), dimensions={"sex": "Female"})
    IndicatorDefinition.objects.bulk_create(IndicatorDefinition(code=f"test/{n}", name=f"Indicator {n}") for n in range(indicator_count))
    indicators = list(IndicatorDefinition.objects.filter(code__startswith="test/").order_by("id"))
    # Indicator 0 shows girls by default; the rest the total. Only indicators 0 and 7 have figures for girls.
    IndicatorDefinition.objects.filter(pk=indicators[0].pk).update(headline_breakdown=girls)
    Observation.objects.bulk_create(
        (
            Observation(
                indicator=indicator, area=place, period=str(year), period_key=year * 10000, breakdown=group, value=year + (group == girls) * 1000
            )
            for n, indicator in enumerate(indicators)
            for place in places
            for year in range(2018, 2024)
            for group in ((total, girls) if n in (0, 7) else (total,))
            if place != places[-1] or year < 2021  # the last authority stopped reporting in 2020
        ),
        batch_size=2000,
    )
    return {"places": places, "indicators": indicators, "girls": girls}


@pytest.fixture
def world(db):
    return _world(10)


def test_the_latest_five_periods_of_300_indicators_for_12_places_in_one_query(db, django_assert_num_queries):
    world = _world(300)
    places, indicators = world["places"], world["indicators"]
    with django_assert_num_queries(1):
        result = latest_observations(area_ids=[p.pk for p in places], indicator_ids=[i.pk for i in indicators], periods=5)
    assert len(result) == 300 * 12
    trend = result[(indicators[5].pk, places[2].pk)]
    assert [o.period for o in trend] == ["2019", "2020", "2021", "2022", "2023"]
    # The authority that stopped in 2020 shows its gap, not an older trend.
    assert [o.period for o in result[(indicators[5].pk, places[-1].pk)]] == ["2019", "2020"]
    # Each indicator in its headline group.
    assert {o.value for o in result[(indicators[0].pk, places[2].pk)]} == {3019, 3020, 3021, 3022, 3023}
    assert {o.value for o in trend} == {2019, 2020, 2021, 2022, 2023}


def test_a_chosen_group_overrides_the_headline(world):
    place, indicator = world["places"][3], world["indicators"][7]
    result = latest_observations(area_ids=[place.pk], indicator_ids=[indicator.pk], periods=2, breakdown=world["girls"])
    assert [o.value for o in result[(indicator.pk, place.pk)]] == [3022, 3023]


def test_observations_by_period_key_or_label(world):
    indicator, place = world["indicators"][1], world["places"][4]
    assert observations_for(indicator=indicator, area=place, period="2019").get().value == 2019
    assert observations_for(indicator=indicator, area=place, period="20190000").get().value == 2019
    assert observations_for(indicator=indicator, area=place, all_groups=True).count() == 6


def test_comparators_are_england_the_region_and_the_neighbours(world):
    england, region, authority = world["places"][:3]
    found = comparators_for(authority)
    assert (found["england"], found["region"], found["neighbours"]) == ([england], [region], [])


def headline_cells(indicators, **kwargs):
    condition, params = headline_cells_sql(indicators, **kwargs)
    return Observation.objects.extra(where=[condition], params=params)


def test_headline_cells_pick_the_same_cells_as_the_headline_join(world):
    indicators = list(IndicatorDefinition.objects.filter(code__startswith="test/"))
    joined = Observation.objects.filter(indicator__in=indicators).filter(headline_condition())
    literal = headline_cells(indicators)
    assert set(literal.values_list("pk", flat=True)) == set(joined.values_list("pk", flat=True))
    # Indicator 0's default is girls (its values are 1000 up); indicator 7, which also has girls, shows the total.
    assert set(literal.filter(indicator=world["indicators"][0]).values_list("value", flat=True)) == {2018 + 1000 + n for n in range(6)}
    assert set(literal.filter(indicator=world["indicators"][7]).values_list("value", flat=True)) == {2018 + n for n in range(6)}


def test_headline_cells_at_given_periods_read_only_those_periods(world):
    first, second = world["indicators"][0], world["indicators"][1]
    cells = headline_cells([first, second], period_keys={first.pk: 20230000, second.pk: 20190000})
    assert set(cells.values_list("indicator_id", "period_key").distinct()) == {(first.pk, 20230000), (second.pk, 20190000)}
    # An indicator with no period asked for is left out, and no indicators match nothing.
    assert not headline_cells([first], period_keys={}).exists()
    assert not headline_cells([]).exists()
