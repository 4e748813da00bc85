from django.apps import AppConfig

from jointly.core.registry import TRUST_IN_QUERY, CycleLink, DemoLoader, Stage


class ProcurementConfig(AppConfig):
    name = "jointly.procurement"
    label = "procurement"
    verbose_name = "Procurement: opportunities, bids, evaluation and award"

    # No entry in the service navigation: it has no room left on one row at 1,280 px (tests/browser/test_journeys.py).
    # Staff reach their tenders from the trust page and their home page; everyone else from the home page.
    # The home page's work: the opportunities' part, which adds the evaluation's (home_evaluation).
    home_work = "jointly.procurement.home.work"
    priority_links = "jointly.procurement.home.priority_links"
    # The bidders' view (views_bidders): a provider's opportunities, passport, bids and ratings; reached
    # from the provider's passport and home page.
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
            order=125,
            stage=Stage.PROCURE,
            description="The trust's opportunities open to bids, open to everyone.",
            trust_in=TRUST_IN_QUERY,
        ),
        CycleLink(
            "Transparency notices",
            "notices:list",
            order=128,
            stage=Stage.PROCURE,
            description="Drafts of the notices the Procurement Act requires for each procurement, their due dates and when they were published.",
            permission="procurement.manage",
        ),
        CycleLink(
            "Bidders' ratings of the process",
            "bidders:trust-ratings",
            order=130,
            stage=Stage.PROCURE,
            description="How organisations that bid rated each procurement's process, for learning.",
            permission="procurement.view",
        ),
    )
    api_router = "jointly.procurement.api.router"
    demo_loader = DemoLoader("jointly.procurement.demo.load", order=110, after=("plans", "passport"))
    url_modules = (
        "jointly.procurement.urls",
        "jointly.procurement.urls_bids",
        "jointly.procurement.urls_evaluation",
        "jointly.procurement.urls_bidders",
        "jointly.procurement.urls_notices",
        "jointly.procurement.urls_ocds",
    )

    # The database refuses changes to the attempts on the seal; `flush` lifts and restores the guard.
    append_only_guards = ("jointly.procurement.migrations.0004_seal_attempts_append_only",)

    def ready(self):
        from . import tasks, tasks_award  # noqa: F401  (register the closing and standstill jobs with the scheduler)
