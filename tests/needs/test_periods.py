"""Time periods: labels people read and keys that sort."""

import pytest

from jointly.needs.periods import PeriodError, dfe_period, fingertips_period


@pytest.mark.parametrize(
    "time_period, identifier, expected",
    [
        ("2023", "Reporting year", ("2023", 20230000)),
        ("2023", "Calendar year", ("2023", 20230000)),
        ("202122", "Academic year", ("2021/22", 20210000)),
        ("202223", "Financial year", ("2022-23", 20220000)),
        ("202122", "Spring term", ("Spring term 2021/22", 20212000)),
        ("202122", "Autumn term", ("Autumn term 2021/22", 20211000)),
        ("2023", "Calendar year Q2", ("2023 Q2", 20234200)),
        ("2023", "March", ("March 2023", 20235300)),
        ("199900", "Academic year", ("1999/00", 19990000)),
    ],
)
def test_dfe_periods(time_period, identifier, expected):
    assert dfe_period(time_period, identifier) == expected


@pytest.mark.parametrize(
    "time_period, identifier, message",
    [
        ("23", "Reporting year", "'23' is not a year"),
        ("2021", "Academic year", "six digits"),
        ("202123", "Academic year", "the second year must follow the first"),
        ("2023", "Fortnight", "'Fortnight' is not a time identifier"),
    ],
)
def test_malformed_dfe_periods_say_what_is_wrong(time_period, identifier, message):
    with pytest.raises(PeriodError, match=message):
        dfe_period(time_period, identifier)


def test_terms_sort_in_the_order_of_the_school_year():
    keys = [dfe_period("202122", term)[1] for term in ("Autumn term", "Spring term", "Summer term")]
    assert keys == sorted(keys) and dfe_period("202223", "Autumn term")[1] > keys[-1]


@pytest.mark.parametrize(
    "label, sortable, expected",
    [
        ("2021/22", "20210000", ("2021/22", 20210000)),
        ("2019 - 21", "", ("2019 - 21", 20190000)),
        ("2022/23 Q1", "", ("2022/23 Q1", 20224100)),
        ("2018/19 - 20/21", "20180000", ("2018/19 - 20/21", 20180000)),
    ],
)
def test_fingertips_periods(label, sortable, expected):
    assert fingertips_period(label, sortable) == expected


@pytest.mark.parametrize("label, sortable", [("last year", ""), ("", ""), ("2021/22", "2021")])
def test_malformed_fingertips_periods(label, sortable):
    with pytest.raises(PeriodError):
        fingertips_period(label, sortable)
