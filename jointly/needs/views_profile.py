"""The area profile and indicator pages of a trust, and the profile's downloads.

Who may see them: every signed-in member of the trust (Perm.PROFILE_VIEW is
given to all roles), because the figures are published statistics; a person
from another trust gets "not found"; anyone signed out is sent to sign in.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core import charts, downloads
from jointly.partnerships.models import Trust
from jointly.places.models import SHAPE_ATTRIBUTION

from .indicator_profile import indicator_detail, indicator_for
from .profiles import ILLUSTRATIVE_NEIGHBOURS, area_profile, format_value, profile_columns, shown


def _trust_for(request, slug):
    return get_object_for(request.user, Perm.PROFILE_VIEW, Trust.objects.select_related("area", "region"), slug=slug)


def _decorate(profile):
    """Attach each row's small charts (sparkline and spine) for the template."""
    for row in profile.rows:
        name = row.indicator.name
        row.sparkline = charts.sparkline(row.trend_values, label=f"Trend of {name} over {len(row.trend)} periods: {row.trend_text}.")
        row.spine_svg = charts.spine_chart(
            row.spine,
            rag=str(row.rag),
            label=(
                f"Spine chart of {name}: {profile.area.name} is {row.outcome} compared with England "
                f"({row.cells()[5]} against {row.cells()[9]}); England's authorities range from "
                f"{row.cells()[16]} to {row.cells()[17]}."
            ),
        )
    return profile


@login_required
def profile(request, slug):
    trust = _trust_for(request, slug)
    data = _decorate(area_profile(user=request.user, trust=trust))
    return render(
        request,
        "needs/profile/profile.html",
        {
            "trust": trust,
            "profile": data,
            "rag_colours": charts.RAG_COLOURS,
            "page_title": f"Area profile: {trust.area.name}",
            "breadcrumbs": [("Partnerships", "/partnerships/"), (trust.name, trust.get_absolute_url()), ("Area profile", "")],
        },
    )


def _filename(trust) -> str:
    return f"area-profile-{trust.slug}"


@login_required
def profile_csv(request, slug):
    trust = _trust_for(request, slug)
    data = area_profile(user=request.user, trust=trust)
    return downloads.csv_response(filename=_filename(trust), headings=profile_columns(data), rows=(row.download_cells() for row in data.rows))


@login_required
def profile_xlsx(request, slug):
    trust = _trust_for(request, slug)
    data = area_profile(user=request.user, trust=trust)
    return downloads.xlsx_response(
        filename=_filename(trust),
        sheets=[
            ("Area profile", [profile_columns(data), *(row.download_cells() for row in data.rows)]),
            ("How to read it", _how_to_read(trust, data)),
        ],
    )


@login_required
def indicator(request, slug, pk):
    trust = _trust_for(request, slug)
    found = indicator_for(user=request.user, trust=trust, pk=pk)
    if found is None:
        raise Http404("Not found.")
    detail = indicator_detail(trust=trust, indicator=found)
    return render(
        request,
        "needs/profile/indicator.html",
        {
            "trust": trust,
            "detail": detail,
            "indicator": found,
            **_indicator_cells(detail),
            "shape_attribution": SHAPE_ATTRIBUTION,
            "page_title": f"{found.name}: {trust.area.name}",
            "breadcrumbs": [
                ("Partnerships", "/partnerships/"),
                (trust.name, trust.get_absolute_url()),
                ("Area profile", f"/needs/trusts/{trust.slug}/profile/"),
                (found.name, ""),
            ],
        },
    )


def _how_to_read(trust, data) -> list[list[str]]:
    rows = [[f"Area profile of {trust.area.name} ({trust.area.code})"], [data.rule_text]]
    rows.append(["Figures are given to the decimal places their publisher gives (the 'Decimal places published' column)."])
    if data.neighbours_illustrative:
        rows.append([f"Statistical neighbours: {ILLUSTRATIVE_NEIGHBOURS}."])
    return rows


def _indicator_cells(detail) -> dict:
    """The text of every table on the indicator page: the same figures the charts draw, to the published places."""
    projection, places = detail.projection, detail.indicator.decimal_places
    return {
        "trend_cells": [
            (row["period"], shown(row["area"], places), shown(row["england"], places), shown(row["region"], places)) for row in detail.trend_rows
        ],
        "projection_cells": [
            (p.label, format_value(p.value, places), format_value(p.lower, places), format_value(p.upper, places))
            for p in (projection.points if projection else [])
        ],
        "comparison_cells": [(area.name, shown(obs, places)) for area, obs, _ in detail.comparison],
        "england_text": shown(detail.england_latest, places),
        "breakdown_cells": [
            {"name": group.name, "chart": group.chart, "cells": [(label, shown(obs, places)) for label, obs in group.rows]}
            for group in detail.breakdown_groups
        ],
        "ward_cells": [(ward.name, shown(obs, places)) for ward, obs in detail.ward_rows],
    }
