"""Working days in England and Wales: weekends and bank holidays skipped, from dated data an administrator can extend."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from jointly.audit.models import AuditEntry
from jointly.core import calendar
from jointly.core.calendar import add_working_days, deadline_after, is_working_day, working_days_between
from jointly.core.errors import FieldErrors
from jointly.core.models import BankHoliday

D = datetime.date


@pytest.fixture(autouse=True)
def shipped(db):
    # The data migration seeds the table; a transactional test elsewhere may have emptied it since.
    calendar.load_shipped()


# --- Counting working days -------------------------------------------------------


def test_eight_working_days_after_19_december_2025_skip_christmas_boxing_day_and_new_year():
    # Mon 22, Tue 23, Wed 24 (Thu 25 and Fri 26 are bank holidays), Mon 29, Tue 30, Wed 31 (Thu 1 January is one), Fri 2, Mon 5.
    assert add_working_days(D(2025, 12, 19), 8) == D(2026, 1, 5)
    assert working_days_between(D(2025, 12, 19), D(2026, 1, 5)) == 8
    assert deadline_after(D(2025, 12, 19), 8) == D(2026, 1, 5)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 12, 24), True),
        (D(2025, 12, 25), False),
        (D(2025, 12, 27), False),  # a Saturday
        (D(2020, 5, 4), True),  # the early May bank holiday moved to VE day that year
        (D(2020, 5, 8), False),
        (D(2022, 9, 19), False),  # the State Funeral of Queen Elizabeth II
        (D(2023, 5, 8), False),  # the coronation of King Charles III
        (D(2026, 12, 28), False),  # Boxing Day's substitute: 26 December 2026 is a Saturday
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_counting_backwards_and_not_at_all():
    assert add_working_days(D(2026, 1, 2), -1) == D(2025, 12, 31)
    assert add_working_days(D(2025, 12, 25), 0) == D(2025, 12, 25)
    assert working_days_between(D(2026, 1, 5), D(2025, 12, 19)) == -8
    assert working_days_between(D(2026, 1, 5), D(2026, 1, 5)) == 0
    assert working_days_between(D(2026, 1, 2), D(2026, 1, 4)) == 0  # Saturday and Sunday


def test_a_calendar_day_deadline_and_a_deadline_from_a_moment_count_from_the_local_date():
    assert deadline_after(D(2025, 12, 19), 14, working=False) == D(2026, 1, 2)
    # 23:30 UTC on 30 June is 00:30 on 1 July in London.
    moment = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    assert deadline_after(moment, 1) == D(2026, 7, 2)


def test_a_weekday_in_a_year_with_no_bank_holidays_known_is_refused_not_guessed():
    # The shipped dates end with 2035.
    assert add_working_days(D(2035, 12, 24), 1) == D(2035, 12, 27)
    with pytest.raises(calendar.UnknownYear, match="The bank holidays for 2036 are not known yet") as caught:
        add_working_days(D(2035, 12, 28), 2)
    assert caught.value.errors["date"].endswith("jointly bank-holidays extend --to 2036")
    assert is_working_day(D(2050, 1, 1)) is False  # a Saturday needs no bank holidays to answer


def test_a_day_added_by_hand_does_not_make_its_year_known():
    calendar.bank_holiday_add(day=D(2036, 6, 16), name="Bank holiday for the example")
    with pytest.raises(calendar.UnknownYear, match="2036"):
        is_working_day(D(2036, 6, 17))


# --- The shipped dates -------------------------------------------------------------


def test_the_shipped_file_is_what_the_rules_give_for_its_years():
    events = json.loads(calendar.SHIPPED_FILE.read_text(encoding="utf-8"))["england-and-wales"]["events"]
    shipped = {D.fromisoformat(event["date"]): (event["title"], event["notes"]) for event in events}
    assert {day.year for day in shipped} == set(range(2018, 2036))
    assert shipped == calendar.by_rule(range(2018, 2036))


def test_the_data_migration_seeded_every_shipped_date():
    assert BankHoliday.objects.filter(source=BankHoliday.Source.SHIPPED, date__year=2026).count() == 8
    assert calendar.load_shipped() == 0  # running it again adds nothing


# --- An administrator extends it ------------------------------------------------------


def test_a_day_an_administrator_adds_moves_deadlines_at_once():
    assert add_working_days(D(2026, 6, 12), 1) == D(2026, 6, 15)
    holiday = calendar.bank_holiday_add(day=D(2026, 6, 15), name="Bank holiday for the example")
    assert add_working_days(D(2026, 6, 12), 1) == D(2026, 6, 16)
    assert holiday.source == BankHoliday.Source.ADMINISTRATOR
    assert AuditEntry.objects.filter(object_type="core.bankholiday", object_id=str(holiday.pk), action=AuditEntry.Action.CREATE).exists()
    calendar.bank_holiday_remove(day=D(2026, 6, 15))
    assert is_working_day(D(2026, 6, 15))


def test_adding_refuses_a_weekend_a_blank_name_and_a_day_already_known():
    with pytest.raises(FieldErrors) as caught:
        calendar.bank_holiday_add(day=D(2026, 6, 13), name=" ")
    assert caught.value.errors == {
        "date": "13 June 2026 is a Saturday: bank holidays fall on weekdays (add the substitute day instead)",
        "name": "Enter the bank holiday's name",
    }
    with pytest.raises(FieldErrors, match="25 December 2026 is already a bank holiday"):
        calendar.bank_holiday_add(day=D(2026, 12, 25), name="Christmas Day")
    with pytest.raises(FieldErrors, match="15 June 2026 is not a bank holiday"):
        calendar.bank_holiday_remove(day=D(2026, 6, 15))


def _gov_uk(*events):
    return json.dumps(
        {
            "england-and-wales": {
                "division": "england-and-wales",
                "events": [{"title": title, "date": date, "notes": notes, "bunting": True} for title, date, notes in events],
            },
            "scotland": {"division": "scotland", "events": []},
        }
    )


def test_importing_govuk_bank_holidays_adds_new_days_and_takes_its_names():
    text = _gov_uk(
        ("Christmas Day", "2026-12-25", ""),
        ("Boxing Day", "2026-12-28", "Substitute day"),
        ("Bank holiday for the example", "2036-06-16", ""),
        ("Early May bank holiday", "2026-05-04", ""),
    )
    BankHoliday.objects.filter(date=D(2026, 5, 4)).update(name="May Day")
    result = calendar.bank_holidays_import(text=text, kind="json")
    assert result.summary() == "1 bank holidays added, 1 renamed, 2 already known."
    assert BankHoliday.objects.get(date=D(2026, 12, 28)).name == "Boxing Day (substitute day)"
    assert BankHoliday.objects.get(date=D(2036, 6, 16)).source == BankHoliday.Source.GOV_UK


def test_an_import_with_any_bad_row_imports_nothing_and_numbers_each_problem():
    text = _gov_uk(
        ("Good day", "2037-06-15", ""),
        ("Bad date", "15/06/2037", ""),
        ("A Saturday", "2037-06-13", ""),
        ("", "2037-06-17", ""),
        ("Twice", "2037-06-15", ""),
    )
    result = calendar.bank_holidays_import(text=text, kind="json")
    assert result.errors == [
        "Event 2: enter the date as year-month-day, like 2026-12-25 (the file has '15/06/2037')",
        "Event 3: 13 June 2037 is a Saturday: bank holidays fall on weekdays (add the substitute day instead)",
        "Event 4: Enter the bank holiday's name",
        "Event 5: 15 June 2037 is already in the file (Event 1)",
    ]
    assert result.summary() == "Nothing was imported: 4 rows have problems."
    assert not BankHoliday.objects.filter(date__year=2037).exists()


def test_a_csv_import_numbers_rows_as_a_spreadsheet_does():
    assert calendar.bank_holidays_import(text="date,name\n2037-06-15,Good day\n2037-06-16,\n", kind="csv").errors == [
        "Row 3: Enter the bank holiday's name"
    ]
    assert calendar.bank_holidays_import(text="when,what\n2037-06-15,Good day\n", kind="csv").errors == [
        "Row 1: the first row must name the columns 'date' and 'name'"
    ]
    result = calendar.bank_holidays_import(text="Date,Name\n2037-06-15,Good day\n", kind="csv")
    assert (result.ok, BankHoliday.objects.get(date=D(2037, 6, 15)).source) == (True, BankHoliday.Source.ADMINISTRATOR)


def test_a_file_that_is_not_govuks_format_is_refused():
    assert calendar.bank_holidays_import(text="not json", kind="json").errors[0].startswith("The file is not JSON")
    assert calendar.bank_holidays_import(text=json.dumps({"scotland": {}}), kind="json").errors == [
        "The file has no 'england-and-wales' events: use the GOV.UK bank holidays file (bank-holidays.json)"
    ]
    assert calendar.bank_holidays_import(text=_gov_uk(), kind="json").errors == ["The file has no bank holidays in it"]


def test_extending_adds_the_next_years_by_rule_and_keeps_what_is_known():
    calendar.bank_holiday_add(day=D(2036, 6, 16), name="Bank holiday for the example")
    result = calendar.bank_holidays_extend(to_year=2037)
    assert result.ok
    assert BankHoliday.objects.filter(date__year__in=[2036, 2037], source=BankHoliday.Source.RULES).count() == 16
    assert BankHoliday.objects.get(date=D(2036, 6, 16)).source == BankHoliday.Source.ADMINISTRATOR
    assert add_working_days(D(2037, 12, 24), 1) == D(2037, 12, 29)  # Christmas Day on a Friday; Boxing Day's substitute on Monday 28
    assert calendar.bank_holidays_extend(to_year=2037).errors == ["The bank holidays up to 2037 are known already: give a later year"]


# --- The command ---------------------------------------------------------------------


def test_the_command_imports_a_file_or_says_which_rows_are_wrong(tmp_path, capsys):
    good = tmp_path / "bank-holidays.json"
    good.write_text(_gov_uk(("Bank holiday for the example", "2036-06-16", "")), encoding="utf-8")
    call_command("bank_holidays", "import", str(good))
    assert "1 bank holidays added, 0 renamed, 0 already known." in capsys.readouterr().out
    bad = tmp_path / "extra.csv"
    bad.write_text("date,name\n2036-06-21,A Saturday\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported: 1 row has a problem."):
        call_command("bank_holidays", "import", str(bad))
    assert "Row 2: 21 June 2036 is a Saturday" in capsys.readouterr().err


def test_the_command_adds_lists_and_refuses_in_plain_words(capsys):
    call_command("bank_holidays", "add", "2036-06-16", "Bank holiday for the example")
    call_command("bank_holidays", "list", "--year", "2036")
    assert "2036-06-16  Mon  Bank holiday for the example  (Added by an administrator)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="16 June 2036 is already a bank holiday"):
        call_command("bank_holidays", "add", "2036-06-16", "Again")
    with pytest.raises(CommandError, match="like 2026-12-25"):
        call_command("bank_holidays", "remove", "16/06/2036")
