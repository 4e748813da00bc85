"""Is an area's value better, similar or worse than England's? And what colour is that?

The rule, in the words the profile page shows (``RULE_TEXT``):

1. Where the publisher gives 95% confidence limits for both the area and
   England, the two intervals are compared: if they overlap the values are
   "similar"; if not, the area is "better" or "worse" by the indicator's
   polarity.
2. Where limits are not published but the value is a percentage or a rate with
   its count and denominator, Jointly works the 95% limits out itself: the
   Wilson score interval for a percentage, Byar's approximation to the Poisson
   interval for a rate. Then rule 1 applies.
3. Where only the area has limits, England's value is compared with the
   area's interval (England is counted without sampling error).
4. Where the indicator says no interval may be worked out (a share of
   school sessions: a pupil's sessions are not independent trials, see
   decision record 0016), rule 2 does not apply.
5. Otherwise (no limits can be had, or either value is suppressed or missing)
   the indicator is "not compared". Indicators that carry no judgement
   (higher is neither better nor worse) are said to be "higher", "similar" or
   "lower" and are never coloured.

RAG: green better, amber similar, red worse, grey not compared or no judgement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .models import IntervalMethod, Polarity, ValueType

Z_95 = 1.959963984540054

RULE_TEXT = (
    "Significance is judged against England at the 95% level. Where both the area and England have published 95% "
    "confidence limits, overlapping intervals are 'similar'; otherwise the area is 'better' or 'worse' by the "
    "indicator's polarity. Where limits are not published, Jointly works them out for percentages (Wilson score "
    "interval) and rates (Byar's method) from the count and denominator, including a denominator DfE publishes in a "
    "separate row (such as all children looked after). Shares of school sessions (overall absence) get no interval: a "
    "pupil's sessions are not independent of each other, so they are not compared. Where only the area has limits, "
    "England's value is compared with the area's interval. Anything else, including suppressed values, is 'not compared'. "
    "Indicators with no judgement are described as higher, similar or lower and are not coloured."
)

# Rates are per this many of the denominator.
_RATE_SCALE = {
    ValueType.RATE_PER_1000: 1_000,
    ValueType.RATE_PER_10000: 10_000,
    ValueType.RATE_PER_100000: 100_000,
}


class Outcome(StrEnum):
    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    NOT_COMPARED = "not compared"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"


RAG_FOR = {
    Outcome.BETTER: Rag.GREEN,
    Outcome.SIMILAR: Rag.AMBER,
    Outcome.WORSE: Rag.RED,
    Outcome.HIGHER: Rag.GREY,
    Outcome.LOWER: Rag.GREY,
    Outcome.NOT_COMPARED: Rag.GREY,
}


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float
    method: str  # "published", "Wilson", "Byar"


def wilson_interval(count: float, denominator: float, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion count/denominator, as proportions (0 to 1)."""
    if denominator <= 0:
        raise ValueError("The denominator must be more than zero.")
    p = count / denominator
    centre = p + z * z / (2 * denominator)
    spread = z * math.sqrt(p * (1 - p) / denominator + z * z / (4 * denominator * denominator))
    scale = 1 + z * z / denominator
    return max(0.0, (centre - spread) / scale), min(1.0, (centre + spread) / scale)


def byar_interval(count: float, z: float = Z_95) -> tuple[float, float]:
    """Byar's approximation to the 95% Poisson interval for a count (the method PHE/OHID use for rates)."""
    if count < 0:
        raise ValueError("A count cannot be negative.")
    lower = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return lower, upper


def interval_for(observation, value_type: str, method: str = IntervalMethod.AUTO) -> Interval | None:
    """The observation's 95% interval: published, or worked out from count and denominator where the rule allows."""
    if observation is None or observation.value is None:
        return None
    if observation.lower_95 is not None and observation.upper_95 is not None:
        return Interval(observation.lower_95, observation.upper_95, "published")
    if method == IntervalMethod.NONE:
        return None
    count, denominator = observation.count, observation.denominator
    if count is None or not denominator or denominator <= 0 or count < 0:
        return None
    if value_type == ValueType.PERCENTAGE and count <= denominator:
        lower, upper = wilson_interval(count, denominator)
        return Interval(lower * 100, upper * 100, "Wilson")
    scale = _RATE_SCALE.get(value_type)
    if scale is not None:
        lower, upper = byar_interval(count)
        return Interval(lower / denominator * scale, upper / denominator * scale, "Byar")
    return None


def _direction(area_interval: Interval, england_value: float, england_interval: Interval | None) -> int:
    """+1 when the area is significantly higher, -1 lower, 0 similar."""
    low, high = (england_interval.lower, england_interval.upper) if england_interval else (england_value, england_value)
    if area_interval.lower > high:
        return 1
    if area_interval.upper < low:
        return -1
    return 0


def compare(area_observation, england_observation, *, polarity: str, value_type: str, interval_method: str = IntervalMethod.AUTO) -> Outcome:
    """Compare an area's observation with England's for the same period, by the rule above."""
    if area_observation is None or england_observation is None:
        return Outcome.NOT_COMPARED
    if area_observation.value is None or england_observation.value is None:
        return Outcome.NOT_COMPARED
    area_interval = interval_for(area_observation, value_type, interval_method)
    if area_interval is None:
        return Outcome.NOT_COMPARED
    england_interval = interval_for(england_observation, value_type, interval_method)
    direction = _direction(area_interval, england_observation.value, england_interval)
    if direction == 0:
        return Outcome.SIMILAR
    if polarity == Polarity.HIGHER_BETTER:
        return Outcome.BETTER if direction > 0 else Outcome.WORSE
    if polarity == Polarity.LOWER_BETTER:
        return Outcome.BETTER if direction < 0 else Outcome.WORSE
    return Outcome.HIGHER if direction > 0 else Outcome.LOWER


def rag_for(outcome: Outcome) -> Rag:
    return RAG_FOR[outcome]


def rank_among(area_value: float | None, other_values: list[float | None], *, polarity: str) -> tuple[int, int] | None:
    """(rank, out of) of the area among itself and its neighbours, 1 being best by polarity.

    Ties share the better rank. None when the area has no value or the
    indicator carries no judgement (there is no "best" to rank by).
    """
    if area_value is None or polarity not in (Polarity.HIGHER_BETTER, Polarity.LOWER_BETTER):
        return None
    values = [value for value in other_values if value is not None]
    if polarity == Polarity.HIGHER_BETTER:
        better = sum(1 for value in values if value > area_value)
    else:
        better = sum(1 for value in values if value < area_value)
    return better + 1, len(values) + 1
