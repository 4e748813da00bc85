from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "jointly.procurement"
    label = "procurement"
    verbose_name = "Procurement: opportunities, bids, evaluation and award"

    api_router = "jointly.procurement.api.router"
    url_modules = ("jointly.procurement.urls_bids",)

    def ready(self):
        from . import tasks, tasks_award  # noqa: F401  (register the closing and standstill jobs with the scheduler)
