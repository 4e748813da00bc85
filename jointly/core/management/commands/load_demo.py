from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Load the illustrative demo regions. Safe to run again: it changes nothing the second time."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            self.stderr.write("The demo cannot be loaded in production.")
            raise SystemExit(1)
        for dotted in settings.JOINTLY_DEMO_LOADERS:
            import_string(dotted)(stdout=self.stdout)
