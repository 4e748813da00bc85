"""The import engine shared by every file format.

Memory stays flat however long the file is:

1. **Check** every row (the format's `parse`), recording any problem against
   its row number. Only small, bounded things are kept in memory: the areas,
   indicators and groups the file names. The parsed observations are spooled,
   a batch at a time, to a temporary file. If any row has a problem, the file
   is rejected and nothing is written.
2. **Write**, inside one transaction: create the areas, indicators and groups
   not yet known, then read the spool back batch by batch and upsert the
   observations through `executemany`, binding only the columns the format
   fills. Re-importing a file rewrites the same values, so it changes nothing.

A file that names the same observation twice is only discovered by counting
what was written; the transaction is then rolled back and one more pass over
the file names the repeated rows (that pass alone keeps a key per row, and
only runs for a bad file).
"""

from __future__ import annotations

import csv
import math
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from jointly.places.models import Area
from jointly.places.rows import ErrorCollector, FileRejected, RowError
from jointly.places.selectors import area_ids_by_code

from ..models import Breakdown, IndicatorDefinition, Observation, OutcomeArea
from ..suppression import suppression_code

BATCH_SIZE = 5000
PROGRESS_EVERY = 20000

# (phase, done, total): phase is "check" or "save".
Progress = Callable[[str, int, int | None], None]

# An observation as parsed from a row, before ids are known:
# (indicator ident, area code, period label, period key, breakdown key,
#  value, lower 95, upper 95, lower 99.8, upper 99.8, count, denominator, suppression code, note)
Parsed = tuple


class AreaSeen(NamedTuple):
    name: str
    parent_code: str | None


class CellError(ValueError):
    """A cell that is neither a number nor a suppression code."""


def number_or_code(text: str) -> tuple[float | None, str]:
    """A cell's value: (number, "") or (None, suppression code). Raises CellError otherwise."""
    try:
        value = float(text)
    except ValueError:
        code = suppression_code(text)
        if code is None:
            shown = text if len(text) <= 40 else text[:40] + "…"
            raise CellError(f"'{shown}' is neither a number nor a suppression code (such as c, z, x, k or low).") from None
        return None, code
    if not math.isfinite(value) or "_" in text:
        raise CellError(f"'{text}' is not a number Jointly can store.")
    return value, ""


def optional_number(text: str) -> float | None:
    """A supporting cell (count, denominator, confidence limit): blank or a code means no number."""
    if not text or not text.strip():
        return None
    return number_or_code(text)[0]


class Importer:
    """One file format. Subclasses read the header in `start` and turn a row into observations in `parse`."""

    format: str = ""

    def __init__(self, spec: dict):
        self.spec = spec
        self.areas: dict[str, AreaSeen] = {}
        self.indicators: dict[str, dict] = {}  # ident -> attributes for a new IndicatorDefinition
        self.breakdowns: dict[str, dict] = {}  # key -> dimensions
        self.headlines: dict[str, str] = {}  # ident -> breakdown key shown by default
        self.skipped: dict[str, int] = {}  # reason -> rows
        self.latest_year: int | None = None
        self.suppressed = 0  # counted by `parse` when it meets a cell with no value
        self.decimals: dict[str, int] = {}  # ident -> the most decimal places of its values, where the format tells
        # The optional columns this file fills (set by `start`); others are written as empty.
        self.optional_fields: tuple[str, ...] = ()

    def start(self, header: list[str], errors: ErrorCollector) -> None:
        raise NotImplementedError

    def parse(self, row_number: int, row: list[str], errors: ErrorCollector) -> list[Parsed]:
        raise NotImplementedError

    def indicator_code(self, ident: str) -> str:
        raise NotImplementedError

    def complete(self, chunk: list[Parsed]) -> list[Parsed]:
        """A batch of parsed observations about to be written: a format may fill in what later rows told it."""
        return chunk

    def skip(self, reason: str) -> list:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        return []

    def saw_year(self, year: int) -> None:
        if self.latest_year is None or year > self.latest_year:
            self.latest_year = year


@dataclass
class ImportOutcome:
    rows: int = 0
    observations: int = 0
    suppressed: int = 0
    areas_created: int = 0
    indicators_created: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def rows_skipped(self) -> int:
        return sum(self.skipped.values())


def count_lines(path: Path) -> int:
    """Lines in the file, counted in chunks: a quick total for the progress bar."""
    lines = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            lines += chunk.count(b"\n")
    return max(lines, 1)


def _rows(path: Path, errors: ErrorCollector) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every data row; the header is row 1 and is yielded as row 1."""
    row_number = 0
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for row_number, row in enumerate(csv.reader(handle), start=1):
                yield row_number, row
    except UnicodeDecodeError:
        errors.add(row_number + 1, "", "This row is not UTF-8 text. Save the file as 'CSV UTF-8' and upload it again.")
    except csv.Error as error:
        errors.add(row_number + 1, "", f"This row cannot be read as CSV ({error}).")


def _check(path: Path, importer: Importer, errors: ErrorCollector, progress: Progress | None, total: int, spool) -> ImportOutcome:
    outcome = ImportOutcome()
    width = 0
    chunk: list[Parsed] = []
    observations = 0
    parse = importer.parse
    for row_number, row in _rows(path, errors):
        if row_number == 1:
            importer.start(row, errors)
            width = len(row)
            if errors:
                return outcome  # Without the right columns, checking rows would only repeat the problem.
            continue
        if not row or not any(row):
            continue
        outcome.rows += 1
        if len(row) != width:
            errors.add(row_number, "", f"This row has {len(row)} cells but the header has {width}.")
            continue
        parsed = parse(row_number, row, errors)
        if parsed:
            observations += len(parsed)
            if not errors.count:  # Once the file is known to be bad, only the checking matters.
                chunk.extend(parsed)
                if len(chunk) >= BATCH_SIZE:
                    pickle.dump(chunk, spool, pickle.HIGHEST_PROTOCOL)
                    chunk = []
        if progress and row_number % PROGRESS_EVERY == 0:
            progress("check", row_number, total)
    if chunk and not errors.count:
        pickle.dump(chunk, spool, pickle.HIGHEST_PROTOCOL)
    outcome.observations = observations
    outcome.suppressed = importer.suppressed
    if width == 0 and not errors:
        errors.add(1, "", "The file is empty.")
    elif observations == 0 and not errors:
        errors.add(2, "", "The file has no observations to import with the columns chosen.")
    outcome.skipped = dict(importer.skipped)
    return outcome


def _spooled(spool) -> Iterator[list[Parsed]]:
    spool.seek(0)
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


class _RepeatedObservations(Exception):
    pass


def import_file(
    *,
    path: Path | str,
    importer: Importer,
    run,
    progress: Progress | None = None,
    on_written: Callable[[ImportOutcome], None] | None = None,
) -> ImportOutcome:
    """Check the whole file, then write it in one transaction. Raises FileRejected with row-numbered errors.

    `on_written` runs inside that transaction once everything is written, so
    the run's record of success commits with the data, or not at all.
    """
    path = Path(path)
    errors = ErrorCollector()
    total = count_lines(path)
    with tempfile.TemporaryFile(prefix="jointly-import-") as spool:
        outcome = _check(path, importer, errors, progress, total, spool)
        if errors:
            raise errors.rejected()
        if progress:
            progress("check", total, total)
        try:
            with transaction.atomic():
                area_ids, outcome.areas_created = _ensure_areas(importer)
                indicator_ids, outcome.indicators_created = _ensure_indicators(importer)
                breakdown_ids = _ensure_breakdowns(importer)
                _keys_checked_once(area_ids=area_ids, indicator_ids=indicator_ids, breakdown_ids=breakdown_ids, run=run)
                written, changed = _write(spool, importer, run, area_ids, indicator_ids, breakdown_ids, progress, outcome.observations)
                if changed != written:
                    raise _RepeatedObservations()
                if on_written:
                    on_written(outcome)
        except _RepeatedObservations:
            raise _repeats(path, importer) from None
    return outcome


# --- Writing ------------------------------------------------------------------


_PARENTS = (("areas", Area), ("indicators", IndicatorDefinition), ("breakdowns", Breakdown))


def _keys_checked_once(*, area_ids: dict, indicator_ids: dict, breakdown_ids: dict, run) -> None:
    """Check, once for the whole file, that every row the observations will point at exists, and hold it.

    Observations have no database foreign keys (decision 0017): every id written comes from these
    dicts, so checking the dicts checks every row. On PostgreSQL the rows are locked FOR KEY SHARE,
    as a foreign key check would lock them, so no one can delete one before this import commits;
    SQLite has one writer at a time, and this transaction is it.
    """
    wanted = {"areas": set(area_ids.values()), "indicators": set(indicator_ids.values()), "breakdowns": set(breakdown_ids.values())}
    if getattr(run, "pk", None) is not None:
        wanted["import runs"] = {run.pk}
    models = dict(_PARENTS, **{"import runs": type(run)}) if "import runs" in wanted else dict(_PARENTS)
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for name, ids in wanted.items():
            if not ids:
                continue
            table = connection.ops.quote_name(models[name]._meta.db_table)
            found: set[int] = set()
            ordered = sorted(ids)
            for start in range(0, len(ordered), 5000):
                batch = ordered[start : start + 5000]
                cursor.execute(f"SELECT id FROM {table} WHERE id IN ({', '.join(str(int(pk)) for pk in batch)}){lock}")
                found.update(row[0] for row in cursor.fetchall())
            if found != ids:
                raise IntegrityError(f"An observation would point at missing {name} ({sorted(ids - found)[:5]}); the import was rolled back.")


_KIND_ORDER = {Area.Kind.COUNTRY: 0, Area.Kind.REGION: 1, Area.Kind.UPPER_TIER: 2, Area.Kind.DISTRICT: 3, Area.Kind.WARD: 4}


def _ensure_areas(importer: Importer) -> tuple[dict[str, int], int]:
    codes = importer.areas
    ids = area_ids_by_code(codes)
    boundary_year = importer.latest_year or timezone.now().year
    created = 0
    # Parents before children, so each new area can point at its parent.
    for code in sorted(codes, key=lambda c: (_KIND_ORDER.get(Area.kind_for_code(c), 9), c)):
        seen = codes[code]
        parent_id = ids.get(seen.parent_code) if seen.parent_code else None
        if code not in ids:
            area = Area.objects.create(code=code, name=seen.name, kind=Area.kind_for_code(code), boundary_year=boundary_year, parent_id=parent_id)
            ids[code] = area.pk
            created += 1
        elif parent_id:
            Area.objects.filter(pk=ids[code], parent__isnull=True).exclude(pk=parent_id).update(parent_id=parent_id)
    return ids, created


def _ensure_indicators(importer: Importer) -> tuple[dict[str, int], int]:
    codes = {ident: importer.indicator_code(ident) for ident in importer.indicators}
    existing = dict(IndicatorDefinition.objects.filter(code__in=codes.values()).values_list("code", "id"))
    outcome_areas = {area.slug: area for area in OutcomeArea.objects.filter(trust__isnull=True)}
    ids, created = {}, 0
    for ident, attributes in importer.indicators.items():
        code = codes[ident]
        places = attributes.get("decimal_places", importer.decimals.get(ident))
        if code in existing:
            ids[ident] = existing[code]  # An analyst may have edited it: the file does not overwrite that.
            if places is not None:  # …but its precision, unknown until now, is the file's to say.
                IndicatorDefinition.objects.filter(pk=existing[code], decimal_places__isnull=True).update(decimal_places=places)
            continue
        attributes = dict(attributes)
        if ident in importer.decimals or "decimal_places" in attributes:
            attributes["decimal_places"] = places
        outcome_slug = attributes.pop("outcome_area", None)
        headline = importer.headlines.get(ident)
        indicator = IndicatorDefinition.objects.create(
            code=code,
            outcome_area=outcome_areas.get(outcome_slug) if outcome_slug else None,
            headline_breakdown=_breakdown(headline, importer.breakdowns.get(headline, {})) if headline else None,
            **attributes,
        )
        ids[ident] = indicator.pk
        created += 1
    return ids, created


def _breakdown(key: str, dimensions: dict) -> Breakdown:
    return Breakdown.objects.get_or_create(key=key, defaults={"dimensions": dimensions})[0]


def _ensure_breakdowns(importer: Importer) -> dict[str, int]:
    ids = dict(Breakdown.objects.filter(key__in=list(importer.breakdowns)).values_list("key", "id"))
    missing = [Breakdown(key=key, dimensions=dims) for key, dims in importer.breakdowns.items() if key not in ids]
    if missing:
        Breakdown.objects.bulk_create(missing, batch_size=500, ignore_conflicts=True)
        ids = dict(Breakdown.objects.filter(key__in=list(importer.breakdowns)).values_list("key", "id"))
    return ids


# Parsed tuple positions of the optional columns, and their empty value.
OPTIONAL_FIELDS = {
    "lower_95": (6, None),
    "upper_95": (7, None),
    "lower_998": (8, None),
    "upper_998": (9, None),
    "count": (10, None),
    "denominator": (11, None),
    "note": (13, ""),
}
_ALWAYS = ("indicator_id", "area_id", "period", "period_key", "breakdown_id", "value", "suppression")
_CONFLICT = ("indicator_id", "area_id", "period_key", "breakdown_id")


# PostgreSQL is sent each batch with COPY into a temporary table, then one
# INSERT … SELECT; SQLite is in-process, and `executemany` of a one-row
# statement is fastest there.
_STAGING = "jointly_import_rows"
_COLUMN_TYPES = {
    "indicator_id": "bigint",
    "area_id": "bigint",
    "period": "varchar(40)",
    "period_key": "integer",
    "breakdown_id": "bigint",
    "value": "double precision",
    "suppression": "varchar(8)",
    "lower_95": "double precision",
    "upper_95": "double precision",
    "lower_998": "double precision",
    "upper_998": "double precision",
    "count": "double precision",
    "denominator": "double precision",
    "note": "varchar(300)",
}


def _upsert_sql(optional: tuple[str, ...], run_id: int, select_from: str | None = None) -> str:
    """One INSERT … ON CONFLICT DO UPDATE (the same on SQLite 3.24+ and PostgreSQL), of one row of
    parameters or, with `select_from`, of every row in that table.

    Only the columns the file fills are bound; the others are written as
    empty literals, so a re-import with fewer columns still leaves no stale
    values behind.
    """
    quote = connection.ops.quote_name
    columns, values = list(_ALWAYS), ["%s"] * len(_ALWAYS)
    for name, (_, empty) in OPTIONAL_FIELDS.items():
        columns.append(name)
        values.append("%s" if name in optional else ("NULL" if empty is None else "''"))
    columns.append("source_import_id")
    values.append(str(int(run_id)))
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns if c not in _CONFLICT)
    # A row this same run has already written is left alone, so it does not
    # count as changed: fewer changes than rows means the file repeats itself.
    distinct = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
    table = quote(Observation._meta.db_table)
    if select_from:
        bound = [c for c, v in zip(columns, values, strict=True) if v == "%s"]
        names = iter(quote(c) for c in bound)
        source = f"SELECT {', '.join(next(names) if v == '%s' else v for v in values)} FROM {select_from}"
    else:
        source = f"VALUES ({', '.join(values)})"
    return (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
        f"{source} ON CONFLICT ({', '.join(quote(c) for c in _CONFLICT)}) DO UPDATE SET {updates} "
        f"WHERE {table}.{quote('source_import_id')} {distinct} excluded.{quote('source_import_id')}"
    )


def _write(spool, importer, run, area_ids, indicator_ids, breakdown_ids, progress, total) -> tuple[int, int]:
    """Upsert every spooled observation. Returns (rows sent, rows inserted or changed)."""
    optional = tuple(name for name in OPTIONAL_FIELDS if name in importer.optional_fields)
    sql = _upsert_sql(optional, run.pk)
    extra = itemgetter(*(OPTIONAL_FIELDS[name][0] for name in optional)) if optional else None
    written = changed = batches = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            bound = (*_ALWAYS, *optional)
            columns = ", ".join(f"{connection.ops.quote_name(c)} {_COLUMN_TYPES[c]}" for c in bound)
            # A second import in the same transaction (as in tests) may bind other columns: start afresh.
            cursor.execute(f"DROP TABLE IF EXISTS {_STAGING}")
            cursor.execute(f"CREATE TEMPORARY TABLE {_STAGING} ({columns}) ON COMMIT DROP")
            copy_sql = f"COPY {_STAGING} ({', '.join(connection.ops.quote_name(c) for c in bound)}) FROM STDIN"
            sql = _upsert_sql(optional, run.pk, select_from=_STAGING)
        for chunk in _spooled(spool):
            chunk = importer.complete(chunk)
            if extra is None:
                params = [(indicator_ids[p[0]], area_ids[p[1]], p[2], p[3], breakdown_ids[p[4]], p[5], p[12]) for p in chunk]
            elif len(optional) == 1:
                params = [(indicator_ids[p[0]], area_ids[p[1]], p[2], p[3], breakdown_ids[p[4]], p[5], p[12], extra(p)) for p in chunk]
            else:
                params = [(indicator_ids[p[0]], area_ids[p[1]], p[2], p[3], breakdown_ids[p[4]], p[5], p[12], *extra(p)) for p in chunk]
            if connection.vendor == "postgresql":
                changed += _copy_and_upsert(cursor, copy_sql, sql, params)
            else:
                cursor.executemany(sql, params)
                changed += cursor.rowcount
            written += len(params)
            batches += 1
            if progress and batches % 4 == 0:
                progress("save", written, total)
    if progress:
        progress("save", total, total)
    return written, changed


def _copy_and_upsert(cursor, copy_sql: str, sql: str, params: list[tuple]) -> int:
    """PostgreSQL: COPY a batch into the staging table, upsert it in one statement, empty the table."""
    with cursor.cursor.copy(copy_sql) as copy:
        for row in params:
            copy.write_row(row)
    try:
        cursor.execute(sql)
    except DatabaseError as error:
        if getattr(error.__cause__, "sqlstate", None) == "21000":  # the batch names one observation twice
            raise _RepeatedObservations() from None
        raise
    changed = cursor.rowcount
    cursor.execute(f"TRUNCATE {_STAGING}")
    return changed


def _repeats(path: Path, importer: Importer) -> FileRejected:
    errors = ErrorCollector()
    first_seen: dict[tuple, int] = {}
    for row_number, row in _rows(path, errors):
        if row_number == 1 or not row or not any(row):
            continue
        for p in importer.parse(row_number, row, errors):
            key = (p[0], p[1], p[3], p[4])
            if key in first_seen:
                errors.add(
                    row_number,
                    "",
                    f"This row repeats row {first_seen[key]}: the same indicator, area, period and group. "
                    "Choose the column that tells them apart as a breakdown, or remove the repeat.",
                )
            else:
                first_seen[key] = row_number
    if not errors:
        errors.add(1, "", "The file names some observations more than once.")
    return errors.rejected()


__all__ = [
    "AreaSeen",
    "CellError",
    "FileRejected",
    "ImportOutcome",
    "Importer",
    "RowError",
    "import_file",
    "number_or_code",
    "optional_number",
]
