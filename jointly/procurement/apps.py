from django.apps import AppConfig

from jointly.core.registry import TRUST_IN_QUERY, CycleLink, DemoLoader, Stage


class ProcurementConfig(AppConfig):
    name = "jointly.procurement"
    label = "procurement"
    verbose_name = "Procurement: opportunities, bids, evaluation and award"

    # No entry in the service navigation: it has no room left on one row at 1,280 px (tests/browser/test_journeys.py).
    # Staff reach their tenders from the trust page and their home page; everyone else from the home page.
    home_work = "jointly.procurement.home.work"
    priority_links = "jointly.procurement.home.priority_links"
    cycle_links = (
        CycleLink(
            "Opportunities: tenders and their gates",
            "procurement:opportunities",
            order=120,
            stage=Stage.PROCURE,
            description="Opportunities made from the forward plan's intentions, the gates before publication, clarification questions.",
            permission="procurement.view",
        ),
        CycleLink(
            "Published opportunities",
            "procurement:public-opportunities",
            order=130,
            stage=Stage.PROCURE,
            description="The trust's opportunities open to bids, open to everyone.",
            trust_in=TRUST_IN_QUERY,
        ),
    )
    api_router = "jointly.procurement.api.router"
    demo_loader = DemoLoader("jointly.procurement.demo.load", order=110, after=("plans",))
    url_modules = ("jointly.procurement.urls",)

    def ready(self):
        from . import tasks, tasks_award  # noqa: F401  (register the closing and standstill jobs with the scheduler)
