"""Server-rendered SVG charts for the profile and indicator pages.

Each function returns SVG markup with role="img" and an aria-label that says
what the chart shows; the template puts it in a <figure> with a caption and
a table of the same figures, so nothing depends on seeing the picture or on
JavaScript. Colour is never the only cue: markers and tables carry the words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .profiles import Spine, format_number

BLUE, BLACK, ORANGE, GREY, DARK_GREY, LIGHT_GREY = "#1d70b8", "#0b0c0c", "#f47738", "#b1b4b6", "#505a5f", "#f3f2f1"
RAG_COLOURS = {"green": "#00703c", "amber": "#ffdd00", "red": "#d4351c", "grey": "#b1b4b6"}
# Sequential blues, light to dark, for the choropleth's five classes.
CLASS_COLOURS = ["#d2e2f1", "#a5c6e3", "#77a9d4", "#4a8dc6", "#1d70b8"]
FONT = 'font-family="Arial, sans-serif"'


def svg_image(width: int, height: int, label: str, body: SafeString, *, css_width: str = "100%") -> SafeString:
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" preserveAspectRatio="xMinYMin meet" '
        'focusable="false" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        label, width, height, css_width, body,
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
        "", '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
        ((" ".join(f"{x},{y}" for x, y in seg), colour) for seg in segments),
    )
    last = segments[-1][-1] if segments else None
    dot = format_html('<circle cx="{}" cy="{}" r="2.5" fill="{}"/>', last[0], last[1], colour) if last else ""
    return svg_image(width, height, label, format_html("{}{}", body, dot), css_width="100")


def spine_chart(spine: Spine | None, *, rag: str, label: str) -> SafeString:
    """England's range (light), its middle half (darker), England's line and the area's marker."""
    if spine is None:
        return mark_safe("")
    height = 20
    body = format_html(
        '<rect x="{}" y="4" width="{}" height="12" fill="{}"/>'
        '<rect x="{}" y="4" width="{}" height="12" fill="{}"/>'
        '<line x1="100" y1="0" x2="100" y2="{}" stroke="{}" stroke-width="2"/>',
        spine.low_x, max(spine.high_x - spine.low_x, 0.5), GREY,
        spine.q1_x, max(spine.q3_x - spine.q1_x, 0.5), DARK_GREY,
        height, BLACK,
    )
    if spine.area_x is not None:
        body = format_html(
            '{}<circle cx="{}" cy="10" r="5" fill="{}" stroke="{}" stroke-width="1"/>',
            body, spine.area_x, RAG_COLOURS.get(rag, GREY), BLACK,
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


def line_chart(
    *, labels: list[str], series: list[Series], band: list[tuple[int, float, float]] | None = None, label: str
) -> SafeString:
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
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/><text x="{}" y="{}" text-anchor="end" {} font-size="13" fill="{}">{}</text>',
            left, y(tick), width - right, y(tick), LIGHT_GREY, left - 6, y(tick) + 4, mark_safe(FONT), BLACK, format_number(round(tick, 2)),
        ))
    for i, text in enumerate(labels):
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="end" transform="rotate(-30 {} {})" {} font-size="12" fill="{}">{}</text>',
            x(i), top + plot_h + 16, x(i), top + plot_h + 16, mark_safe(FONT), BLACK, text[:18],
        ))
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
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3" {}/><text x="{}" y="{}" {} font-size="13" fill="{}">{}</text>',
            lx, height - 8, lx + 24, height - 8, s.colour, mark_safe(dash), lx + 30, height - 4, mark_safe(FONT), BLACK, s.name[:20],
        ))
    return svg_image(width, height, label, mark_safe("".join(parts)))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    *, bars: list[tuple], label: str, reference: tuple[str, float] | None = None
) -> SafeString:
    """Horizontal bars (label, value, highlighted[, text shown]); a vertical reference line such as England's value.

    The optional text is what to write beside a bar, such as a suppression code where there is no value.
    """
    row, left, right, top = 30, 300, 120, 10
    width = 640
    height = top + row * len(bars) + 30
    values = [bar[1] for bar in bars if bar[1] is not None] + ([reference[1]] if reference else [])
    high = max([v for v in values if v > 0], default=1.0)
    plot_w = width - left - right
    parts = [format_html('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>', left, top, left, top + row * len(bars), BLACK)]
    for i, (text, value, highlighted, *shown) in enumerate(bars):
        y = top + i * row
        parts.append(format_html(
            '<text x="{}" y="{}" text-anchor="end" {} font-size="14" fill="{}"{}>{}</text>',
            left - 8, y + 19, mark_safe(FONT), BLACK, mark_safe(' font-weight="bold"' if highlighted else ""), _short(text, 40),
        ))
        if value is not None and value > 0:
            w = round(value / high * plot_w, 1)
            parts.append(format_html('<rect x="{}" y="{}" width="{}" height="22" fill="{}"/>', left, y + 4, w, ORANGE if highlighted else BLUE))
        shown_text = shown[0] if shown and shown[0] else (format_number(value) if value is not None else "no value")
        end = left + (round(value / high * plot_w, 1) if value is not None and value > 0 else 0)
        parts.append(format_html('<text x="{}" y="{}" {} font-size="14" fill="{}">{}</text>', end + 6, y + 19, mark_safe(FONT), BLACK, shown_text))
    if reference is not None and reference[1] > 0:
        rx = round(left + reference[1] / high * plot_w, 1)
        bottom = top + row * len(bars)
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="4 3"/>'
            '<text x="{}" y="{}" text-anchor="middle" {} font-size="13" fill="{}">{}: {}</text>',
            rx, top, rx, bottom + 4, BLACK, rx, bottom + 20, mark_safe(FONT), BLACK, reference[0], format_number(reference[1]),
        ))
    return svg_image(width, height, label, mark_safe("".join(parts)))


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
        chunk = ordered[len(ordered) * n // count: len(ordered) * (n + 1) // count]
        if chunk:
            classes.append(MapClass(colour=CLASS_COLOURS[n + (len(CLASS_COLOURS) - count)], low=chunk[0], high=chunk[-1]))
    return classes


def class_for(value: float, classes: list[MapClass]) -> MapClass | None:
    for klass in classes:
        if value <= klass.high:
            return klass
    return classes[-1] if classes else None


def choropleth(svg_map, values: dict[object, float | None], names: dict[object, str], *, classes: list[MapClass], label: str) -> SafeString:
    """Areas shaded by class; areas with no value are hatched grey. Each area has a <title> with its name and value."""
    pattern = format_html(
        '<defs><pattern id="no-data" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="{}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="2"/></pattern></defs>',
        LIGHT_GREY, GREY,
    )
    parts = [pattern]
    for key, path in svg_map.paths:
        value = values.get(key)
        klass = class_for(value, classes) if value is not None else None
        fill = klass.colour if klass else "url(#no-data)"
        title = f"{names.get(key, '')}: {format_number(value) if value is not None else 'no data'}"
        parts.append(format_html('<path d="{}" fill="{}" stroke="{}" stroke-width="0.6"><title>{}</title></path>', path, fill, BLACK, title))
    return svg_image(svg_map.width, svg_map.height, label, mark_safe("".join(parts)))
