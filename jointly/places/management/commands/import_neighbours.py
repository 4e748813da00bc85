from django.core.management.base import BaseCommand, CommandError

from jointly.places.rows import FileRejected
from jointly.places.services import neighbours_import


class Command(BaseCommand):
    help = (
        "Import statistical neighbour lists from a CSV file with columns authority_code, neighbour_code, "
        "rank and list_date. All of the file is imported, or none of it."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            summary = neighbours_import(path=path)
        except FileNotFoundError:
            raise CommandError(f"There is no file at {path}.") from None
        except FileRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(str(rejected)) from None
        self.stdout.write(f"Imported {summary.lists} neighbour lists ({summary.rows} rows).")
