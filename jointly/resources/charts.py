"""Horizontal bar charts laid out on the server and drawn as SVG by `resources/_report.html`.

No JavaScript and no network. The SVG is one image with a short description;
the table under it carries every figure for anyone who prefers numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
LABEL_WIDTH = 230
VALUE_SPACE = 120
BAR_HEIGHT = 24
GAP = 10
TOP = 8
LABEL_CHARS = 34


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    text: str
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    description: str
    width: int
    height: int
    label_width: int
    bars: list[Bar]


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(*, title: str, bars: list[tuple[str, Decimal, str]]) -> BarChart:
    """`bars` are (label, value, value as text)."""
    plot_width = WIDTH - LABEL_WIDTH - VALUE_SPACE
    largest = max((value for _, value, _ in bars), default=0)
    laid_out = []
    for index, (label, value, text) in enumerate(bars):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = round(float(plot_width * value / largest), 1) if largest else 0.0
        laid_out.append(Bar(label, _shorten(label), text, y, y + BAR_HEIGHT // 2 + 5, width, LABEL_WIDTH + width + 6))
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP) - GAP if bars else TOP * 2
    description = f"Bar chart: {title}."
    if bars and largest:
        label, _, text = max(bars, key=lambda bar: bar[1])
        description += f" The largest is '{label}' at {text}."
    description += " The table below gives every figure."
    return BarChart(description=description, width=WIDTH, height=height, label_width=LABEL_WIDTH, bars=laid_out)
