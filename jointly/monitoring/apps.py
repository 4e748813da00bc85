from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class MonitoringConfig(AppConfig):
    name = "jointly.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring: one return for every contract, commissioner review and the providers' ratings"

    cycle_links = (
        CycleLink(
            "Monitoring returns",
            "monitoring:trust-returns",
            order=180,
            stage=Stage.REVIEW,
            description="One return per provider and period for every contract: due, overdue, submitted; review with RAG ratings.",
            permission="returns.review",
        ),
        CycleLink(
            "Standard monitoring return",
            "monitoring:templates",
            order=181,
            stage=Stage.REVIEW,
            description="The return the trust's partners adopt, its versions and who uses it.",
            permission="returns.review",
        ),
        CycleLink(
            "Providers' ratings of the trust",
            "monitoring:ratings",
            order=182,
            stage=Stage.REVIEW,
            description="How providers rate the trust as a commissioner: clarity, payment, partnership working.",
            permission="returns.review",
        ),
    )
    home_work = "jointly.monitoring.home.work"
    api_router = "jointly.monitoring.api.router"
    demo_loader = DemoLoader("jointly.monitoring.demo.load", order=130, after=("contracts",))
    url_modules = ("jointly.monitoring.urls",)

    def ready(self):
        # Disclosure rules; the returns' clock and reminder source; the KPI results' OCDS release part.
        from . import ocds, rules, tasks  # noqa: F401
