"""The area profile: comparisons, neighbours, ranks, spine geometry, suppression, and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jointly.needs.models import Polarity, ValueType
from jointly.needs.profiles import Spine, area_profile, shown
from jointly.needs.significance import Outcome, Rag

from .profile_data import area, bulk_observations, geography, indicator, observe, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(trust):
    return geography(trust)


def _row(profile, name):
    return next(row for row in profile.rows if row.indicator.name == name)


def test_a_row_has_the_latest_value_trend_and_comparators(trust, commissioner, places):
    healthy = outcome()
    ind = indicator("Good level of development", outcome_area=healthy)
    for year, value in zip(range(2018, 2024), [60, 61, 62, 63, 64, 70], strict=True):
        observe(ind, places["area"], year, value, lower_95=value - 1, upper_95=value + 1)
    observe(ind, places["england"], 2023, 65, lower_95=64.5, upper_95=65.5)
    observe(ind, places["region"], 2023, 66)
    for n, neighbour in enumerate(places["neighbours"]):
        observe(ind, neighbour, 2023, 60 + n)  # 60..69: the area's 70 is the best
    profile = area_profile(user=commissioner, trust=trust)
    row = _row(profile, "Good level of development")
    assert profile.groups[0].name == "Be healthy"
    assert row.period == "2023"
    assert row.area.value == 70
    assert [label for label, _ in row.trend] == ["2019", "2020", "2021", "2022", "2023"]
    assert row.trend_values == [61, 62, 63, 64, 70]
    assert row.england.value == 65 and row.region.value == 66
    assert row.neighbour_average == pytest.approx(64.5)
    assert row.neighbour_count == 10
    assert (row.outcome, row.rag) == (Outcome.BETTER, Rag.GREEN)
    assert row.rank == (1, 11)


def test_suppressed_latest_value_shows_its_code_and_is_not_compared(trust, commissioner, places):
    ind = indicator("Children in need")
    observe(ind, places["area"], 2022, 12.0, lower_95=11, upper_95=13)
    observe(ind, places["area"], 2023, None, suppression="c")
    observe(ind, places["england"], 2023, 10.0, lower_95=9.9, upper_95=10.1)
    row = _row(area_profile(user=commissioner, trust=trust), "Children in need")
    assert row.area.value is None
    assert shown(row.area) == "c (suppressed to protect confidentiality)"
    assert row.cells()[5] == "c (suppressed to protect confidentiality)"
    assert "0" not in row.cells()[5]
    assert (row.outcome, row.rag) == (Outcome.NOT_COMPARED, Rag.GREY)
    assert row.rank is None


def test_neighbour_average_leaves_out_suppressed_neighbours(trust, commissioner, places):
    ind = indicator("Absence", polarity=Polarity.LOWER_BETTER, value_type=ValueType.SCORE)
    observe(ind, places["area"], 2023, 5)
    observe(ind, places["neighbours"][0], 2023, 4)
    observe(ind, places["neighbours"][1], 2023, 8)
    observe(ind, places["neighbours"][2], 2023, None, suppression="x")
    row = _row(area_profile(user=commissioner, trust=trust), "Absence")
    assert row.neighbour_average == 6
    assert row.neighbour_count == 2
    assert row.rank == (2, 3)  # lower is better: only 4 beats 5
    assert row.outcome == Outcome.NOT_COMPARED  # no England value


def test_spine_puts_england_in_the_middle_and_better_to_the_right():
    spine = Spine.build(england=50, values=[30, 40, 50, 60, 90], area=70, polarity=Polarity.HIGHER_BETTER)
    assert spine.england_x == 100
    assert spine.low_x == pytest.approx(100 - 20 / 40 * 95)
    assert spine.high_x == pytest.approx(195)
    assert 100 < spine.area_x < spine.high_x
    assert spine.low_x <= spine.q1_x <= spine.q3_x <= spine.high_x


def test_spine_flips_when_lower_is_better():
    spine = Spine.build(england=50, values=[30, 40, 50, 60, 90], area=70, polarity=Polarity.LOWER_BETTER)
    assert spine.flipped
    assert spine.area_x < 100, "a high value is worse, so it sits to the left"
    assert spine.low_x == pytest.approx(5) and spine.high_x == pytest.approx(147.5)


def test_spine_stays_on_the_strip_when_the_area_is_outside_englands_range():
    spine = Spine.build(england=50, values=[45, 55], area=150, polarity=Polarity.HIGHER_BETTER)
    assert 0 <= spine.area_x <= 200
    assert Spine.build(england=None, values=[1], area=1, polarity=Polarity.HIGHER_BETTER) is None


def test_profile_spine_range_comes_from_every_upper_tier_authority(trust, commissioner, places):
    ind = indicator("Attainment")
    observe(ind, places["area"], 2023, 50)
    observe(ind, places["england"], 2023, 48)
    far = area("Far away authority")
    observe(ind, far, 2023, 20)
    observe(ind, far, 2022, 5)  # an older period is not in the range
    row = _row(area_profile(user=commissioner, trust=trust), "Attainment")
    assert (row.england_low, row.england_high) == (20, 50)


def test_unpublished_indicators_of_another_trust_are_left_out(trust, other_trust, commissioner, places):
    mine = indicator("Local measure", published=False, trust=trust)
    theirs = indicator("Their measure", published=False, trust=other_trust)
    for ind in (mine, theirs):
        observe(ind, places["area"], 2023, 1)
    names = {row.indicator.name for row in area_profile(user=commissioner, trust=trust).rows}
    assert names == {"Local measure"}


def _profile_queries(user, trust):
    with CaptureQueriesContext(connection) as captured:
        profile = area_profile(user=user, trust=trust)
    return len(captured), profile


def test_profile_queries_do_not_grow_with_the_number_of_indicators(trust, commissioner, places):
    comparators = [places["area"], places["england"], places["region"], *places["neighbours"]]
    few = [indicator(f"Few {n}") for n in range(2)]
    bulk_observations(few, comparators, range(2019, 2024))
    area_profile(user=commissioner, trust=trust)  # warm the person's cached trust list
    small_count, small = _profile_queries(commissioner, trust)
    many = [indicator(f"Many {n}", outcome_area=None) for n in range(298)]
    bulk_observations(many, comparators, range(2019, 2024))
    large_count, large = _profile_queries(commissioner, trust)
    assert len(small.rows) == 2 and len(large.rows) == 300
    assert all(len(row.trend) == 5 and row.neighbour_count == 10 for row in large.rows)
    assert large_count == small_count
    assert large_count <= 8


def test_counts_get_no_spine_because_englands_count_is_a_national_total(trust, commissioner, places):
    ind = indicator("Children looked after (number)", value_type=ValueType.COUNT, polarity=Polarity.NO_JUDGEMENT)
    observe(ind, places["area"], 2023, 500)
    observe(ind, places["england"], 2023, 83840)
    observe(ind, places["neighbours"][0], 2023, 400)
    row = _row(area_profile(user=commissioner, trust=trust), "Children looked after (number)")
    assert row.spine is None
    assert row.england.value == 83840
