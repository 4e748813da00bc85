from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "jointly.consultations"
    label = "consultations"
    verbose_name = "Consultations"

    def ready(self):
        from . import tasks  # noqa: F401  (registers scheduled jobs)
