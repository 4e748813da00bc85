"""The download helper: text a spreadsheet would run is neutralised, numbers stay numbers."""

import datetime
from decimal import Decimal

import pytest

from jointly.core import downloads

from ..downloads import FORMULA, NEUTRALISED, csv_cells, xlsx_cells


@pytest.mark.parametrize("text", [FORMULA, "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "-5 children"])
def test_text_that_starts_like_a_formula_gets_a_quote(text):
    assert downloads.csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Young Carers Project", "5 children", "a = b", "", "'already quoted", "-5", "-1,234.5", "+2.25"])
def test_other_text_and_text_that_is_only_a_number_are_left_alone(text):
    assert downloads.csv_cell(text) == text


@pytest.mark.parametrize(
    "value, cell",
    [
        (-5, -5),
        (3, 3),
        (-2.5, -2.5),
        (Decimal("-12.50"), "-12.50"),
        (Decimal("1E+3"), "1000"),
        (None, ""),
        (datetime.date(2026, 4, 1), "2026-04-01"),
    ],
)
def test_numbers_stay_numbers_and_are_never_prefixed(value, cell):
    assert downloads.csv_cell(value) == cell


def test_a_csv_response_neutralises_headings_and_rows():
    response = downloads.csv_response(filename="plan", headings=["title", "=heading"], rows=[[FORMULA, -5], ["-5 children", Decimal("-0.50")]])
    assert response["Content-Disposition"] == 'attachment; filename="plan.csv"'
    assert csv_cells(response) == [["title", "'=heading"], [NEUTRALISED, "-5"], ["'-5 children", "-0.50"]]


def test_an_xlsx_response_writes_text_as_text_and_numbers_as_numbers():
    rows = [["Title", "Value"], [FORMULA, -5], ["-5 children", Decimal("-0.5")], ["#N/A", 2.5], ["plain", None], ["bell\x07", 1]]
    response = downloads.xlsx_response(filename="profile", sheets=[("Figures", rows), ("Notes", [["+44 is a dialling code"]])])
    assert response["Content-Disposition"] == 'attachment; filename="profile.xlsx"'
    cells = xlsx_cells(response, "Figures")
    formula, number = cells[1]
    assert (formula.data_type, formula.value, formula.quotePrefix) == ("s", FORMULA, True)
    assert (number.data_type, number.value) == ("n", -5)
    assert (cells[2][0].data_type, cells[2][0].value, cells[2][0].quotePrefix) == ("s", "-5 children", True)
    assert (cells[2][1].data_type, cells[2][1].value) == ("n", -0.5)
    assert (cells[3][0].data_type, cells[3][0].value) == ("s", "#N/A")  # text, not Excel's "not available" error
    assert (cells[4][0].value, cells[4][0].quotePrefix, cells[4][1].value) == ("plain", False, None)
    assert cells[5][0].value == "bell"  # a control character XLSX cannot hold is dropped, not a failed download
    ((notes,),) = xlsx_cells(response, "Notes")
    assert (notes.data_type, notes.value, notes.quotePrefix) == ("s", "+44 is a dialling code", True)


def test_an_xlsx_writes_an_aware_time_as_its_local_time(settings):
    settings.TIME_ZONE = "Europe/London"
    when = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC)
    response = downloads.xlsx_response(filename="times", sheets=[("Times", [[when]])])
    ((cell,),) = xlsx_cells(response)
    assert cell.value == datetime.datetime(2026, 7, 1, 10, 30)
