"""monitoring.config: periods in the financial year, frequency proportionate to value, due dates (dated configuration)."""

import datetime
from decimal import Decimal

from jointly.monitoring import config
from jointly.monitoring.models import Frequency

D = datetime.date


def test_periods_run_in_the_financial_year():
    assert config.period_containing(D(2027, 2, 10), Frequency.QUARTERLY) == (D(2027, 1, 1), D(2027, 3, 31))
    assert config.period_containing(D(2027, 4, 1), Frequency.QUARTERLY) == (D(2027, 4, 1), D(2027, 6, 30))
    assert config.period_containing(D(2027, 12, 31), Frequency.HALF_YEARLY) == (D(2027, 10, 1), D(2028, 3, 31))
    assert config.period_containing(D(2027, 3, 31), Frequency.YEARLY) == (D(2026, 4, 1), D(2027, 3, 31))
    assert config.previous_period(D(2027, 4, 1), Frequency.HALF_YEARLY) == (D(2026, 10, 1), D(2027, 3, 31))


def test_frequency_follows_the_value_a_year():
    on = D(2027, 6, 1)
    assert config.frequency_for_value(Decimal("250000"), on) == Frequency.QUARTERLY
    assert config.frequency_for_value(Decimal("249999.99"), on) == Frequency.HALF_YEARLY
    assert config.frequency_for_value(Decimal("50000"), on) == Frequency.HALF_YEARLY
    assert config.frequency_for_value(Decimal("49999"), on) == Frequency.YEARLY


def test_the_tables_are_dated_and_replaceable(settings):
    settings.JOINTLY_RETURN_FREQUENCIES = (
        (D(2024, 4, 1), ((Decimal("0"), Frequency.YEARLY),)),
        (D(2028, 4, 1), ((Decimal("100"), Frequency.QUARTERLY), (Decimal("0"), Frequency.YEARLY))),
    )
    settings.JOINTLY_RETURN_DUE_DAYS = ((D(2024, 4, 1), 30), (D(2028, 1, 1), 20))
    assert config.frequency_for_value(Decimal("500"), D(2028, 3, 31)) == Frequency.YEARLY
    assert config.frequency_for_value(Decimal("500"), D(2028, 4, 1)) == Frequency.QUARTERLY
    assert config.due_date(D(2027, 9, 30)) == D(2027, 10, 30)
    assert config.due_date(D(2028, 3, 31)) == D(2028, 4, 20)
