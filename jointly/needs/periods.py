"""Time periods: a label people read and a key that sorts.

The key is an integer, YYYYSSDD-shaped like Fingertips' "Time period
Sortable": the year the period starts in, then a part-of-year code (00 for a
whole year), then 00. Within one indicator every period has the same shape,
so ordering by key is ordering in time.
"""

from __future__ import annotations

import re

# Part-of-year codes: terms in the order they fall in an academic year, then quarters, then months.
_TERMS = {"autumn term": 10, "autumn and spring term": 15, "spring term": 20, "summer term": 30}
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_WHOLE_YEAR_SINGLE = {"calendar year", "reporting year"}
_WHOLE_YEAR_SPANNING = {"academic year": "/", "financial year": "-", "tax year": "-"}


class PeriodError(ValueError):
    pass


def _key(year: int, part: int = 0) -> int:
    return year * 10000 + part * 100


def _spanning_year(time_period: str, identifier: str) -> int:
    if not re.fullmatch(r"\d{6}", time_period):
        raise PeriodError(f"'{time_period}' is not a {identifier.lower()}: write it as six digits, like 202223 for 2022 to 2023.")
    start, end = int(time_period[:4]), int(time_period[4:])
    if (start + 1) % 100 != end:
        raise PeriodError(f"'{time_period}' is not a {identifier.lower()}: the second year must follow the first, like 202223.")
    return start


def dfe_period(time_period: str, time_identifier: str) -> tuple[str, int]:
    """(label, key) for a DfE time_period and time_identifier, or PeriodError saying what is wrong."""
    time_period, identifier = time_period.strip(), time_identifier.strip()
    lowered = identifier.lower()
    if lowered in _WHOLE_YEAR_SINGLE:
        if not re.fullmatch(r"\d{4}", time_period):
            raise PeriodError(f"'{time_period}' is not a year: write it as four digits, like 2023.")
        return time_period, _key(int(time_period))
    if lowered in _WHOLE_YEAR_SPANNING:
        start = _spanning_year(time_period, identifier)
        return f"{start}{_WHOLE_YEAR_SPANNING[lowered]}{time_period[4:]}", _key(start)
    if lowered in _TERMS:
        start = _spanning_year(time_period, "academic year")
        return f"{identifier} {start}/{time_period[4:]}", _key(start, _TERMS[lowered])
    quarter = re.fullmatch(r"(calendar year|financial year|academic year|tax year) q([1-4])", lowered)
    if quarter:
        kind, number = quarter.group(1), int(quarter.group(2))
        if kind == "calendar year":
            if not re.fullmatch(r"\d{4}", time_period):
                raise PeriodError(f"'{time_period}' is not a year: write it as four digits, like 2023.")
            return f"{time_period} Q{number}", _key(int(time_period), 40 + number)
        start = _spanning_year(time_period, kind)
        return f"{start}/{time_period[4:]} Q{number}", _key(start, 40 + number)
    if lowered in _MONTHS:
        if not re.fullmatch(r"\d{4}", time_period):
            raise PeriodError(f"'{time_period}' is not a year: write it as four digits, like 2023.")
        month = _MONTHS.index(lowered) + 1
        return f"{identifier.capitalize()} {time_period}", _key(int(time_period), 50 + month)
    raise PeriodError(
        f"'{identifier}' is not a time identifier Jointly understands "
        "(for example Calendar year, Reporting year, Academic year, Financial year, Spring term, Calendar year Q1, January)."
    )


_FINGERTIPS_PERIOD = re.compile(
    r"^(?P<year>\d{4})(?:/(?P<next>\d{2}))?"  # 2021 or 2021/22
    r"(?:\s*-\s*(?P<to>\d{2}(?:/\d{2})?))?"  # a pooled range: 2019 - 21, 2018/19 - 20/21
    r"(?:\s+Q(?P<quarter>[1-4]))?$"  # a quarter: 2022/23 Q1
)


def fingertips_period(label: str, sortable: str = "") -> tuple[str, int]:
    """(label, key) for a Fingertips 'Time period', using 'Time period Sortable' when it is given."""
    label, sortable = label.strip(), sortable.strip()
    match = _FINGERTIPS_PERIOD.match(label)
    if not label or match is None:
        raise PeriodError(f"'{label}' is not a time period like 2022, 2021/22, 2019 - 21 or 2022/23 Q1.")
    if sortable:
        if not re.fullmatch(r"\d{8}", sortable):
            raise PeriodError(f"Time period Sortable '{sortable}' is not eight digits, like 20210000.")
        return label, int(sortable)
    quarter = match.group("quarter")
    return label, _key(int(match.group("year")), 40 + int(quarter) if quarter else 0)


def key_year(key: int) -> int:
    return key // 10000
