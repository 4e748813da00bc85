from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jointly.needs import services
from jointly.needs.models import ImportRun


def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        column, sep, other = value.partition("=")
        if not sep or not column or not other:
            raise CommandError(f"Write {option} as INDICATOR_COLUMN=OTHER_COLUMN, for example rate_per_10000=number.")
        pairs[column.strip()] = other.strip()
    return pairs


class Command(BaseCommand):
    help = (
        "Import published indicator data: a DfE statistics tidy CSV (choose its indicator and filter columns) "
        "or an OHID Fingertips CSV export. The whole file is checked first; any problem is reported with its "
        "row number and nothing is saved. Importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", choices=["dfe", "fingertips"], required=True)
        parser.add_argument(
            "--indicator-column",
            action="append",
            default=[],
            metavar="COLUMN",
            help="DfE: a column of values that becomes an indicator (repeat for more)",
        )
        parser.add_argument(
            "--filter-column",
            action="append",
            default=[],
            metavar="COLUMN",
            help="DfE: a filter column that becomes a breakdown, such as social_care_group",
        )
        parser.add_argument(
            "--indicator-filter-column",
            action="append",
            default=[],
            metavar="COLUMN",
            help="DfE: a filter column whose values are separate indicators, such as population_count",
        )
        parser.add_argument(
            "--count-column", action="append", default=[], metavar="INDICATOR=COLUMN", help="DfE: the column holding an indicator's count (numerator)"
        )
        parser.add_argument(
            "--denominator-column", action="append", default=[], metavar="INDICATOR=COLUMN", help="DfE: the column holding an indicator's denominator"
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="COLUMN=VALUE",
            help="DfE: keep only rows where this filter column holds this value (repeatable)",
        )
        parser.add_argument("--dataset", help="a short name for the dataset (default: the file name)")
        parser.add_argument("--outcome-area", help="slug of the outcome area for indicators seen for the first time")
        parser.add_argument("--no-progress", action="store_true", help="do not show a progress bar")

    def handle(self, *args, path, format, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"There is no file at {path}.")
        spec: dict = {"dataset": options["dataset"] or file.stem, "outcome_area": options["outcome_area"]}
        if format == "dfe":
            if not options["indicator_column"]:
                raise CommandError("Choose at least one --indicator-column for a DfE file.")
            companions: dict[str, dict[str, str]] = {}
            for field_name, option in (("count", "count_column"), ("denominator", "denominator_column")):
                for column, other in _pairs(options[option], f"--{option.replace('_', '-')}").items():
                    companions.setdefault(column, {})[field_name] = other
            only: dict[str, list[str]] = {}
            for column, value in _pairs(options["only"], "--only").items():
                only.setdefault(column, []).append(value)
            spec.update(
                indicator_columns=options["indicator_column"],
                filter_columns=options["filter_column"],
                indicator_filter_columns=options["indicator_filter_column"],
                companions=companions,
                only=only,
            )

        bars: dict[str, tqdm] = {}

        def progress(phase: str, done: int, total: int | None) -> None:
            if options["no_progress"]:
                return
            bar = bars.get(phase)
            if bar is None:
                for other in bars.values():
                    other.close()
                label = "Checking rows" if phase == "check" else "Saving"
                bar = bars[phase] = tqdm(total=total, desc=label, unit=" rows", leave=True)
            bar.update(max(0, done - bar.n))

        try:
            run, imported = services.indicators_import_path(path=file, format=format, spec=spec, progress=progress)
        except ValueError as error:
            raise CommandError(str(error)) from None
        finally:
            for bar in bars.values():
                bar.close()
        if not imported:
            self.stdout.write(
                f"This file was already imported with the same choices on {run.created_at:%d %B %Y} (import {run.pk}): nothing changed."
            )
            return
        if run.status == ImportRun.Status.SUCCEEDED:
            self.stdout.write(f"Imported {run.file_name} (import {run.pk}): {run.message}")
            return
        for error in run.errors:
            where = f"Row {error['row']}" + (f", column '{error['column']}'" if error["column"] else "")
            self.stderr.write(f"{where}: {error['message']}")
        if run.error_count > len(run.errors):
            self.stderr.write(f"… and {run.error_count - len(run.errors)} more.")
        raise CommandError(run.message)
