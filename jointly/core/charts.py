"""Every chart Jointly draws: SVG built on the server, with no JavaScript and no network.

Each chart is SVG markup with role="img" and an aria-label that says what it
shows; the template puts it in a <figure> with a caption and a table of the
same figures, so nothing depends on seeing the picture. Colour is never the
only cue: markers, labels and tables carry the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

BLUE, BLACK, ORANGE, GREY, DARK_GREY, LIGHT_GREY = "#1d70b8", "#0b0c0c", "#f47738", "#b1b4b6", "#505a5f", "#f3f2f1"
RAG_COLOURS = {"green": "#00703c", "amber": "#ffdd00", "red": "#d4351c", "grey": "#b1b4b6"}
# Sequential blues, light to dark, for the choropleth's five classes.
CLASS_COLOURS = ["#d2e2f1", "#a5c6e3", "#77a9d4", "#4a8dc6", "#1d70b8"]
FONT = 'font-family="Arial, sans-serif"'


def format_number(value: float | None) -> str:
    """A number as the charts and tables write it: whole numbers plainly, small ones to two places."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}" if abs(value) < 1 else f"{value:,.1f}"


def svg_image(width: int, height: int, label: str, body: SafeString, *, css_width: str = "100%") -> SafeString:
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" preserveAspectRatio="xMinYMin meet" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        label,
        width,
        height,
        css_width,
        body,
    )


def sparkline(values: list[float | None], *, label: str, colour: str = BLUE) -> SafeString:
    """A small trend line; gaps (suppressed or missing values) break the line."""
    width, height, pad = 100, 24, 3
    known = [v for v in values if v is not None]
    if not known:
        return svg_image(width, height, label, mark_safe(""), css_width="100")
    low, high = min(known), max(known)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points, segments = [], []
    for index, value in enumerate(values):
        if value is None:
            if points:
                segments.append(points)
            points = []
            continue
        y = height - pad - (value - low) / span * (height - 2 * pad) if high != low else height / 2
        points.append((round(pad + index * step, 1), round(y, 1)))
    if points:
        segments.append(points)
    body = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
        ((" ".join(f"{x},{y}" for x, y in seg), colour) for seg in segments),
    )
    last = segments[-1][-1] if segments else None
    dot = format_html('<circle cx="{}" cy="{}" r="2.5" fill="{}"/>', last[0], last[1], colour) if last else ""
    return svg_image(width, height, label, format_html("{}{}", body, dot), css_width="100")


def spine_chart(spine, *, rag: str, label: str) -> SafeString:
    """England's range (light), its middle half (darker), England's line and the area's marker.

    `spine` is a `jointly.needs.profiles.Spine`: its x positions are already on the chart's scale.
    """
    if spine is None:
        return mark_safe("")
    height = 20
    body = format_html(
        '<rect x="{}" y="4" width="{}" height="12" fill="{}"/>'
        '<rect x="{}" y="4" width="{}" height="12" fill="{}"/>'
        '<line x1="100" y1="0" x2="100" y2="{}" stroke="{}" stroke-width="2"/>',
        spine.low_x,
        max(spine.high_x - spine.low_x, 0.5),
        GREY,
        spine.q1_x,
        max(spine.q3_x - spine.q1_x, 0.5),
        DARK_GREY,
        height,
        BLACK,
    )
    if spine.area_x is not None:
        body = format_html(
            '{}<circle cx="{}" cy="10" r="5" fill="{}" stroke="{}" stroke-width="1"/>',
            body,
            spine.area_x,
            RAG_COLOURS.get(rag, GREY),
            BLACK,
        )
    return svg_image(spine.width, height, label, body, css_width="200")


@dataclass
class Series:
    name: str
    values: list[float | None]  # one per x label (None for a gap)
    colour: str
    dashed: bool = False


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high == low:
        high, low = high + 1, low - 1
    step = (high - low) / (count - 1)
    return [low + step * i for i in range(count)]


def line_chart(*, labels: list[str], series: list[Series], band: list[tuple[int, float, float]] | None = None, label: str) -> SafeString:
    """A trend line chart. `band` is (x index, lower, upper) for the projection's shaded interval."""
    width, height, left, right, top, bottom = 640, 320, 70, 20, 20, 60
    values = [v for s in series for v in s.values if v is not None]
    values += [v for _, lo, hi in (band or []) for v in (lo, hi)]
    if not values or not labels:
        return svg_image(width, height, label, mark_safe(""))
    low, high = min(values), max(values)
    if low >= 0 and low < (high - low):
        low = 0.0  # Start at zero unless that would flatten the lines.
    pad = (high - low) * 0.05 or 1.0
    low, high = low - (pad if low != 0 else 0), high + pad
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return round(left + i * step, 1)

    def y(v: float) -> float:
        return round(top + (high - v) / (high - low) * plot_h, 1)

    parts = [format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>', left, top + plot_h, width - right, top + plot_h, BLACK)]
    for tick in _ticks(low, high):
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/><text x="{}" y="{}" text-anchor="end" {} font-size="13" fill="{}">{}</text>',
                left,
                y(tick),
                width - right,
                y(tick),
                LIGHT_GREY,
                left - 6,
                y(tick) + 4,
                mark_safe(FONT),
                BLACK,
                format_number(round(tick, 2)),
            )
        )
    for i, text in enumerate(labels):
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" transform="rotate(-30 {} {})" {} font-size="12" fill="{}">{}</text>',
                x(i),
                top + plot_h + 16,
                x(i),
                top + plot_h + 16,
                mark_safe(FONT),
                BLACK,
                text[:18],
            )
        )
    if band:
        upper = " ".join(f"{x(i)},{y(hi)}" for i, _, hi in band)
        lower = " ".join(f"{x(i)},{y(lo)}" for i, lo, _ in reversed(band))
        parts.append(format_html('<polygon points="{} {}" fill="{}" fill-opacity="0.25" stroke="none"/>', upper, lower, BLUE))
    for s in series:
        segment: list[str] = []
        segments = []
        for i, value in enumerate(s.values):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append(f"{x(i)},{y(value)}")
        if segment:
            segments.append(segment)
        dash = 'stroke-dasharray="6 4"' if s.dashed else ""
        for seg in segments:
            parts.append(format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="3" {}/>', " ".join(seg), s.colour, mark_safe(dash)))
        for i, value in enumerate(s.values):
            if value is not None:
                parts.append(format_html('<circle cx="{}" cy="{}" r="3.5" fill="{}"/>', x(i), y(value), s.colour))
    # A legend in words, so colour is not the only way to tell the lines apart.
    for n, s in enumerate(series):
        lx = left + n * 150
        dash = 'stroke-dasharray="6 4"' if s.dashed else ""
        parts.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3" {}/><text x="{}" y="{}" {} font-size="13" fill="{}">{}</text>',
                lx,
                height - 8,
                lx + 24,
                height - 8,
                s.colour,
                mark_safe(dash),
                lx + 30,
                height - 4,
                mark_safe(FONT),
                BLACK,
                s.name[:20],
            )
        )
    return svg_image(width, height, label, mark_safe("".join(parts)))


# Horizontal bars: one geometry for every bar chart.
BAR_WIDTH, LABEL_WIDTH, VALUE_SPACE, BAR_HEIGHT, GAP, TOP, LABEL_CHARS = 640, 270, 120, 24, 10, 8, 34
REFERENCE_SPACE = 30  # below the bars, for the reference line's words


class Row(NamedTuple):
    label: str
    value: float | None  # None: nothing to draw (suppressed, hidden or missing)
    text: str = ""  # written beside the bar, such as a suppression code; the value itself when empty
    highlighted: bool = False  # the area the chart is about, drawn in another colour and in bold


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    text: str
    highlighted: bool
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    """The layout of a horizontal bar chart; rendering it in a template draws the SVG."""

    description: str
    width: int
    height: int
    bars: list[Bar]
    reference: tuple[str, float, float] | None = None  # (name, value, x)

    def __html__(self) -> str:
        bottom = TOP + len(self.bars) * (BAR_HEIGHT + GAP)
        parts = [format_html('<line x1="{}" y1="0" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>', LABEL_WIDTH, LABEL_WIDTH, bottom, BLACK)]
        for bar in self.bars:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="end" {} font-size="15" fill="{}"{}>{}</text>',
                    LABEL_WIDTH - 8,
                    bar.text_y,
                    mark_safe(FONT),
                    BLACK,
                    mark_safe(' font-weight="bold"' if bar.highlighted else ""),
                    bar.short_label,
                )
            )
            if bar.width:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        LABEL_WIDTH,
                        bar.y,
                        bar.width,
                        BAR_HEIGHT,
                        ORANGE if bar.highlighted else BLUE,
                    )
                )
            parts.append(
                format_html('<text x="{}" y="{}" {} font-size="15" fill="{}">{}</text>', bar.value_x, bar.text_y, mark_safe(FONT), BLACK, bar.text)
            )
        if self.reference:
            name, value, x = self.reference
            parts.append(
                format_html(
                    '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="4 3"/>'
                    '<text x="{}" y="{}" text-anchor="middle" {} font-size="13" fill="{}">{}: {}</text>',
                    x,
                    TOP,
                    x,
                    bottom + 4,
                    BLACK,
                    x,
                    bottom + 20,
                    mark_safe(FONT),
                    BLACK,
                    name,
                    format_number(value),
                )
            )
        return svg_image(self.width, self.height, self.description, mark_safe("".join(parts)))

    __str__ = __html__


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    rows: list[tuple],
    *,
    title: str = "",
    description: str = "",
    scale_max: float | None = None,
    reference: tuple[str, float] | None = None,
    largest: str = "The largest is '{label}' at {text}.",
) -> BarChart:
    """Lay out horizontal bars, one a `Row` (label, value[, text[, highlighted]]), in the order given.

    Bar lengths are relative to `scale_max` when given (100 for percentages), otherwise to the
    largest value, or the reference value (such as England's) when that is larger. A row with no
    value, or a value of zero or less, has no bar: only its text. `description` is the chart's
    accessible text; without one it is built from `title`, naming the largest bar in `largest`'s words.
    """
    rows = [Row(*row) for row in rows]
    plot_width = BAR_WIDTH - LABEL_WIDTH - VALUE_SPACE
    drawn = [row for row in rows if row.value is not None and row.value > 0]
    high = scale_max or max([float(row.value) for row in drawn] + ([float(reference[1])] if reference else []), default=0)
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = round(plot_width * float(row.value) / float(high), 1) if row.value is not None and row.value > 0 and high else 0.0
        text = row.text or (format_number(row.value) if row.value is not None else "no value")
        bars.append(Bar(row.label, _short(row.label, LABEL_CHARS), text, row.highlighted, y, y + BAR_HEIGHT // 2 + 5, width, LABEL_WIDTH + width + 6))
    height = TOP * 2 + len(rows) * (BAR_HEIGHT + GAP) - GAP if rows else TOP * 2
    drawn_reference = None
    if reference is not None and reference[1] > 0 and high:
        drawn_reference = (reference[0], reference[1], round(LABEL_WIDTH + plot_width * float(reference[1]) / float(high), 1))
        height += REFERENCE_SPACE
    if not description:
        description = f"Bar chart: {title}."
        if drawn:
            top = max(drawn, key=lambda row: row.value)
            description += " " + largest.format(label=top.label, text=bars[rows.index(top)].text)
        description += " The table below gives every figure."
    return BarChart(description=description, width=BAR_WIDTH, height=height, bars=bars, reference=drawn_reference)


@dataclass
class MapClass:
    colour: str
    low: float
    high: float

    @property
    def text(self) -> str:
        return f"{format_number(self.low)} to {format_number(self.high)}"


def map_classes(values: list[float], count: int = 5) -> list[MapClass]:
    """Up to `count` equal-count classes (quantiles) of the values, light to dark."""
    ordered = sorted(values)
    if not ordered:
        return []
    count = min(count, len(set(ordered)))
    classes = []
    for n in range(count):
        chunk = ordered[len(ordered) * n // count : len(ordered) * (n + 1) // count]
        if chunk:
            classes.append(MapClass(colour=CLASS_COLOURS[n + (len(CLASS_COLOURS) - count)], low=chunk[0], high=chunk[-1]))
    return classes


def class_for(value: float, classes: list[MapClass]) -> MapClass | None:
    for klass in classes:
        if value <= klass.high:
            return klass
    return classes[-1] if classes else None


def shaded_map(svg_map, fills: dict[object, str | None], titles: dict[object, str], *, label: str) -> SafeString:
    """Areas filled with their colour; an area with none is hatched grey. Each area has a <title> that says what it shows."""
    parts = [
        format_html(
            '<defs><pattern id="no-data" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            '<rect width="6" height="6" fill="{}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="2"/></pattern></defs>',
            LIGHT_GREY,
            GREY,
        )
    ]
    for key, path in svg_map.paths:
        parts.append(
            format_html(
                '<path d="{}" fill="{}" stroke="{}" stroke-width="0.6"><title>{}</title></path>',
                path,
                fills.get(key) or "url(#no-data)",
                BLACK,
                titles.get(key, ""),
            )
        )
    return svg_image(svg_map.width, svg_map.height, label, mark_safe("".join(parts)))


def choropleth(svg_map, values: dict[object, float | None], names: dict[object, str], *, classes: list[MapClass], label: str) -> SafeString:
    """Areas shaded by class of their value; areas with no value are hatched. Each area's title gives its name and value."""
    fills, titles = {}, {}
    for key, _ in svg_map.paths:
        value = values.get(key)
        klass = class_for(value, classes) if value is not None else None
        fills[key] = klass.colour if klass else None
        titles[key] = f"{names.get(key, '')}: {format_number(value) if value is not None else 'no data'}"
    return shaded_map(svg_map, fills, titles, label=label)
