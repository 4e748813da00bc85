"""Every CSV and XLSX file the service gives people goes through here.

A spreadsheet opening a downloaded file runs any text cell that starts with
`=`, `+`, `-` or `@` as a formula, so a title someone typed could become a
live link or a command on a reader's computer (CSV or formula injection,
https://owasp.org/www-community/attacks/CSV_Injection). Text is neutralised
here, once, for every download:

- in CSV, text that starts with one of those characters, a tab or a carriage
  return gets a leading single quote, so the spreadsheet shows it as text;
- in XLSX, every text cell is written as text (never a formula or an error
  code), and those starting with one of the characters carry Excel's
  "quote prefix", so they stay text when someone edits them.

Real numbers stay numbers (a negative amount is not prefixed); so does text
that is only a number as the pages write it ("-5", "-1,234.5"), because a
spreadsheet reads it as that number and nothing else.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")
_NUMBERS = (int, float, Decimal)
_WHEN = (datetime.date, datetime.time)

Row = Sequence[object]


@dataclass(frozen=True)
class Figure:
    """A number with the decimal places it is published to: a number cell with that format in XLSX, the
    number written to those places in CSV (so 4.50 stays 4.50). Places None: as stored, in the General format."""

    value: float
    places: int | None = None

    def __str__(self) -> str:
        if self.places is not None:
            return f"{self.value:.{self.places}f}"
        return f"{self.value:.0f}" if float(self.value).is_integer() else repr(float(self.value))

    @property
    def number_format(self) -> str:
        if self.places is None:
            return "General"
        return "#,##0" + ("." + "0" * self.places if self.places else "")


def starts_like_a_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text)


def safe_text(text: str) -> str:
    """Text as a CSV cell: prefixed with a quote when a spreadsheet would run it."""
    return "'" + text if starts_like_a_formula(text) else text


def csv_cell(value: object) -> object:
    """One value as a CSV cell: numbers as numbers, dates in ISO 8601, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, Figure):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")  # never "1E+3"
    if isinstance(value, _NUMBERS):
        return value
    if isinstance(value, _WHEN):
        return value.isoformat()
    return safe_text(str(value))


def csv_response(*, filename: str, headings: Row, rows: Iterable[Row]) -> HttpResponse:
    """A CSV download; `filename` has no extension."""
    response = HttpResponse(content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    _write_csv(response, headings, rows)
    return response


def _write_csv(out, headings: Row, rows: Iterable[Row]) -> None:
    writer = csv.writer(out)
    writer.writerow([csv_cell(value) for value in headings])
    writer.writerows([csv_cell(value) for value in row] for row in rows)


def _xlsx_cell(sheet, value: object) -> object:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones
    if value is None or isinstance(value, (bool, *_NUMBERS, *_WHEN)):
        return value
    if isinstance(value, Figure):
        cell = WriteOnlyCell(sheet, value=float(value.value))
        cell.number_format = value.number_format
        return cell
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))  # control characters cannot be stored in XLSX
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl would make "=..." a formula and "#N/A" an error
    if starts_like_a_formula(text):
        cell.quotePrefix = True
    return cell


def xlsx_response(*, filename: str, sheets: Sequence[tuple[str, Iterable[Row]]]) -> HttpResponse:
    """An XLSX download of one or more sheets, each (title, rows) with its headings as the first row."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=title)
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
