"""The frozen content of a published needs assessment.

Everything a reader sees in a published version is copied here at the moment
of publication (indicator values and comparisons, evidence, findings,
priorities and their targets), so a published version never changes, whatever
data is imported or edited afterwards.
"""

from __future__ import annotations

from statistics import mean

from jointly.core.charts import BLUE, Series, line_chart
from jointly.needs.selectors import comparators_for, latest_observations


def _point(observation) -> dict:
    return {"period": observation.period, "value": observation.value, "suppression": observation.suppression}


def _at_period(series, period_key):
    for observation in series or ():
        if observation.period_key == period_key:
            return observation
    return None


def indicator_rows(*, area, indicators) -> list[dict]:
    """Each indicator's five-period trend for the area, with England, region and neighbours for its latest period."""
    indicators = list(indicators)
    comparators = comparators_for(area)
    england = comparators["england"][0] if comparators["england"] else None
    region = comparators["region"][0] if comparators["region"] else None
    neighbours = comparators["neighbours"]
    area_ids = {area.pk} | {a.pk for a in (england, region) if a} | {a.pk for a in neighbours}
    series = latest_observations(area_ids=area_ids, indicator_ids=[i.pk for i in indicators], periods=5)
    rows = []
    for indicator in indicators:
        own = series.get((indicator.pk, area.pk), [])
        latest = own[-1] if own else None
        row = {
            "id": indicator.pk,
            "code": indicator.code,
            "name": indicator.name,
            "outcome_area": indicator.outcome_area.name if indicator.outcome_area else "",
            "polarity": indicator.get_polarity_display(),
            "unit": indicator.unit or indicator.get_value_type_display(),
            "source": indicator.source,
            "trend": [_point(o) for o in own],
            "latest": _point(latest) if latest else None,
            "england": None,
            "region": None,
            "neighbours_average": None,
            "neighbours_with_data": 0,
        }
        if latest is not None:
            for name, place in (("england", england), ("region", region)):
                found = _at_period(series.get((indicator.pk, place.pk)) if place else None, latest.period_key)
                row[name] = _point(found) if found else None
            values = [
                found.value
                for neighbour in neighbours
                if (found := _at_period(series.get((indicator.pk, neighbour.pk)), latest.period_key)) and found.value is not None
            ]
            if values:
                row["neighbours_average"] = round(mean(values), 3)
                row["neighbours_with_data"] = len(values)
        rows.append(row)
    return rows


def add_trend_charts(rows: list[dict]) -> None:
    """Give each indicator row (live or from a snapshot) a line chart of its trend, when it has two values to join.

    A suppressed period is a gap in the line, not a zero.
    """
    for row in rows:
        points = row["trend"]
        values = [point.get("value") for point in points]
        shown = ", ".join(f"{point['period']} {value:g}" for point, value in zip(points, values, strict=True) if value is not None)
        row["chart"] = (
            line_chart(
                labels=[point["period"] for point in points],
                series=[Series(row["name"], values, BLUE)],
                label=f"Trend of {row['name']}: {shown}",
            )
            if sum(value is not None for value in values) >= 2
            else None
        )


def _evidence_row(item) -> dict:
    organisation = item.source_organisation
    return {
        "id": item.pk,
        "title": item.title,
        "summary": item.summary,
        "kind": item.get_kind_display(),
        "organisation": organisation.name,
        "sector": organisation.get_sector_display(),
        "dated": item.dated.isoformat(),
        "outcome_areas": [area.name for area in item.outcome_areas.all()],
        "groups": item.group_labels,
    }


def build_snapshot(assessment, *, at) -> dict:
    trust = assessment.trust
    indicators = assessment.indicators.select_related("outcome_area").order_by("outcome_area__order", "name")
    evidence = assessment.evidence.select_related("source_organisation").prefetch_related("outcome_areas")
    findings = assessment.findings.select_related("outcome_area").prefetch_related("evidence")
    priorities = assessment.priorities.select_related("outcome_area", "approved_by_body").prefetch_related("targets__indicator", "evidence")
    return {
        "taken_at": at.isoformat(),
        "trust": trust.name,
        "area": trust.area.name,
        "indicators": indicator_rows(area=trust.area, indicators=indicators),
        "evidence": [_evidence_row(item) for item in evidence],
        "findings": [
            {
                "title": finding.title,
                "text": finding.text,
                "outcome_area": finding.outcome_area.name if finding.outcome_area else "",
                "evidence": [item.title for item in finding.evidence.all()],
            }
            for finding in findings
        ],
        "priorities": [
            {
                "id": priority.pk,
                "title": priority.title,
                "description": priority.description,
                "outcome_area": priority.outcome_area.name,
                "status": priority.get_status_display(),
                "approved_by": priority.approved_by_body.name if priority.approved_by_body else "",
                "approved_on": priority.approval_meeting_date.isoformat() if priority.approval_meeting_date else "",
                "minute_reference": priority.approval_minute_reference,
                "evidence": [item.title for item in priority.evidence.all()],
                "targets": [
                    {
                        "indicator": target.indicator.name,
                        "baseline": target.baseline_value,
                        "baseline_period": target.baseline_period,
                        "target": target.target_value,
                        "target_period": target.target_period,
                        "direction": target.get_direction_display(),
                    }
                    for target in priority.targets.all()
                ],
            }
            for priority in priorities
        ],
    }
