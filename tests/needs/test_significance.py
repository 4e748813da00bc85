"""Significance against England and RAG by polarity, on hand-worked examples."""

from types import SimpleNamespace

import pytest

from jointly.needs.models import Polarity, ValueType
from jointly.needs.significance import (
    Outcome,
    Rag,
    byar_interval,
    compare,
    interval_for,
    rag_for,
    rank_among,
    wilson_interval,
)


def obs(value, lower=None, upper=None, count=None, denominator=None, suppression=""):
    return SimpleNamespace(value=value, lower_95=lower, upper_95=upper, count=count, denominator=denominator, suppression=suppression)


ENGLAND = obs(50, 49, 51)


def judge(area, england=ENGLAND, polarity=Polarity.HIGHER_BETTER, value_type=ValueType.PERCENTAGE):
    outcome = compare(area, england, polarity=polarity, value_type=value_type)
    return outcome, rag_for(outcome)


def test_overlapping_intervals_are_similar_and_amber():
    assert judge(obs(52, 50.5, 53.5)) == (Outcome.SIMILAR, Rag.AMBER)


def test_higher_is_better_with_the_area_interval_above_england_is_better_and_green():
    assert judge(obs(55, 53, 57)) == (Outcome.BETTER, Rag.GREEN)


def test_higher_is_better_with_the_area_interval_below_england_is_worse_and_red():
    assert judge(obs(45, 43, 47)) == (Outcome.WORSE, Rag.RED)


def test_lower_is_better_reverses_the_judgement():
    assert judge(obs(55, 53, 57), polarity=Polarity.LOWER_BETTER) == (Outcome.WORSE, Rag.RED)
    assert judge(obs(45, 43, 47), polarity=Polarity.LOWER_BETTER) == (Outcome.BETTER, Rag.GREEN)


def test_no_judgement_says_higher_or_lower_and_is_grey():
    assert judge(obs(55, 53, 57), polarity=Polarity.NO_JUDGEMENT) == (Outcome.HIGHER, Rag.GREY)
    assert judge(obs(45, 43, 47), polarity=Polarity.NO_JUDGEMENT) == (Outcome.LOWER, Rag.GREY)


def test_suppressed_area_value_is_not_compared_and_grey():
    assert judge(obs(None, suppression="c")) == (Outcome.NOT_COMPARED, Rag.GREY)


def test_suppressed_or_missing_england_value_is_not_compared():
    assert judge(obs(55, 53, 57), england=obs(None, suppression="x"))[0] == Outcome.NOT_COMPARED
    assert judge(obs(55, 53, 57), england=None)[0] == Outcome.NOT_COMPARED


def test_no_limits_and_no_count_is_not_compared():
    assert judge(obs(80), value_type=ValueType.SCORE) == (Outcome.NOT_COMPARED, Rag.GREY)


def test_when_only_the_area_has_limits_englands_value_is_compared_with_them():
    assert judge(obs(55, 53, 57), england=obs(50))[0] == Outcome.BETTER
    assert judge(obs(51, 49, 53), england=obs(50))[0] == Outcome.SIMILAR


def test_wilson_interval_hand_worked():
    # 50 of 100: p = 0.5, z = 1.96 -> 0.4038 to 0.5962.
    lower, upper = wilson_interval(50, 100)
    assert lower == pytest.approx(0.4038, abs=1e-4)
    assert upper == pytest.approx(0.5962, abs=1e-4)


def test_byar_interval_hand_worked():
    # 10 events: the exact Poisson interval is 4.795 to 18.390; Byar's is within 0.01 of it.
    lower, upper = byar_interval(10)
    assert lower == pytest.approx(4.79, abs=0.01)
    assert upper == pytest.approx(18.39, abs=0.01)
    assert byar_interval(0)[0] == 0.0


def test_percentages_without_limits_get_a_wilson_interval_from_count_and_denominator():
    interval = interval_for(obs(50, count=50, denominator=100), ValueType.PERCENTAGE)
    assert interval.method == "Wilson"
    assert (round(interval.lower, 2), round(interval.upper, 2)) == (40.38, 59.62)
    # 70% of 1,000 children is clearly above England's 50% (49 to 51).
    assert judge(obs(70, count=700, denominator=1000))[0] == Outcome.BETTER


def test_rates_without_limits_get_a_byar_interval_scaled_to_the_rate():
    interval = interval_for(obs(100, count=10, denominator=1000), ValueType.RATE_PER_10000)
    assert interval.method == "Byar"
    assert interval.lower == pytest.approx(47.9, abs=0.1)
    assert interval.upper == pytest.approx(183.9, abs=0.1)


def test_published_limits_win_over_count_and_denominator():
    interval = interval_for(obs(50, 45, 55, count=50, denominator=100), ValueType.PERCENTAGE)
    assert (interval.lower, interval.upper, interval.method) == (45, 55, "published")


def test_rank_among_neighbours_is_one_for_the_best_by_polarity():
    others = [1, 6, 7, 8]
    assert rank_among(5, others, polarity=Polarity.HIGHER_BETTER) == (4, 5)
    assert rank_among(5, others, polarity=Polarity.LOWER_BETTER) == (2, 5)
    assert rank_among(9, others, polarity=Polarity.HIGHER_BETTER) == (1, 5)


def test_rank_ignores_missing_neighbours_and_shares_ties():
    assert rank_among(5, [5, None, 5], polarity=Polarity.HIGHER_BETTER) == (1, 3)


def test_no_rank_without_a_value_or_a_judgement():
    assert rank_among(None, [1, 2], polarity=Polarity.HIGHER_BETTER) is None
    assert rank_among(5, [1, 2], polarity=Polarity.NO_JUDGEMENT) is None


# --- The six percentages DfE bases in other rows, worked by hand from the published rows --------


def test_care_leavers_in_education_compare_once_their_base_is_known():
    # Plymouth 2023, care leavers aged 19 to 21: 85 of 181 in education, employment or training (published 47%).
    # Wilson by hand: p = 0.4696, centre 0.4802, half-width 0.0735, scale 1.0212 -> 39.83% to 54.22%.
    # England: 19,380 of 34,650 (56%) -> 55.41% to 56.45%. Plymouth's interval is wholly below: worse.
    plymouth, england = obs(47, count=85, denominator=181), obs(56, count=19380, denominator=34650)
    interval = interval_for(plymouth, ValueType.PERCENTAGE)
    assert (interval.lower, interval.upper, interval.method) == (pytest.approx(39.83, abs=0.01), pytest.approx(54.22, abs=0.01), "Wilson")
    england_interval = interval_for(england, ValueType.PERCENTAGE)
    assert (england_interval.lower, england_interval.upper) == (pytest.approx(55.41, abs=0.01), pytest.approx(56.45, abs=0.01))
    assert judge(plymouth, england) == (Outcome.WORSE, Rag.RED)


def test_placement_stability_compares_as_similar_when_the_intervals_overlap():
    # Plymouth 2023: 46 of 500 with 3 or more placements (9%): 6.97% to 12.05%; England 8,630 of 83,840 (10%) lies inside.
    plymouth, england = obs(9, count=46, denominator=500), obs(10, count=8630, denominator=83840)
    interval = interval_for(plymouth, ValueType.PERCENTAGE)
    assert (interval.lower, interval.upper) == (pytest.approx(6.97, abs=0.01), pytest.approx(12.05, abs=0.01))
    assert judge(plymouth, england, polarity=Polarity.LOWER_BETTER) == (Outcome.SIMILAR, Rag.AMBER)


def test_a_share_of_sessions_gets_no_interval_and_is_not_compared():
    # 2,000 of 20,000 sessions from 100 pupils: a Wilson interval on sessions would be 9.6% to 10.4%, far too narrow.
    absence = obs(10, count=2000, denominator=20000)
    england = obs(7, count=700_000, denominator=10_000_000)
    assert interval_for(absence, ValueType.PERCENTAGE) is not None  # what the count alone would claim
    assert interval_for(absence, ValueType.PERCENTAGE, "none") is None
    outcome = compare(absence, england, polarity=Polarity.LOWER_BETTER, value_type=ValueType.PERCENTAGE, interval_method="none")
    assert (outcome, rag_for(outcome)) == (Outcome.NOT_COMPARED, Rag.GREY)


def test_published_limits_are_still_used_when_no_interval_may_be_worked_out():
    assert interval_for(obs(10, 9, 11, count=2000, denominator=20000), ValueType.PERCENTAGE, "none").method == "published"
