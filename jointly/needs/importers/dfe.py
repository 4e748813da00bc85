"""The DfE statistics tidy CSV ("explore education statistics").

Each row is one place, one period and one combination of filter values, with
one or more indicator columns. The person importing chooses:

* `indicator_columns`: the columns holding values; each becomes an indicator;
* `filter_columns`: filters that become breakdowns (groups of children);
  a filter value of "Total" is the total, so it adds no dimension;
* `indicator_filter_columns`: filters whose values name separate indicators
  (the CLA file's `population_count` tells apart children starting, ceasing
  and being looked after, which are not groups of one measure);
* optionally `companions` (value column -> its count, denominator and
  confidence-limit columns), `from_rows` (indicator -> the count or
  denominator found in another row of the same place, period and group: one
  whose indicator filters hold other values, such as a "Total children"
  row; DfE puts the base of many percentages there), `only` (keep rows whose filter holds one of these
  values), `indicators` (names, outcome areas, polarity… for each indicator,
  keyed "column" or "column|filter value|…"; besides the indicator's fields
  they may give its `cohort`, `caution`, `decimal_places` and
  `interval_method`) with `only_listed`, and
  `dataset`, `source`, `outcome_area` for indicators seen for the first time.

Unless an indicator says otherwise, its decimal places are the most any of
its values has in the file: DfE writes each figure as published.

Geographic levels National, Regional and Local authority (and Local authority
district) become England (E92), regions (E12/E13) and authorities
(E06/E08/E09/E10, districts E07); areas not yet known are created with their
real codes and names. Rows at other levels (schools, constituencies…) are
skipped and counted.
"""

from __future__ import annotations

import hashlib
from operator import itemgetter

from django.utils.text import slugify

from jointly.places.models import ONS_CODE

from ..models import Polarity, ValueType
from ..models.observations import breakdown_key
from ..periods import PeriodError, dfe_period
from ..suppression import suppression_code
from .base import AreaSeen, CellError, Importer, optional_number

REQUIRED_COLUMNS = ("time_period", "time_identifier", "geographic_level", "country_code", "country_name")
COMPANION_FIELDS = ("count", "denominator", "lower_95", "upper_95", "lower_998", "upper_998")
ROW_FIELDS = {"count": 10, "denominator": 11}  # what `from_rows` may supply, and its place in a parsed tuple

# geographic_level -> (code column, name column, allowed code prefixes, parent code columns in order of preference)
LEVELS = {
    "national": ("country_code", "country_name", ("E92",), ()),
    "regional": ("region_code", "region_name", ("E12", "E13"), ("country_code",)),
    "local authority": ("new_la_code", "la_name", ("E06", "E08", "E09", "E10"), ("region_code", "country_code")),
    "local authority district": ("lad_code", "lad_name", ("E06", "E07", "E08", "E09"), ("new_la_code", "region_code")),
}
LEVEL_WORDS = {
    "national": "England",
    "regional": "a region",
    "local authority": "a local authority",
    "local authority district": "a local authority district",
}
COLUMN_LABELS = {
    "number": "number",
    "percentage": "percentage",
    "rate_per_10000": "rate per 10,000 children",
    "rate_per_1000": "rate per 1,000 children",
}
DFE_DISCLOSURE = (
    "As published by DfE: numbers that could identify children are withheld ('c'); 'z' is not applicable, 'x' not available, 'k' rounds to zero."
)


def guess_value_type(column: str) -> str:
    name = column.lower()
    if name.startswith("pt_") or name.startswith("percent"):
        return ValueType.PERCENTAGE
    if name.startswith("rate_per_10000"):
        return ValueType.RATE_PER_10000
    if name.startswith("rate_per_1000"):
        return ValueType.RATE_PER_1000
    if name.startswith("rate_per_100000"):
        return ValueType.RATE_PER_100000
    if name.startswith("avg_") or name.startswith("average"):
        return ValueType.AVERAGE
    if name.startswith("t_") or name in {"number", "count"} or name.startswith("num_"):
        return ValueType.COUNT
    return ValueType.OTHER


UNITS = {
    ValueType.PERCENTAGE: "%",
    ValueType.RATE_PER_10000: "per 10,000",
    ValueType.RATE_PER_1000: "per 1,000",
    ValueType.RATE_PER_100000: "per 100,000",
}


def column_label(column: str) -> str:
    return COLUMN_LABELS.get(column, column.replace("_", " "))


def _listify(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(part).strip() for part in value if str(part).strip()]


class DfeImporter(Importer):
    format = "dfe"

    def __init__(self, spec: dict):
        super().__init__(spec)
        self.dataset = slugify(spec.get("dataset") or "dfe")[:80] or "dfe"
        self.value_columns = _listify(spec.get("indicator_columns"))
        self.filter_columns = _listify(spec.get("filter_columns"))
        self.split_columns = _listify(spec.get("indicator_filter_columns"))
        self.companions: dict[str, dict[str, str]] = spec.get("companions") or {}
        self.only: dict[str, set[str]] = {col: set(_listify(values)) for col, values in (spec.get("only") or {}).items()}
        self.meta: dict[str, dict] = spec.get("indicators") or {}
        self.only_listed = bool(spec.get("only_listed"))
        self.from_rows: dict[str, dict[str, dict]] = spec.get("from_rows") or {}
        self.source = spec.get("source") or "Department for Education"
        self.default_outcome_area = spec.get("outcome_area") or None
        self._area_cache: dict[tuple, tuple] = {}
        self._period_cache: dict[tuple, tuple] = {}
        self._breakdown_cache: dict[tuple, str] = {}
        # split values -> [(column index, (target ident, field))]: the rows that supply another indicator's base.
        self._sources: dict[tuple, list[tuple[int, tuple[str, str]]]] = {}
        self._source_cache: dict[tuple, list | None] = {}
        # (target ident, field) -> (area code, period key, breakdown key) -> number (None when withheld)
        self.supplied: dict[tuple[str, str], dict[tuple, float | None]] = {}

    # --- Header ---------------------------------------------------------------

    def start(self, header, errors):
        header = [name.strip() for name in header]
        self.header = header
        index = {name: i for i, name in enumerate(header)}
        self.index = index
        listing = ", ".join(header)
        for name in REQUIRED_COLUMNS:
            if name not in index:
                errors.add(1, name, f"The file has no '{name}' column, so it is not a DfE tidy data file.")
        if not self.value_columns:
            errors.add(1, "", "Choose at least one indicator column.")
        chosen = [("indicator", c) for c in self.value_columns] + [("breakdown", c) for c in self.filter_columns]
        chosen += [("indicator filter", c) for c in self.split_columns] + [("filter", c) for c in self.only]
        for value_column, companions in self.companions.items():
            for field_name, column in companions.items():
                if field_name not in COMPANION_FIELDS:
                    errors.add(1, column, f"'{field_name}' is not something a column can supply; use one of {', '.join(COMPANION_FIELDS)}.")
                chosen.append((field_name.replace("_", " "), column))
            if value_column not in self.value_columns:
                errors.add(1, value_column, f"'{value_column}' has supporting columns but is not chosen as an indicator column.")
        for role, column in chosen:
            if column not in index:
                errors.add(1, column, f"There is no column called '{column}' (chosen as {role} column). The file's columns are: {listing}.")
        for ident, fields in self.from_rows.items():
            for field_name, source in fields.items():
                if field_name not in ROW_FIELDS:
                    errors.add(1, "", f"'{field_name}' cannot come from another row of '{ident}'; use count or denominator.")
                    continue
                column, split = source.get("column", ""), tuple(_listify(source.get("split")))
                if column not in index:
                    errors.add(1, column, f"There is no column called '{column}' (the {field_name} of '{ident}'). The file's columns are: {listing}.")
                if len(split) != len(self.split_columns):
                    errors.add(
                        1,
                        "",
                        f"The {field_name} of '{ident}' names {len(split)} indicator filter value(s); "
                        f"give one for each of: {', '.join(self.split_columns) or 'no indicator filter columns'}.",
                    )
        overlap = set(self.value_columns) & (set(self.filter_columns) | set(self.split_columns))
        for column in sorted(overlap):
            errors.add(1, column, f"'{column}' is chosen both as an indicator and as a filter: choose one.")
        if errors:
            return
        self.i_period, self.i_identifier = index["time_period"], index["time_identifier"]
        self.i_level = index["geographic_level"]
        geo = [index["geographic_level"]] + [index[name] for name in ("country_code", "region_code", "new_la_code", "lad_code") if name in index]
        self.geo_key = _getter(geo)
        self.split_key = _getter([index[c] for c in self.split_columns])
        self.filter_key = _getter([index[c] for c in self.filter_columns])
        self.i_only = [(index[c], values) for c, values in self.only.items()]
        self.values = []
        used = set()
        for column in self.value_columns:
            companions = self.companions.get(column, {})
            used.update(field_name for field_name in COMPANION_FIELDS if companions.get(field_name))
            indexes = tuple(index[companions[f]] if companions.get(f) else None for f in COMPANION_FIELDS)
            # (column, its index, companion indexes or None, this column's cache of split values -> ident)
            self.values.append((column, index[column], indexes if any(i is not None for i in indexes) else None, {}))
        for ident, fields in self.from_rows.items():
            for field_name, source in fields.items():
                split = tuple(_listify(source.get("split")))
                self._sources.setdefault(split, []).append((index[source["column"]], (ident, field_name)))
                self.supplied[(ident, field_name)] = {}
                used.add(field_name)
        self.optional_fields = tuple(sorted(used))

    # --- Rows -----------------------------------------------------------------

    def _resolve_area(self, level: str, row) -> tuple:
        normalised = level.strip().lower()
        if normalised not in LEVELS:
            if not normalised:
                return None, "geographic_level", "The geographic level is empty."
            return None, "skip", f"geographic level {level.strip()}"
        code_column, name_column, prefixes, parent_columns = LEVELS[normalised]
        if code_column not in self.index or name_column not in self.index:
            return None, "geographic_level", f"{level} rows need '{code_column}' and '{name_column}' columns, and the file has none."
        code, name = row[self.index[code_column]].strip(), row[self.index[name_column]].strip()
        if not ONS_CODE.match(code) or code[:3] not in prefixes:
            shown = f"'{code}'" if code else "It is empty: it"
            allowed = ", ".join(prefixes)
            return (
                None,
                code_column,
                (f"{shown} is not an ONS code for {LEVEL_WORDS[normalised]} (a code starting {allowed} then six digits, like {prefixes[0]}000001)."),
            )
        if not name:
            return None, name_column, f"The name of {code} is empty."
        parent = None
        for column in parent_columns:
            candidate = row[self.index[column]].strip() if column in self.index else ""
            if ONS_CODE.match(candidate) and candidate != code:
                parent = candidate
                break
        if code not in self.areas:
            self.areas[code] = AreaSeen(name, parent)
        return code, None, None

    def _period(self, key: tuple) -> tuple:
        try:
            label, sort_key = dfe_period(*key)
        except PeriodError as error:
            cached = (None, None, str(error))
        else:
            self.saw_year(sort_key // 10000 + (1 if len(key[0].strip()) == 6 else 0))
            cached = (label, sort_key, None)
        self._period_cache[key] = cached
        return cached

    def _breakdown_key(self, values: tuple) -> str:
        key = self._breakdown_cache.get(values)
        if key is None:
            dimensions = {
                column: value.strip()
                for column, value in zip(self.filter_columns, values, strict=True)
                if value.strip() and value.strip().lower() != "total"
            }
            key = breakdown_key(dimensions)
            self.breakdowns.setdefault(key, dimensions)
            self._breakdown_cache[values] = key
        return key

    def _ident(self, column: str, split: tuple, cache: dict) -> str | None:
        ident = "|".join((column, *(value.strip() for value in split)))
        if self.only_listed and ident not in self.meta:
            ident = None
        elif ident not in self.indicators:
            self.indicators[ident] = self._attributes(column, split, self.meta.get(ident, {}))
            headline = self.meta.get(ident, {}).get("headline")
            if headline:
                dimensions = {k: v for k, v in headline.items() if str(v).lower() != "total"}
                key = breakdown_key(dimensions)
                self.breakdowns.setdefault(key, dimensions)
                self.headlines[ident] = key
        cache[split] = ident
        return ident

    def _attributes(self, column: str, split: tuple, meta: dict) -> dict:
        value_type = meta.get("value_type") or guess_value_type(column)
        words = [value.strip() for value in split if value.strip() and value.strip().lower() != "total"]
        name = f"{' – '.join(words)}: {column_label(column)}" if words else column_label(column).capitalize()
        extra = {key: meta[key] for key in ("cohort", "caution", "decimal_places", "interval_method") if meta.get(key) not in (None, "")}
        return {
            **extra,
            "name": (meta.get("name") or name)[:300],
            "description": meta.get("description", ""),
            "polarity": meta.get("polarity") or Polarity.NO_JUDGEMENT,
            "value_type": value_type,
            "unit": meta.get("unit") or UNITS.get(value_type, ""),
            "source": (meta.get("source") or self.source)[:300],
            "source_url": meta.get("source_url", ""),
            "method": meta.get("method", ""),
            "disclosure_rule": meta.get("disclosure_rule") or DFE_DISCLOSURE,
            "dataset": self.dataset,
            "outcome_area": meta.get("outcome_area") or self.default_outcome_area,
        }

    def indicator_code(self, ident: str) -> str:
        parts = [self.dataset, *(slugify(part) or "blank" for part in ident.split("|"))]
        code = "dfe/" + "/".join(parts)
        if len(code) > 200:
            code = code[:187] + "-" + hashlib.sha1(ident.encode()).hexdigest()[:12]
        return code

    def parse(self, row_number, row, errors):
        # The hot loop of every import: each lookup is cached, so most rows cost a few dictionary hits.
        for index, allowed in self.i_only:
            if row[index].strip() not in allowed:
                return self.skip("filter value not chosen")
        failures = errors.count
        geo = self.geo_key(row)
        area = self._area_cache.get(geo)
        if area is None:
            area = self._area_cache[geo] = self._resolve_area(row[self.i_level], row)
        code, column, problem = area
        if problem:
            if column == "skip":
                return self.skip(problem)
            errors.add(row_number, column, problem)
        period_key = (row[self.i_period], row[self.i_identifier])
        period = self._period_cache.get(period_key) or self._period(period_key)
        if period[2]:
            errors.add(row_number, "time_period", period[2])
        split = self.split_key(row)
        filters = self.filter_key(row)
        bkey = self._breakdown_cache.get(filters) or self._breakdown_key(filters)
        if self._sources:
            sources = self._source_cache.get(split, MISSING)
            if sources is MISSING:
                sources = self._source_cache[split] = self._sources.get(tuple(value.strip() for value in split))
            if sources and code and period[1] is not None:
                for source_index, target in sources:
                    try:
                        self.supplied[target][(code, period[1], bkey)] = optional_number(row[source_index])
                    except CellError as error:
                        errors.add(row_number, self.header[source_index], str(error))
        parsed = []
        for column, index, companion_indexes, idents in self.values:
            ident = idents.get(split, MISSING)
            if ident is MISSING:
                ident = self._ident(column, split, idents)
            if ident is None:
                continue
            text = row[index]
            suppression = ""
            try:
                value = float(text)
                if value - value != 0:  # Infinity or not-a-number.
                    raise ValueError
                point = text.rfind(".")
                places = len(text.rstrip()) - point - 1 if point >= 0 else 0
                if places > self.decimals.get(ident, -1):
                    self.decimals[ident] = places
            except ValueError:
                value = None
                suppression = suppression_code(text)
                if suppression is None:
                    shown = text if len(text) <= 40 else text[:40] + "…"
                    errors.add(row_number, column, f"'{shown}' is neither a number nor a suppression code (such as c, z, x, k or low).")
                    continue
                self.suppressed += 1
            if companion_indexes is None:
                parsed.append((ident, code, period[0], period[1], bkey, value, None, None, None, None, None, None, suppression, ""))
                continue
            extras = []
            for extra_index in companion_indexes:
                if extra_index is None:
                    extras.append(None)
                    continue
                try:
                    extras.append(optional_number(row[extra_index]))
                except CellError as error:
                    errors.add(row_number, self.header[extra_index], str(error))
                    extras.append(None)
            count, denominator, lower_95, upper_95, lower_998, upper_998 = extras
            parsed.append(
                (ident, code, period[0], period[1], bkey, value, lower_95, upper_95, lower_998, upper_998, count, denominator, suppression, "")
            )
        if errors.count != failures:
            return []
        if not parsed:
            if self._sources and self._source_cache.get(split):
                return self.skip("the base of another indicator only")
            return self.skip("no chosen indicator in this row")
        return parsed

    def complete(self, chunk: list) -> list:
        """Fill in the counts and denominators that other rows supply, once every row has been read."""
        if not self.supplied:
            return chunk
        targets = {ident for ident, _ in self.supplied}
        completed = []
        for p in chunk:
            if p[0] in targets:
                p = list(p)
                for field_name, position in ROW_FIELDS.items():
                    found = self.supplied.get((p[0], field_name))
                    key = (p[1], p[3], p[4])
                    if found is not None and key in found:  # no such row: the base stays unknown
                        p[position] = found[key]
                p = tuple(p)
            completed.append(p)
        return completed


MISSING = object()


def _getter(indexes: list[int]):
    """A fast function from a row to the tuple of its cells at `indexes`."""
    if not indexes:
        return lambda row: ()
    if len(indexes) == 1:
        only = indexes[0]
        return lambda row: (row[only],)
    return itemgetter(*indexes)
