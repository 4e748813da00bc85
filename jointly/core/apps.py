from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jointly.core"
    label = "core"
    verbose_name = "Shared pieces"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the stopped-jobs sweep with the scheduler)
