from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "jointly.procurement"
    label = "procurement"
    verbose_name = "Procurement: opportunities, bids, evaluation and award"

    # Transparency notices and the open OCDS feed (issue 10, item 8).
    url_modules = ("jointly.procurement.urls_notices", "jointly.procurement.urls_ocds")

    def ready(self):
        from . import tasks, tasks_award  # noqa: F401  (register the closing and standstill jobs with the scheduler)
