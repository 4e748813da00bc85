"""Contract rules as dated data (RULES.md: numbers are configuration with an effective date, never literals).

Each table is ((in force from, value), ...); the entry in force on a day is the latest that started by it.
Settings of the same name replace a table (a trust's stricter local policy).
- `short_form_below(on)`: below this value the short-form agreement is offered by default.
- `small_change_percent(on)`: a variation changing the value by no more than this share of the contract's
  value when signed needs no contract change notice (Procurement Act 2023; RULES.md "unless small").
- `value_change_limit_percent(on)`: variations together may not change the value by more than this share:
  beyond it the change is a new procurement, refused.
- `term_change_limit_percent(on)`: a variation may lengthen the term by at most this share of the original
  term; longer is a new procurement (extension options are decided as extensions, not variations).
- `officers_limit(on)`: a variation changing the value by more than this needs senior approval
  (CONTRACT_APPROVE), as does any that needs a change notice.
- `insurance_defaults(value, on)`: the cover proportionate to a contract of that value.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings

_SINCE = datetime.date(2025, 2, 24)  # the Procurement Act 2023 came into force

SHORT_FORM_BELOW = ((_SINCE, Decimal("25000")),)
SMALL_CHANGE_PERCENT = ((_SINCE, Decimal("10")),)
VALUE_CHANGE_LIMIT_PERCENT = ((_SINCE, Decimal("50")),)
TERM_CHANGE_LIMIT_PERCENT = ((_SINCE, Decimal("10")),)
OFFICERS_LIMIT = ((_SINCE, Decimal("50000")),)

# Cover proportionate to the contract's value: (in force from, ((value up to, {kind: cover}), ...)); the
# last band has no upper limit (None). Employers' liability is required by law whenever staff are employed.
INSURANCE_BANDS = (
    (
        _SINCE,
        (
            (Decimal("25000"), {"public_liability": Decimal("1000000"), "employers_liability": Decimal("5000000")}),
            (
                Decimal("250000"),
                {"public_liability": Decimal("2000000"), "employers_liability": Decimal("5000000"), "professional_indemnity": Decimal("1000000")},
            ),
            (
                None,
                {"public_liability": Decimal("5000000"), "employers_liability": Decimal("10000000"), "professional_indemnity": Decimal("2000000")},
            ),
        ),
    ),
)


def _in_force(name: str, default, on: datetime.date):
    table = getattr(settings, f"JOINTLY_CONTRACT_{name}", default)
    ordered = sorted(table, key=lambda row: row[0])
    in_force = [value for since, value in ordered if since <= on]
    return in_force[-1] if in_force else ordered[0][1]


def short_form_below(on: datetime.date) -> Decimal:
    return _in_force("SHORT_FORM_BELOW", SHORT_FORM_BELOW, on)


def small_change_percent(on: datetime.date) -> Decimal:
    return _in_force("SMALL_CHANGE_PERCENT", SMALL_CHANGE_PERCENT, on)


def value_change_limit_percent(on: datetime.date) -> Decimal:
    return _in_force("VALUE_CHANGE_LIMIT_PERCENT", VALUE_CHANGE_LIMIT_PERCENT, on)


def term_change_limit_percent(on: datetime.date) -> Decimal:
    return _in_force("TERM_CHANGE_LIMIT_PERCENT", TERM_CHANGE_LIMIT_PERCENT, on)


def officers_limit(on: datetime.date) -> Decimal:
    return _in_force("OFFICERS_LIMIT", OFFICERS_LIMIT, on)


def insurance_defaults(value: Decimal, on: datetime.date) -> dict[str, Decimal]:
    for upper, cover in _in_force("INSURANCE_BANDS", INSURANCE_BANDS, on):
        if upper is None or value <= upper:
            return dict(cover)
    return {}
