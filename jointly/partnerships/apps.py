from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "jointly.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from . import tasks  # noqa: F401  (registers scheduled jobs)
