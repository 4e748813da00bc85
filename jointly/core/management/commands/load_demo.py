from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from jointly.core.registry import registry


class Command(BaseCommand):
    help = "Load the illustrative demo regions. Safe to run again: it changes nothing the second time."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            self.stderr.write("The demo cannot be loaded in production.")
            raise SystemExit(1)
        # Each app registers its loader with an order, so each builds on the ones before it.
        for loader in registry().demo_loaders:
            import_string(loader.loader)(stdout=self.stdout)
