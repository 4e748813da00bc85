"""Reading the files the downloads give back, for the tests of every download."""

import csv
import io

from openpyxl import load_workbook

from jointly.core import downloads

# A title someone could type, which a spreadsheet would run as a live link.
FORMULA = '=HYPERLINK("https://example.com/steal","Click me")'
NEUTRALISED = "'" + FORMULA


def csv_lines(headings, rows) -> list[str]:
    """The lines of the CSV file the download would give."""
    response = downloads.csv_response(filename="test", headings=headings, rows=rows)
    return response.content.decode().splitlines()


def csv_cells(response) -> list[list[str]]:
    assert response["Content-Type"] == downloads.CSV_TYPE
    return list(csv.reader(io.StringIO(response.content.decode())))


def xlsx_cells(response, sheet: str | None = None):
    """The cells (not just their values) of a downloaded workbook's sheet, the first if none is named."""
    assert response["Content-Type"] == downloads.XLSX_TYPE
    workbook = load_workbook(io.BytesIO(response.content))
    return list((workbook[sheet] if sheet else workbook.worksheets[0]).iter_rows())
