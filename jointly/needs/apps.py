from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "jointly.needs"
    label = "needs"
    verbose_name = "Needs assessment"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the import job handler)
