"""Working days in England and Wales, for standstill periods and response windows.

A working day is a weekday that is not a bank holiday. Bank holidays are dated
data in the BankHoliday table (seeded from jointly/core/data, extended by an
administrator with `jointly bank-holidays`), never worked out on the fly: a
one-off day such as a state funeral is announced, not computed. A weekday in a
year the table does not cover (no whole year's list from the shipped file,
GOV.UK's file or the rules) is refused (UnknownYear) rather than guessed.

The calendar is one small concept, so its few writes (add, remove, import,
extend) live here beside its reads.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .errors import FieldErrors
from .models import BankHoliday

ENGLAND_AND_WALES = "england-and-wales"
SHIPPED_FILE = Path(__file__).parent / "data" / "bank-holidays-england-and-wales.json"


class UnknownYear(FieldErrors):
    """The answer depends on bank holidays the table does not have yet."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            {"date": f"The bank holidays for {year} are not known yet. An administrator can add them with: jointly bank-holidays extend --to {year}"}
        )


# Sources that give a whole year's bank holidays, so the year counts as known. A day
# added by hand is an extra (a one-off announced early), not a year's list.
WHOLE_YEAR = (BankHoliday.Source.SHIPPED, BankHoliday.Source.GOV_UK, BankHoliday.Source.RULES)


def _known_years(rows) -> frozenset[int]:
    return frozenset(day.year for day, source in rows if source in WHOLE_YEAR)


class _Calendar:
    """The bank holidays, read once for one calculation."""

    def __init__(self):
        rows = list(BankHoliday.objects.values_list("date", "source"))
        self.holidays = frozenset(day for day, _ in rows)
        self.years = _known_years(rows)

    def working(self, day: datetime.date) -> bool:
        if day.weekday() >= 5:
            return False
        if day.year not in self.years:
            raise UnknownYear(day.year)
        return day not in self.holidays


def _date(day: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(day, datetime.datetime):
        return timezone.localdate(day) if timezone.is_aware(day) else day.date()
    return day


def is_working_day(day: datetime.date) -> bool:
    return _Calendar().working(_date(day))


def add_working_days(day: datetime.date, n: int) -> datetime.date:
    """The nth working day after `day` (before it when n is negative); `day` itself is not counted, and n=0 is `day`."""
    calendar, day, step = _Calendar(), _date(day), 1 if n >= 0 else -1
    remaining = abs(n)
    while remaining:
        day += datetime.timedelta(days=step)
        if calendar.working(day):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """How many working days come after `start`, up to and including `end`; negative when `end` is before `start`."""
    start, end = _date(start), _date(end)
    if end < start:
        return -working_days_between(end, start)
    calendar = _Calendar()
    return sum(calendar.working(start + datetime.timedelta(days=offset)) for offset in range(1, (end - start).days + 1))


def deadline_after(start: datetime.date | datetime.datetime, days: int, *, working: bool = True) -> datetime.date:
    """The last day of a period of `days` days that begins the day after `start`.

    Working days by default (a standstill period of 8 working days after the
    award notice, say); calendar days with working=False. A datetime counts
    from its local date.
    """
    if working:
        return add_working_days(start, days)
    return _date(start) + datetime.timedelta(days=days)


# --- Adding and importing dates ------------------------------------------------------


def _problems(day: datetime.date, name: str) -> dict[str, str]:
    """Why this day and name cannot be a bank holiday, as {field: message}; empty if they can."""
    problems = {}
    if day.weekday() >= 5:
        problems["date"] = f"{day:%-d %B %Y} is a {day:%A}: bank holidays fall on weekdays (add the substitute day instead)"
    if not name.strip():
        problems["name"] = "Enter the bank holiday's name"
    elif len(name.strip()) > 200:
        problems["name"] = "The name must be 200 characters or fewer"
    return problems


def _parse_date(text) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(text).strip()) if len(str(text).strip()) == 10 else None
    except ValueError:
        return None


@transaction.atomic
def bank_holiday_add(*, day: datetime.date, name: str, source: str = BankHoliday.Source.ADMINISTRATOR) -> BankHoliday:
    problems = _problems(day, name)
    if problems:
        raise FieldErrors(problems)
    if BankHoliday.objects.filter(date=day).exists():
        raise FieldErrors({"date": f"{day:%-d %B %Y} is already a bank holiday"})
    return BankHoliday.objects.create(date=day, name=name.strip(), source=source)


@transaction.atomic
def bank_holiday_remove(*, day: datetime.date) -> None:
    holiday = BankHoliday.objects.filter(date=day).first()
    if holiday is None:
        raise FieldErrors({"date": f"{day:%-d %B %Y} is not a bank holiday"})
    holiday.delete()  # one delete, so it is in the audit trail


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return f"Nothing was imported: {len(self.errors)} {'row has a problem' if len(self.errors) == 1 else 'rows have problems'}."
        return f"{self.added} bank holidays added, {self.updated} renamed, {self.unchanged} already known."


def _rows_from_json(text: str, division: str) -> tuple[list[tuple[str, object, str]], list[str]]:
    """(label, date text, name) for each event of a GOV.UK bank-holidays.json file's division."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [], [f"The file is not JSON: {error.msg} at line {error.lineno}"]
    events = data.get(division, {}).get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        return [], [f"The file has no '{division}' events: use the GOV.UK bank holidays file (bank-holidays.json)"]
    rows = []
    for number, event in enumerate(events, start=1):
        event = event if isinstance(event, dict) else {}
        title, notes = str(event.get("title") or ""), str(event.get("notes") or "").strip()
        rows.append((f"Event {number}", event.get("date"), f"{title} ({notes.lower()})" if title and notes else title))
    return rows, []


def _rows_from_csv(text: str) -> tuple[list[tuple[str, object, str]], list[str]]:
    """(label, date text, name) for each row of a CSV with 'date' and 'name' columns; the header is row 1, as a spreadsheet shows it."""
    reader = csv.DictReader(io.StringIO(text))
    columns = {(name or "").strip().lower() for name in reader.fieldnames or []}
    if not {"date", "name"} <= columns:
        return [], ["Row 1: the first row must name the columns 'date' and 'name'"]
    rows = []
    for number, row in enumerate(reader, start=2):
        row = {(key or "").strip().lower(): (value or "") for key, value in row.items()}
        rows.append((f"Row {number}", row.get("date"), row.get("name", "")))
    return rows, []


def bank_holidays_import(*, text: str, kind: str, division: str = ENGLAND_AND_WALES) -> ImportResult:
    """Import bank holidays from a GOV.UK bank-holidays.json (kind "json") or a date,name CSV (kind "csv"): every row or none.

    A date already in the table takes the file's name; nothing is removed.
    """
    rows, errors = _rows_from_json(text, division) if kind == "json" else _rows_from_csv(text)
    source = BankHoliday.Source.GOV_UK if kind == "json" else BankHoliday.Source.ADMINISTRATOR
    result = ImportResult(errors=errors)
    clean: dict[datetime.date, tuple[str, str]] = {}
    for label, date_text, name in rows:
        day = _parse_date(date_text)
        if day is None:
            result.errors.append(f"{label}: enter the date as year-month-day, like 2026-12-25 (the file has '{date_text or ''}')")
            continue
        problems = _problems(day, name)
        if problems:
            result.errors.append(f"{label}: {'; '.join(problems.values())}")
        elif day in clean:
            result.errors.append(f"{label}: {day:%-d %B %Y} is already in the file ({clean[day][0]})")
        else:
            clean[day] = (label, name.strip())
    if not rows and not result.errors:
        result.errors.append("The file has no bank holidays in it")
    if result.errors:
        return result
    _save(clean={day: name for day, (_, name) in clean.items()}, source=source, result=result)
    return result


@transaction.atomic
def _save(*, clean: dict[datetime.date, str], source: str, result: ImportResult, rename: bool = True) -> None:
    known = {holiday.date: holiday for holiday in BankHoliday.objects.select_for_update().filter(date__in=clean)}
    for day, name in sorted(clean.items()):
        holiday = known.get(day)
        if holiday is None:
            BankHoliday.objects.create(date=day, name=name, source=source)
            result.added += 1
        elif rename and holiday.name != name:
            holiday.name, holiday.source = name, source
            holiday.save(update_fields=["name", "source"])
            result.updated += 1
        else:
            result.unchanged += 1


# --- Years not yet published: worked out by rule ---------------------------------------

# The maintained `holidays` package's names, as GOV.UK writes them.
_GOV_UK_NAMES = {
    "New Year's Day": "New Year’s Day",
    "May Day": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Late Summer Bank Holiday": "Summer bank holiday",
    "Platinum Jubilee of Elizabeth II": "Platinum Jubilee bank holiday",
    "State Funeral of Queen Elizabeth II": "Bank holiday for the State Funeral of Queen Elizabeth II",
    "Coronation of Charles III": "Bank holiday for the coronation of King Charles III",
}


def by_rule(years) -> dict[datetime.date, tuple[str, str]]:
    """England and Wales bank holidays on weekdays, as the `holidays` package works them out: {date: (title, notes)}."""
    import holidays

    found = {}
    for day, names in holidays.country_holidays("GB", subdiv="ENG", years=list(years)).items():
        if day.weekday() >= 5:
            continue  # the substitute weekday is listed instead, as GOV.UK does
        name = names.split("; ")[0]
        substitute = name.endswith(" (observed)")
        name = name.removesuffix(" (observed)")
        found[day] = (_GOV_UK_NAMES.get(name, name), "Substitute day" if substitute else "")
    return found


def bank_holidays_extend(*, to_year: int, from_year: int | None = None) -> ImportResult:
    """Add the bank holidays, by rule, for the years after the last one known (or from `from_year`) to `to_year`.

    Dates already in the table are left as they are: a published or hand-made
    entry is better than a rule.
    """
    known = _known_years(BankHoliday.objects.values_list("date", "source"))
    start = from_year or (max(known) + 1 if known else datetime.date.today().year)
    result = ImportResult()
    if to_year < start:
        result.errors.append(f"The bank holidays up to {start - 1} are known already: give a later year")
        return result
    clean = {day: f"{title} ({notes.lower()})" if notes else title for day, (title, notes) in by_rule(range(start, to_year + 1)).items()}
    _save(clean=clean, source=BankHoliday.Source.RULES, result=result, rename=False)
    return result


def load_shipped(model=BankHoliday) -> int:
    """Add the shipped file's dates that are missing (the data migration passes its historical model); how many were."""
    rows, _ = _rows_from_json(SHIPPED_FILE.read_text(encoding="utf-8"), ENGLAND_AND_WALES)
    known = set(model.objects.values_list("date", flat=True))
    missing = [
        model(date=day, name=name, source=BankHoliday.Source.SHIPPED) for _, date_text, name in rows if (day := _parse_date(date_text)) not in known
    ]
    model.objects.bulk_create(missing)
    return len(missing)
