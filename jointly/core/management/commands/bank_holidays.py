"""`jointly bank-holidays`: list, add, remove, import and extend the England and Wales bank holidays behind working-day deadlines."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jointly.core import calendar
from jointly.core.errors import FieldErrors
from jointly.core.models import BankHoliday


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Enter the date as year-month-day, like 2026-12-25 (not '{text}').") from None


class Command(BaseCommand):
    help = "The bank holidays that working-day deadlines skip. Imports take every row or none."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        listing = actions.add_parser("list", help="Show the bank holidays, or one year's.")
        listing.add_argument("--year", type=int)
        add = actions.add_parser("add", help="Add one day, such as a one-off bank holiday.")
        add.add_argument("date", help="like 2026-12-25")
        add.add_argument("name")
        remove = actions.add_parser("remove", help="Remove a day added by mistake.")
        remove.add_argument("date")
        load = actions.add_parser("import", help="Import GOV.UK's bank-holidays.json, or a CSV with 'date' and 'name' columns.")
        load.add_argument("path", type=Path)
        load.add_argument("--division", default=calendar.ENGLAND_AND_WALES, help="which of GOV.UK's divisions (default england-and-wales)")
        extend = actions.add_parser("extend", help="Add the years after the last one known, worked out by rule.")
        extend.add_argument("--to", type=int, required=True, dest="to_year", metavar="YEAR")
        extend.add_argument("--from", type=int, dest="from_year", metavar="YEAR")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except FieldErrors as error:
            raise CommandError(str(error)) from None

    def _list(self, *, year=None, **options):
        holidays = BankHoliday.objects.all()
        if year:
            holidays = holidays.filter(date__year=year)
        for holiday in holidays:
            self.stdout.write(f"{holiday.date:%Y-%m-%d}  {holiday.date:%a}  {holiday.name}  ({holiday.get_source_display()})")

    def _add(self, *, date, name, **options):
        holiday = calendar.bank_holiday_add(day=_day(date), name=name)
        self.stdout.write(self.style.SUCCESS(f"Added {holiday}."))

    def _remove(self, *, date, **options):
        calendar.bank_holiday_remove(day=_day(date))
        self.stdout.write(self.style.SUCCESS(f"Removed {date}."))

    def _import(self, *, path: Path, division, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        kind = "json" if path.suffix.lower() == ".json" else "csv"
        self._report(calendar.bank_holidays_import(text=text, kind=kind, division=division))

    def _extend(self, *, to_year, from_year=None, **options):
        self._report(calendar.bank_holidays_extend(to_year=to_year, from_year=from_year))

    def _report(self, result):
        for line in result.errors:
            self.stderr.write(line)
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
