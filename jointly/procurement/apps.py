from django.apps import AppConfig

from jointly.core.registry import CycleLink, Stage


class ProcurementConfig(AppConfig):
    name = "jointly.procurement"
    label = "procurement"
    verbose_name = "Procurement: opportunities, bids, evaluation and award"

    api_router = "jointly.procurement.api.router"
    home_work = "jointly.procurement.home_evaluation.work"
    url_modules = (
        "jointly.procurement.urls_bids",
        "jointly.procurement.urls_evaluation",
        "jointly.procurement.urls_bidders",
        "jointly.procurement.urls_notices",
        "jointly.procurement.urls_ocds",
    )
    # The bidders' view (views_bidders): a provider's opportunities, passport, bids and ratings; reached
    # from the provider's passport and home page (the stage's navigation entries are the opportunities' part).
    cycle_links = (
        CycleLink(
            "Bidders' ratings of the process",
            "bidders:trust-ratings",
            order=130,
            stage=Stage.PROCURE,
            description="How organisations that bid rated each procurement's process, for learning.",
            permission="procurement.view",
        ),
    )

    def ready(self):
        from . import tasks, tasks_award  # noqa: F401  (register the closing and standstill jobs with the scheduler)
