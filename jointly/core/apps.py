from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jointly.core"
    label = "core"
    verbose_name = "Shared pieces"

    # No navigation entry: the service name in the header is the way home.
    url_modules = ("jointly.core.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers the stopped-jobs sweep with the scheduler)
