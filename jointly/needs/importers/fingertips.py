"""The OHID Fingertips CSV export (fingertips.phe.org.uk, "Download" → "Export table as CSV file").

One row is one indicator, area, period, sex, age and category, with its value,
95% and 99.8% confidence limits, count, denominator and a value note. The
indicator is "Indicator ID"; sex, age and the category (when "Category Type"
is given, such as deprivation deciles) become the breakdown, except that
"Persons" is the total of the sexes and adds no dimension. The first grouping
seen for a new indicator without a category is the one its profile shows.

A blank value is a value the publisher did not give: it is stored as
suppressed ('c' when the note says it was suppressed, else 'x', not
available), with the note kept. Area codes must be places Jointly knows, or
ones it can hold (England, regions, upper-tier authorities, districts and
wards), which are created with the file's names.
"""

from __future__ import annotations

from jointly.places.models import ONS_CODE

from ..models.observations import breakdown_key
from ..periods import PeriodError, fingertips_period
from .base import AreaSeen, CellError, Importer, number_or_code, optional_number

REQUIRED_COLUMNS = ("Indicator ID", "Indicator Name", "Area Code", "Area Name", "Time period", "Value")
OPTIONAL_COLUMNS = (
    "Parent Code",
    "Parent Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Time period Sortable",
)
FIELD_COLUMNS = {
    "Lower CI 95.0 limit": "lower_95",
    "Upper CI 95.0 limit": "upper_95",
    "Lower CI 99.8 limit": "lower_998",
    "Upper CI 99.8 limit": "upper_998",
    "Count": "count",
    "Denominator": "denominator",
    "Value note": "note",
}
CREATABLE_PREFIXES = ("E92", "E12", "E13", "E06", "E07", "E08", "E09", "E10", "E05")
FINGERTIPS_DISCLOSURE = "As published by OHID Fingertips: values based on small numbers are withheld and explained in the value note."


class FingertipsImporter(Importer):
    format = "fingertips"

    def __init__(self, spec: dict, known_area_codes: set[str] | None = None):
        super().__init__(spec)
        self.known_area_codes = known_area_codes
        self.default_outcome_area = spec.get("outcome_area") or None
        self._period_cache: dict[tuple, tuple] = {}
        self._area_cache: dict[tuple, tuple] = {}
        self._breakdown_cache: dict[tuple, str] = {}

    def start(self, header, errors):
        header = [name.strip() for name in header]
        self.index = {name: i for i, name in enumerate(header)}
        for name in REQUIRED_COLUMNS:
            if name not in self.index:
                errors.add(1, name, f"The file has no '{name}' column, so it is not a Fingertips export.")
        if self.known_area_codes is None:
            from jointly.places.selectors import area_ids_by_code

            self.known_area_codes = set(area_ids_by_code())
        self.i = {name: self.index.get(name) for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
        self.optional_fields = tuple(field for column, field in FIELD_COLUMNS.items() if column in self.index)

    def _cell(self, row, name: str) -> str:
        index = self.i[name]
        return row[index].strip() if index is not None else ""

    def indicator_code(self, ident: str) -> str:
        return f"fingertips/{ident}"

    def _area(self, row_number, row, errors) -> str | None:
        code, name = self._cell(row, "Area Code"), self._cell(row, "Area Name")
        key = (code, name)
        cached = self._area_cache.get(key)
        if cached is None:
            cached = self._resolve_area(code, name, self._cell(row, "Parent Code"), self._cell(row, "Area Type"))
            self._area_cache[key] = cached
        if cached[1]:
            errors.add(row_number, "Area Code", cached[1])
            return None
        return cached[0]

    def _resolve_area(self, code, name, parent, area_type) -> tuple:
        if not ONS_CODE.match(code):
            return None, f"'{code}' is not an ONS area code (a letter and eight digits, like E06000026)."
        if code not in self.known_area_codes and code[:3] not in CREATABLE_PREFIXES:
            kind = f" ({area_type})" if area_type else ""
            return None, f"{code}{kind} is not a place Jointly knows. Jointly holds England, regions, local authorities, districts and wards."
        if not name:
            return None, f"The area name for {code} is empty."
        if code not in self.areas:
            self.areas[code] = AreaSeen(name, parent if ONS_CODE.match(parent) and parent != code else None)
        return code, None

    def _period(self, row_number, row, errors):
        key = (self._cell(row, "Time period"), self._cell(row, "Time period Sortable"))
        cached = self._period_cache.get(key)
        if cached is None:
            try:
                label, sort_key = fingertips_period(*key)
                self.saw_year(sort_key // 10000 + (1 if "/" in label else 0))
                cached = (label, sort_key, None)
            except PeriodError as error:
                cached = (None, None, str(error))
            self._period_cache[key] = cached
        if cached[2]:
            errors.add(row_number, "Time period", cached[2])
            return None
        return cached

    def _breakdown(self, sex: str, age: str, category_type: str, category: str) -> tuple[str, dict]:
        cache_key = (sex, age, category_type, category)
        key = self._breakdown_cache.get(cache_key)
        if key is None:
            dimensions = {}
            if sex and sex.lower() != "persons":
                dimensions["sex"] = sex
            if age:
                dimensions["age"] = age
            if category_type:
                dimensions[category_type] = category
            key = breakdown_key(dimensions)
            self.breakdowns.setdefault(key, dimensions)
            self._breakdown_cache[cache_key] = key
        return key, self.breakdowns[key]

    def parse(self, row_number, row, errors):
        failures = errors.count
        indicator_id = self._cell(row, "Indicator ID")
        if not indicator_id.isdigit():
            errors.add(row_number, "Indicator ID", f"'{indicator_id}' is not a Fingertips indicator number.")
        area = self._area(row_number, row, errors)
        period = self._period(row_number, row, errors)
        category_type = self._cell(row, "Category Type")
        bkey, _ = self._breakdown(self._cell(row, "Sex"), self._cell(row, "Age"), category_type, self._cell(row, "Category"))
        note = self._cell(row, "Value note")[:300]
        text = self._cell(row, "Value")
        value, code = None, ""
        if not text:
            code = "c" if "suppress" in note.lower() else "x"
        else:
            try:
                value, code = number_or_code(text)
            except CellError as error:
                errors.add(row_number, "Value", str(error))
        extras = []
        for name in ("Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator"):
            try:
                extras.append(optional_number(self._cell(row, name)))
            except CellError as error:
                errors.add(row_number, name, str(error))
                extras.append(None)
        if errors.count != failures:
            return []
        self.suppressed += value is None
        if indicator_id not in self.indicators:
            self.indicators[indicator_id] = {
                "name": (self._cell(row, "Indicator Name") or f"Fingertips indicator {indicator_id}")[:300],
                "source": "Office for Health Improvement and Disparities: Fingertips",
                "source_url": f"https://fingertips.phe.org.uk/search/{indicator_id}",
                "disclosure_rule": FINGERTIPS_DISCLOSURE,
                "dataset": "fingertips",
                "outcome_area": self.default_outcome_area,
            }
        if indicator_id not in self.headlines and not category_type:
            self.headlines[indicator_id] = bkey
        lower_95, upper_95, lower_998, upper_998, count, denominator = extras
        return [(indicator_id, area, period[0], period[1], bkey, value, lower_95, upper_95, lower_998, upper_998, count, denominator, code, note)]
