"""How often a return is due and how long after its period, as dated configuration (RULES.md: numbers
are configuration with an effective date, never literals in the code).

`FREQUENCY_RULES`: from a date, the bands of a contract's value in a year (the `ContractYear` that holds
the day) and how often its provider reports: quarterly at £250,000 a year or more, half-yearly from
£50,000, yearly below. A return covering several contracts follows the most frequent of them.
`JOINTLY_RETURN_FREQUENCIES` and `JOINTLY_RETURN_DUE_DAYS` in settings replace the tables.
Periods run in the financial year from 1 April, so every partner's returns fall on the same dates.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

from .models import Frequency

# (in force from, ((at least this a year, frequency), ... highest first)).
FREQUENCY_RULES: tuple = (
    (
        datetime.date(2024, 4, 1),
        ((Decimal("250000"), Frequency.QUARTERLY), (Decimal("50000"), Frequency.HALF_YEARLY), (Decimal("0"), Frequency.YEARLY)),
    ),
)
# (in force from, days after the period's end that the return is due).
DUE_DAYS_RULES: tuple = ((datetime.date(2024, 4, 1), 30),)

MONTHS = {Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6, Frequency.YEARLY: 12}
# Most frequent first: the order a return covering several contracts picks from.
BY_FREQUENCY = (Frequency.QUARTERLY, Frequency.HALF_YEARLY, Frequency.YEARLY)
YEAR_STARTS_IN = 4  # April


def _in_force(table, on: datetime.date):
    ordered = sorted(table, key=lambda row: row[0])
    in_force = [value for since, value in ordered if since <= on]
    return in_force[-1] if in_force else ordered[0][1]


def frequency_for_value(value_a_year: Decimal, on: datetime.date) -> str:
    bands = _in_force(getattr(settings, "JOINTLY_RETURN_FREQUENCIES", FREQUENCY_RULES), on)
    for floor, frequency in bands:
        if value_a_year >= floor:
            return frequency
    return bands[-1][1]


def due_days(on: datetime.date) -> int:
    return _in_force(getattr(settings, "JOINTLY_RETURN_DUE_DAYS", DUE_DAYS_RULES), on)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    total = day.year * 12 + (day.month - 1) + months
    return datetime.date(total // 12, total % 12 + 1, 1)


def period_containing(day: datetime.date, frequency: str) -> tuple[datetime.date, datetime.date]:
    """The reporting period of this frequency that holds the day: (first day, last day)."""
    year_start = datetime.date(day.year if day.month >= YEAR_STARTS_IN else day.year - 1, YEAR_STARTS_IN, 1)
    months = MONTHS[frequency]
    elapsed = (day.year * 12 + day.month) - (year_start.year * 12 + year_start.month)
    start = _add_months(year_start, (elapsed // months) * months)
    return start, _add_months(start, months) - datetime.timedelta(days=1)


def previous_period(start: datetime.date, frequency: str) -> tuple[datetime.date, datetime.date]:
    return period_containing(start - datetime.timedelta(days=1), frequency)


def due_date(period_end: datetime.date) -> datetime.date:
    return period_end + datetime.timedelta(days=due_days(period_end))
