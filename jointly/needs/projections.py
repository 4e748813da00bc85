"""Future need: a straight-line projection of an indicator's trend, with a 95% prediction interval.

Ordinary least squares on the last N values, the periods taken as evenly
spaced (1, 2, 3…: published series are yearly or termly). The interval for a
future period x0 is

    ŷ ± t(0.975, N − 2) · s · √(1 + 1/N + (x0 − x̄)² / Σ(x − x̄)²)

where s is the residual standard error. The t quantile is worked out here from
the regularised incomplete beta function, so no statistics library is needed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MINIMUM_PERIODS = 3
STEPS_AHEAD = 3
MAXIMUM_PERIODS = 10

METHOD_TEXT = (
    "A straight line fitted to the last {n} values; the shaded band is where 95 of 100 future values would fall if "
    "the past trend continues; it cannot foresee changes in policy or need."
)
BOUNDS_TEXT = " The line and band are cut at {low} and {high}, values this measure cannot go beyond."
FLOOR_TEXT = " The line and band are cut at {low}, as this measure cannot be negative."


def bounds_for(value_type: str) -> tuple[float | None, float | None]:
    """The values an indicator of this type cannot go beyond: none below zero, no percentage above 100."""
    if value_type == "percentage":
        return 0.0, 100.0
    if value_type in ("count", "rate_per_1000", "rate_per_10000", "rate_per_100000", "average", "ratio"):
        return 0.0, None
    return None, None


# --- Student's t, from first principles ---------------------------------------------


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """Continued fraction for the incomplete beta function (modified Lentz's method)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((a + m2 - 1) * (a + m2)),
            -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= d * c
        if abs(d * c - 1.0) < 1e-15:
            break
    return result


def regularised_beta(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * regularised_beta(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t >= 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The value t with P(T ≤ t) = p for Student's t on df degrees of freedom (bisection: plenty fast for charts)."""
    if not 0 < p < 1:
        raise ValueError("p must be between 0 and 1.")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2


# --- The fit ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectedPoint:
    label: str
    value: float
    lower: float
    upper: float


@dataclass(frozen=True)
class Projection:
    periods_used: int
    slope: float
    intercept: float
    residual_se: float
    points: list[ProjectedPoint]
    bounds: tuple[float | None, float | None] = (None, None)

    @property
    def method(self) -> str:
        text = METHOD_TEXT.format(n=self.periods_used)
        low, high = self.bounds
        if low is not None and high is not None:
            text += BOUNDS_TEXT.format(low=f"{low:g}", high=f"{high:g}")
        elif low is not None:
            text += FLOOR_TEXT.format(low=f"{low:g}")
        return text


def next_period_labels(last_label: str, steps: int) -> list[str]:
    """Labels for the periods after `last_label` when its shape is a plain year; otherwise 'n periods on'."""
    year = re.fullmatch(r"(\d{4})", last_label)
    if year:
        return [str(int(year.group(1)) + step) for step in range(1, steps + 1)]
    spanning = re.fullmatch(r"(\d{4})([/-])(\d{2})", last_label)
    if spanning:
        start, joiner = int(spanning.group(1)), spanning.group(2)
        return [f"{start + step}{joiner}{(start + step + 1) % 100:02d}" for step in range(1, steps + 1)]
    return [f"{step} period{'s' if step > 1 else ''} after {last_label}" for step in range(1, steps + 1)]


def _clip(value: float, bounds: tuple[float | None, float | None]) -> float:
    low, high = bounds
    if low is not None:
        value = max(low, value)
    if high is not None:
        value = min(high, value)
    return value


def project(
    values: list[float],
    labels: list[str] | None = None,
    *,
    steps: int = STEPS_AHEAD,
    bounds: tuple[float | None, float | None] = (None, None),
) -> Projection | None:
    """Fit a line to the values (oldest first) and project `steps` periods on. None with fewer than three values.

    `bounds` (low, high) cuts the line and band where the measure cannot go, such as below zero.
    """
    values = [float(value) for value in values][-MAXIMUM_PERIODS:]
    n = len(values)
    if n < MINIMUM_PERIODS:
        return None
    xs = list(range(1, n + 1))
    mean_x, mean_y = sum(xs) / n, sum(values) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, values, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    residuals = [y - (intercept + slope * x) for x, y in zip(xs, values, strict=True)]
    residual_se = math.sqrt(sum(r * r for r in residuals) / (n - 2))
    if residual_se < 1e-12 * max(1.0, max(abs(v) for v in values)):
        residual_se = 0.0  # An exact line: rounding noise is not uncertainty.
    t = t_quantile(0.975, n - 2)
    last_label = (labels or [""])[-1] if labels else ""
    future_labels = next_period_labels(last_label, steps) if last_label else [f"Period {n + s}" for s in range(1, steps + 1)]
    points = []
    for step, label in zip(range(1, steps + 1), future_labels, strict=True):
        x0 = n + step
        fitted = intercept + slope * x0
        half = t * residual_se * math.sqrt(1 + 1 / n + (x0 - mean_x) ** 2 / sxx)
        points.append(
            ProjectedPoint(label=label, value=_clip(fitted, bounds), lower=_clip(fitted - half, bounds), upper=_clip(fitted + half, bounds))
        )
    return Projection(periods_used=n, slope=slope, intercept=intercept, residual_se=residual_se, points=points, bounds=bounds)


def trailing_run(points: list[tuple[str, float | None]]) -> tuple[list[float], list[str]]:
    """The unbroken run of values at the end of a series (oldest first): a projection assumes evenly spaced periods."""
    values: list[float] = []
    labels: list[str] = []
    for label, value in reversed(points):
        if value is None:
            break
        values.insert(0, value)
        labels.insert(0, label)
    return values[-MAXIMUM_PERIODS:], labels[-MAXIMUM_PERIODS:]


def projection_for(points: list[tuple[str, float | None]], value_type: str) -> Projection | None:
    """THE projection of a series of (period label, value or None), oldest first: the profile and the indicator page
    both call this, so they always agree. The last MAXIMUM_PERIODS values of the run ending at the latest period."""
    values, labels = trailing_run(points)
    return project(values, labels, bounds=bounds_for(value_type)) if values else None
