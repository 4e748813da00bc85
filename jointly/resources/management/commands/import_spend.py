"""`jointly import-spend PATH --trust SLUG`: import a spend CSV, all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jointly.partnerships.models import Trust
from jointly.resources.importer import spend_import


class Command(BaseCommand):
    help = "Import spend records from a CSV file into one trust. Any bad row rejects the whole file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--trust", required=True, help="The trust's slug, e.g. plymouth.")

    def handle(self, *args, path: Path, trust: str, **options):
        try:
            trust_obj = Trust.objects.get(slug=trust)
        except Trust.DoesNotExist:
            raise CommandError(f"No trust has the slug '{trust}'.") from None
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        with tqdm(desc="Spend rows", unit="row", disable=options.get("verbosity", 1) < 1, file=self.stderr._out) as bar:

            def progress(done, total=None):
                if total is not None:
                    bar.total = total
                bar.n = done
                bar.refresh()

            result = spend_import(trust=trust_obj, text=text, progress=progress)
        for line in result.errors:
            self.stderr.write(line)
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))
