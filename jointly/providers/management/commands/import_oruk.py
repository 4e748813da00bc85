"""`jointly import-oruk PATH`: import Open Referral UK services from a JSON file, or every .json file in a folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jointly.partnerships.models import Trust
from jointly.providers.oruk_import import OrukImportError, oruk_import, read_oruk_file
from jointly.providers.taxonomy import Approach, Tier, outcome_area_choices, outcome_slugs


class Command(BaseCommand):
    help = (
        "Import Open Referral UK 3.0 services (and their organisations) into the directory. Every record is "
        "checked first; if any fails, nothing from that file is stored. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="An ORUK JSON file, or a folder of them")
        parser.add_argument("--trust", help="Slug of the trust whose commissioners will approve these organisations' future changes")
        parser.add_argument("--tier", choices=Tier.values, default="", help="Tier for services whose record does not say")
        parser.add_argument(
            "--approach", choices=Approach.values, default="", help="Prevention or intervention, for services whose record does not say"
        )
        parser.add_argument(
            "--outcome",
            action="append",
            default=[],
            help="Slug of a shared outcome area, like be-healthy, for services whose record does not say (repeatable)",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress bars")

    def handle(self, *args, path, trust=None, tier="", approach="", outcome=(), no_progress=False, **options):
        chosen_trust = None
        if trust:
            chosen_trust = Trust.objects.filter(slug=trust).first()
            if chosen_trust is None:
                raise CommandError(f"No trust has the slug '{trust}'.")
        known = outcome_slugs()
        if unknown := [value for value in outcome if value not in known]:
            slugs = ", ".join(slug for slug, _ in outcome_area_choices())
            raise CommandError(f"No shared outcome area has the slug {', '.join(unknown)}. Use one of: {slugs}.")
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{path} does not exist.")
        files = sorted(source.glob("*.json")) if source.is_dir() else [source]
        if not files:
            raise CommandError(f"{path} has no .json files.")

        def progress(items, total, description):
            if no_progress:
                return items
            return tqdm(items, total=total, desc=description, unit="record", file=self.stderr._out, leave=False)

        failed = 0
        for file in files:
            try:
                result = oruk_import(
                    payload=read_oruk_file(file),
                    trust=chosen_trust,
                    tier=tier,
                    approach=approach,
                    outcomes=list(outcome),
                    progress=progress,
                )
            except OrukImportError as error:
                failed += 1
                self.stderr.write(f"{file}: {error}")
                for problem in error.problems:
                    self.stderr.write(f"  {problem}")
                continue
            self.stdout.write(
                f"{file}: {result.services_created} services added, {result.services_updated} changed, "
                f"{result.unchanged} unchanged; {result.organisations_created} organisations added, "
                f"{result.organisations_updated} changed."
            )
        if failed:
            raise CommandError(f"{failed} of {len(files)} file{'s' if len(files) != 1 else ''} not imported. See the problems above.")
