"""Reads for places."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from .models import Area, StatisticalNeighbour


def areas(*, kind: str | None = None, parent: Area | None = None, with_shapes: bool = False) -> QuerySet[Area]:
    """Areas, without their (large) shapes unless asked for."""
    queryset = Area.objects.select_related("parent")
    if not with_shapes:
        queryset = queryset.defer("shape", "parent__shape")
    if kind:
        queryset = queryset.filter(kind=kind)
    if parent is not None:
        queryset = queryset.filter(parent=parent)
    return queryset.order_by("name")


def area_by_code(code: str, *, with_shape: bool = False) -> Area | None:
    """The area with this ONS code, from the latest boundary set that has it."""
    queryset = Area.objects.filter(code=code).select_related("parent")
    if not with_shape:
        queryset = queryset.defer("shape", "parent__shape")
    return queryset.order_by("-boundary_year").first()


def area_ids_by_code(codes=None) -> dict[str, int]:
    """ONS code -> area id, taking the latest boundary year where a code has several."""
    queryset = Area.objects.all()
    if codes is not None:
        queryset = queryset.filter(code__in=list(codes))
    ids: dict[str, int] = {}
    for code, area_id in queryset.order_by("code", "boundary_year").values_list("code", "id"):
        ids[code] = area_id  # Later boundary years overwrite earlier ones.
    return ids


def ancestors(area: Area) -> list[Area]:
    """The area's parents, nearest first (a ward's district, county, region, then England), in one query."""
    depth = "parent__parent__parent__parent"
    shapes = ["shape", "parent__shape", "parent__parent__shape", "parent__parent__parent__shape", f"{depth}__shape"]
    found = Area.objects.select_related(depth).defer(*shapes).get(pk=area.pk)
    chain, current = [], found.parent
    while current is not None and len(chain) < 4:
        chain.append(current)
        current = current.parent if current.parent_id else None
    return chain


def neighbour_list(*, authority: Area, on: datetime.date | None = None) -> list[StatisticalNeighbour]:
    """The authority's latest list of statistical neighbours (on or before `on`), in rank order."""
    entries = StatisticalNeighbour.objects.filter(authority=authority)
    if on is not None:
        entries = entries.filter(list_date__lte=on)
    latest = entries.order_by("-list_date").values_list("list_date", flat=True).first()
    if latest is None:
        return []
    return list(entries.filter(list_date=latest).select_related("neighbour").defer("neighbour__shape").order_by("rank"))


def neighbour_ids_for(authority_ids) -> dict[int, list[int]]:
    """For many authorities at once: authority id -> neighbour ids in rank order, from each one's latest list."""
    rows = (
        StatisticalNeighbour.objects.filter(authority_id__in=list(authority_ids))
        .order_by("authority_id", "-list_date", "rank")
        .values_list("authority_id", "list_date", "neighbour_id")
    )
    result: dict[int, list[int]] = {}
    latest: dict[int, datetime.date] = {}
    for authority_id, list_date, neighbour_id in rows:
        if latest.setdefault(authority_id, list_date) != list_date:
            continue
        result.setdefault(authority_id, []).append(neighbour_id)
    return result


def upper_tier_authorities() -> QuerySet[Area]:
    return areas(kind=Area.Kind.UPPER_TIER)
