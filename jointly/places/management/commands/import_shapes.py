from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from jointly.places.services import shapes_import


class Command(BaseCommand):
    help = (
        "Load the 2013 district shapes from an ONS TopoJSON file (object 'lad'), and the ward shapes of the "
        "districts given with --wards-for (or of every district with --all-wards). Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("districts", help="england_lad_2013.topo.json")
        parser.add_argument("--wards-dir", help="the folder of <district code>.topo.json ward files")
        parser.add_argument("--wards-for", nargs="*", default=[], metavar="CODE", help="district codes whose wards to load")
        parser.add_argument("--all-wards", action="store_true", help="load the wards of every district")

    def handle(self, *args, districts, wards_dir=None, wards_for=(), all_wards=False, **options):
        if not Path(districts).exists():
            raise CommandError(f"There is no file at {districts}.")
        if (wards_for or all_wards) and not wards_dir:
            raise CommandError("Give --wards-dir to load ward shapes.")
        summary = shapes_import(
            districts_path=districts,
            wards_dir=wards_dir if (wards_for or all_wards) else None,
            ward_districts=None if all_wards else wards_for,
        )
        self.stdout.write(
            f"{summary.districts} district shapes and {summary.wards} ward shapes loaded; {summary.counties_linked} districts linked to their county."
        )
