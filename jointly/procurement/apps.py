from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "jointly.procurement"
    label = "procurement"
    verbose_name = "Procurement: opportunities, bids, evaluation and award"

    api_router = "jointly.procurement.api.router"
    home_work = "jointly.procurement.home_evaluation.work"
    url_modules = ("jointly.procurement.urls_evaluation",)

    def ready(self):
        from . import tasks, tasks_award  # noqa: F401  (register the closing and standstill jobs with the scheduler)
