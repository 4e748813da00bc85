"""Horizontal bar charts, laid out here and drawn as SVG by `_bar_chart.html`.

No JavaScript and no network: the server works out every coordinate. Each
chart is shown with a table of the same figures, which is what screen reader
users and anyone who prefers numbers read; the SVG itself is one image with a
short description.
"""

from __future__ import annotations

from dataclasses import dataclass

from .suppression import Figure

WIDTH = 640
LABEL_WIDTH = 230
VALUE_SPACE = 110
BAR_HEIGHT = 24
GAP = 10
TOP = 8
LABEL_CHARS = 34


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    figure: Figure
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bars: list[Bar]

    @property
    def axis_bottom(self) -> int:
        return self.height - TOP


def _shorten(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(*, title: str, rows: list[tuple[str, Figure]]) -> BarChart:
    plot_width = WIDTH - LABEL_WIDTH - VALUE_SPACE
    largest = max((figure.value or 0 for _, figure in rows), default=0)
    bars = []
    for index, (label, figure) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = round(plot_width * (figure.value or 0) / largest, 1) if largest else 0.0
        bars.append(
            Bar(
                label=label,
                short_label=_shorten(label),
                figure=figure,
                y=y,
                text_y=y + BAR_HEIGHT // 2 + 5,
                width=width,
                value_x=LABEL_WIDTH + width + 6,
            )
        )
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP) - GAP if rows else TOP * 2
    return BarChart(
        title=title, description=_describe(title, rows), width=WIDTH, height=height, label_width=LABEL_WIDTH, bars=bars
    )


def _describe(title: str, rows: list[tuple[str, Figure]]) -> str:
    shown = [(label, figure) for label, figure in rows if figure.value]
    text = f"Bar chart: {title}."
    if shown:
        label, figure = max(shown, key=lambda row: row[1].value)
        text += f" The largest shown is '{label}' with {figure.text}."
    return text + " The table below gives every figure."
