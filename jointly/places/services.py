"""Writes for places: areas and their shapes, and statistical neighbour lists."""

from __future__ import annotations

import csv
import datetime
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from jointly.audit.services import acting_as
from jointly.core.errors import NON_FIELD, FieldErrors

from . import selectors
from .models import ONS_CODE, Area, StatisticalNeighbour
from .rows import ErrorCollector, FileRejected, RowError
from .shapes import topology_features

DATA_DIR = Path(__file__).resolve().parent / "data"
DISTRICT_COUNTY_LOOKUP = DATA_DIR / "district_county_2013.csv"
SHAPE_YEAR = 2013
NEIGHBOURS_PER_LIST = 10


# --- Areas and shapes --------------------------------------------------------


def area_ensure(*, code: str, name: str, boundary_year: int, kind: str | None = None, parent: Area | None = None) -> Area:
    """The area with this code (from any boundary year), created if Jointly has not seen it.

    An existing area keeps its name; a missing parent is filled in.
    """
    area = selectors.area_by_code(code)
    if area is None:
        return Area.objects.create(code=code, name=name, kind=kind or Area.kind_for_code(code), boundary_year=boundary_year, parent=parent)
    if parent is not None and area.parent_id is None and parent.pk != area.pk:
        Area.objects.filter(pk=area.pk).update(parent=parent)
        area.parent = parent
    return area


@dataclass(frozen=True)
class ShapeImportSummary:
    districts: int
    wards: int
    counties_linked: int


def _county_lookup(path: Path | None) -> dict[str, tuple[str, str]]:
    if path is None or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return {row["district_code"]: (row["county_code"], row["county_name"]) for row in csv.DictReader(handle)}


@transaction.atomic
def shapes_import(
    *,
    districts_path: Path | str,
    wards_dir: Path | str | None = None,
    ward_districts: Sequence[str] | None = None,
    county_lookup: Path | None = DISTRICT_COUNTY_LOOKUP,
    replace: bool = False,
) -> ShapeImportSummary:
    """Load the 2013 district shapes, and the ward shapes of `ward_districts`.

    Areas Jointly already knows (by code, from any boundary year) get the
    shape; others are created with boundary year 2013. Districts in the county
    lookup are linked to their county. Areas that already have a shape from
    the same boundary year keep it unless `replace` is set, so running it
    again changes nothing.
    """
    counties = _county_lookup(county_lookup)
    have_shape = set(Area.objects.filter(shape_year=SHAPE_YEAR, shape__isnull=False).values_list("pk", flat=True))
    districts: dict[str, Area] = {}
    linked = 0
    for properties, shape in topology_features(districts_path, "lad"):
        code, name = properties.get("LAD13CD", ""), properties.get("LAD13NM", "")
        if not ONS_CODE.match(code or ""):
            continue
        parent = None
        if code in counties:
            county_code, county_name = counties[code]
            parent = area_ensure(code=county_code, name=county_name, boundary_year=SHAPE_YEAR, kind=Area.Kind.UPPER_TIER)
        area = area_ensure(code=code, name=name, boundary_year=SHAPE_YEAR, parent=parent)
        linked += parent is not None and area.parent_id == parent.pk
        if replace or area.pk not in have_shape:
            Area.objects.filter(pk=area.pk).update(shape=shape, shape_year=SHAPE_YEAR)
        districts[code] = area

    wards = 0
    if wards_dir is not None:
        for district_code in ward_districts if ward_districts is not None else sorted(districts):
            path = Path(wards_dir) / f"{district_code}.topo.json"
            district = districts.get(district_code) or selectors.area_by_code(district_code)
            if district is None or not path.exists():
                continue  # No shape for this district: it is shown without a map.
            wards += _import_wards(path, district, replace)
    return ShapeImportSummary(districts=len(districts), wards=wards, counties_linked=linked)


def _import_wards(path: Path, district: Area, replace: bool) -> int:
    features = [(p.get("WD13CD", ""), p.get("WD13NM", ""), shape) for p, shape in topology_features(path)]
    features = [(code, name, shape) for code, name, shape in features if ONS_CODE.match(code or "")]
    known = {area.code: area for area in Area.objects.filter(code__in=[code for code, _, _ in features]).only("id", "code", "parent", "shape_year")}
    new, changed = [], []
    for code, name, shape in features:
        area = known.get(code)
        if area is None:
            new.append(Area(code=code, name=name, kind=Area.Kind.WARD, boundary_year=SHAPE_YEAR, parent=district, shape=shape, shape_year=SHAPE_YEAR))
        elif replace or area.shape_year != SHAPE_YEAR or area.parent_id is None:
            area.shape, area.shape_year = shape, SHAPE_YEAR
            area.parent_id = area.parent_id or district.pk
            changed.append(area)
    Area.objects.bulk_create(new, batch_size=500)
    Area.objects.bulk_update(changed, ["shape", "shape_year", "parent"], batch_size=200)
    return len(features)


# --- Statistical neighbours --------------------------------------------------


@transaction.atomic
def neighbour_list_set(
    *, authority: Area, neighbours: Sequence[Area], list_date: datetime.date, source: str = "", by=None
) -> list[StatisticalNeighbour]:
    """Replace the authority's list of the given date with these ten, ranked in order."""
    if authority.kind != Area.Kind.UPPER_TIER:
        raise FieldErrors({NON_FIELD: f"{authority.name} is not an upper-tier authority, so it has no statistical neighbours."})
    if len(neighbours) != NEIGHBOURS_PER_LIST:
        raise FieldErrors({NON_FIELD: f"Choose {NEIGHBOURS_PER_LIST} neighbours, one for each rank."})
    # Every rank at fault is named at once, so the form shows them all in one go.
    errors: dict[str, str] = {}
    seen: dict[int, int] = {}
    for rank, neighbour in enumerate(neighbours, start=1):
        if neighbour.pk == authority.pk:
            errors[f"rank_{rank}"] = f"{authority.name} cannot be its own neighbour."
        elif neighbour.pk in seen:
            errors[f"rank_{rank}"] = f"{neighbour.name} is already rank {seen[neighbour.pk]}: choose a different authority for rank {rank}."
        else:
            seen[neighbour.pk] = rank
    if errors:
        raise FieldErrors(errors)
    current = list(StatisticalNeighbour.objects.filter(authority=authority, list_date=list_date).order_by("rank"))
    if [entry.neighbour_id for entry in current] == [neighbour.pk for neighbour in neighbours]:
        return current  # The same list again: nothing changes, and nothing is recorded.
    with acting_as(by):
        for entry in current:
            entry.delete()
        return [
            StatisticalNeighbour.objects.create(authority=authority, neighbour=neighbour, rank=rank, list_date=list_date, source=source)
            for rank, neighbour in enumerate(neighbours, start=1)
        ]


@dataclass(frozen=True)
class NeighbourImportSummary:
    lists: int
    rows: int


NEIGHBOUR_COLUMNS = ("authority_code", "neighbour_code", "rank", "list_date")


def _parse_date(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def neighbours_import(*, path: Path | str, by=None) -> NeighbourImportSummary:
    """Import statistical neighbour lists from a CSV file: all of it, or (with row-numbered reasons) none of it.

    Columns: authority_code, neighbour_code, rank (1 to 10), list_date
    (YYYY-MM-DD); others, such as names, are ignored. Each authority's list
    for a date must rank ten different authorities 1 to 10. A list in the
    file replaces the stored list of the same authority and date.
    """
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    errors = ErrorCollector()
    upper_tier = {area.code: area for area in selectors.upper_tier_authorities()}
    lists: dict[tuple[str, datetime.date], dict[int, tuple[str, int]]] = {}
    first_row: dict[tuple[str, datetime.date], int] = {}
    rows = 0
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader, [])]
        missing = [name for name in NEIGHBOUR_COLUMNS if name not in header]
        if missing:
            raise FileRejected([RowError(1, name, "This column is missing: the file needs " + ", ".join(NEIGHBOUR_COLUMNS)) for name in missing])
        at = {name: header.index(name) for name in NEIGHBOUR_COLUMNS}
        for row_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            if len(row) < len(header):
                errors.add(row_number, "", f"This row has {len(row)} cells; the header has {len(header)}.")
                continue
            authority_code, neighbour_code = row[at["authority_code"]].strip(), row[at["neighbour_code"]].strip()
            row_ok = True
            for column, code in (("authority_code", authority_code), ("neighbour_code", neighbour_code)):
                if not ONS_CODE.match(code):
                    errors.add(row_number, column, f"'{code}' is not an ONS code (a letter and eight digits, like E06000026).")
                    row_ok = False
                elif code not in upper_tier:
                    errors.add(row_number, column, f"{code} is not an upper-tier local authority Jointly knows.")
                    row_ok = False
            rank_text = row[at["rank"]].strip()
            rank = int(rank_text) if rank_text.isdigit() else None
            if rank is None or not 1 <= rank <= NEIGHBOURS_PER_LIST:
                errors.add(row_number, "rank", f"'{rank_text}' is not a rank from 1 to {NEIGHBOURS_PER_LIST}.")
                row_ok = False
            list_date = _parse_date(row[at["list_date"]])
            if list_date is None:
                errors.add(row_number, "list_date", f"'{row[at['list_date']]}' is not a date like 2023-03-31.")
                row_ok = False
            if not row_ok:
                continue
            if authority_code == neighbour_code:
                errors.add(row_number, "neighbour_code", "An authority cannot be its own neighbour.")
                continue
            key = (authority_code, list_date)
            first_row.setdefault(key, row_number)
            entries = lists.setdefault(key, {})
            if rank in entries:
                errors.add(row_number, "rank", f"Rank {rank} is already given on row {entries[rank][1]} for this authority and date.")
                continue
            repeat = next((r for code, r in entries.values() if code == neighbour_code), None)
            if repeat is not None:
                errors.add(row_number, "neighbour_code", f"{neighbour_code} is already listed on row {repeat} for this authority and date.")
                continue
            entries[rank] = (neighbour_code, row_number)
    for (authority_code, list_date), entries in lists.items():
        if len(entries) != NEIGHBOURS_PER_LIST:  # Ranks are already distinct and 1 to 10.
            ranks = ", ".join(str(rank) for rank in sorted(entries))
            errors.add(
                first_row[(authority_code, list_date)],
                "rank",
                f"The list for {authority_code} dated {list_date:%Y-%m-%d} ranks {ranks}: it needs ten neighbours, ranked 1 to 10.",
            )
    if rows == 0 and not errors:
        errors.add(2, "", "The file has no rows of neighbours.")
    if errors:
        raise errors.rejected()

    source = f"{path.name} (sha256 {digest[:12]})"
    with transaction.atomic():
        for (authority_code, list_date), entries in lists.items():
            neighbour_list_set(
                authority=upper_tier[authority_code],
                neighbours=[upper_tier[entries[rank][0]] for rank in sorted(entries)],
                list_date=list_date,
                source=source,
                by=by,
            )
    return NeighbourImportSummary(lists=len(lists), rows=rows)
