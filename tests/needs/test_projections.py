"""The straight-line projection and its 95% prediction interval, on hand-worked examples."""

import math

import pytest

from jointly.needs.projections import bounds_for, next_period_labels, project, t_quantile


@pytest.mark.parametrize(("df", "expected"), [(1, 12.7062), (2, 4.3027), (3, 3.1824), (10, 2.2281), (30, 2.0423)])
def test_t_quantiles_match_the_published_tables(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


def test_an_exact_line_projects_on_with_a_zero_width_interval():
    projection = project([10, 12, 14, 16], ["2020", "2021", "2022", "2023"])
    assert projection.slope == pytest.approx(2)
    assert [p.label for p in projection.points] == ["2024", "2025", "2026"]
    for point, expected in zip(projection.points, [18, 20, 22], strict=True):
        assert point.value == pytest.approx(expected)
        assert point.upper - point.lower == pytest.approx(0)


def test_known_regression_values():
    # x = 1..5, y = 2, 4, 5, 4, 5: slope 6/10, intercept 4 - 0.6 * 3 = 2.2,
    # residuals -0.8, 0.6, 1, -0.6, -0.2 -> SSE 2.4, s = sqrt(2.4 / 3).
    projection = project([2, 4, 5, 4, 5])
    assert projection.slope == pytest.approx(0.6)
    assert projection.intercept == pytest.approx(2.2)
    assert projection.residual_se == pytest.approx(math.sqrt(0.8))
    first = projection.points[0]
    assert first.value == pytest.approx(5.8)
    # x0 = 6: sqrt(1 + 1/5 + (6 - 3)^2 / 10) = sqrt(2.1); t(0.975, 3) = 3.18245.
    half = 3.182446 * math.sqrt(0.8) * math.sqrt(2.1)
    assert first.lower == pytest.approx(5.8 - half, abs=1e-4)
    assert first.upper == pytest.approx(5.8 + half, abs=1e-4)
    widths = [p.upper - p.lower for p in projection.points]
    assert widths == sorted(widths), "the band widens the further ahead it looks"


def test_fewer_than_three_values_give_no_projection():
    assert project([1, 2]) is None


def test_method_statement_names_the_number_of_values():
    assert project([1, 2, 4]).method.startswith("A straight line fitted to the last 3 values")


def test_next_labels_follow_the_shape_of_the_last_period():
    assert next_period_labels("2022/23", 2) == ["2023/24", "2024/25"]
    assert next_period_labels("2022-23", 1) == ["2023-24"]
    assert next_period_labels("2099/00", 1) == ["2100/01"]
    assert next_period_labels("Spring term 2022/23", 1) == ["1 period after Spring term 2022/23"]


def test_bounds_cut_the_line_and_band_where_the_measure_cannot_go():
    projection = project([30, 20, 12, 4], bounds=bounds_for("percentage"))
    assert all(0 <= p.lower <= p.value <= p.upper <= 100 for p in projection.points)
    assert projection.points[-1].value == 0  # the line would go below zero
    assert "cut at 0 and 100" in projection.method
    assert bounds_for("score") == (None, None)
    assert "cannot be negative" in project([3, 2, 1], bounds=bounds_for("count")).method
