"""Small server-rendered SVG charts. Each is drawn next to a table of the same figures."""

from __future__ import annotations

BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, CHART_WIDTH = 24, 12, 260, 720


def share_bars(shares) -> dict:
    """Horizontal bars, one per outcome area, of the percentage of evidence from the VCS."""
    plot = CHART_WIDTH - LABEL_WIDTH - 70
    bars = []
    for index, share in enumerate(shares):
        y = index * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
        width = round(plot * (share.percent or 0) / 100, 1)
        bars.append({
            "label": share.label,
            "y": y,
            "text_y": y + BAR_HEIGHT - 6,
            "width": width,
            "value_x": LABEL_WIDTH + width + 8,
            "text": "no evidence" if share.percent is None else f"{share.percent:g}%",
        })
    height = len(bars) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    description = "Share of evidence from the voluntary and community sector: " + "; ".join(
        f"{bar['label']} {bar['text']}" for bar in bars
    )
    return {"bars": bars, "height": height, "width": CHART_WIDTH, "label_width": LABEL_WIDTH, "description": description}


def trend_line(points: list[dict], *, title: str) -> dict | None:
    """A line through an indicator's values over time; suppressed periods leave a gap in the points, not a zero."""
    values = [p["value"] for p in points if p.get("value") is not None]
    if len(values) < 2:
        return None
    width, height, pad_x, pad_y = 480, 200, 50, 24
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or 1
    low, high = low - span * 0.1, high + span * 0.1
    step = (width - 2 * pad_x) / (len(points) - 1)
    dots = []
    for index, point in enumerate(points):
        if point.get("value") is None:
            continue
        x = pad_x + index * step
        y = pad_y + (height - 2 * pad_y) * (1 - (point["value"] - low) / (high - low))
        dots.append({"x": round(x, 1), "y": round(y, 1), "label_y": round(y - 10, 1), "label": point["period"], "text": f"{point['value']:g}"})
    return {
        "width": width,
        "height": height,
        "baseline_y": height - pad_y,
        "polyline": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
        "description": f"Trend of {title}: " + ", ".join(f"{d['label']} {d['text']}" for d in dots),
    }
