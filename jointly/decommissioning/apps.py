from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class DecommissioningConfig(AppConfig):
    name = "jointly.decommissioning"
    label = "decommissioning"
    verbose_name = "Decommissioning: rationale, impact, sign-off, notice and exit plans"

    cycle_links = (
        CycleLink(
            "Decommissioning",
            "decommissioning:list",
            order=195,
            stage=Stage.REVIEW,
            description="Ending a contract early as a managed process: rationale, impact assessment, sign-off, notice and an exit plan for every service user.",
            permission="contracts.view",
        ),
    )
    home_work = "jointly.decommissioning.home.work"
    api_router = "jointly.decommissioning.api.router"
    demo_loader = DemoLoader("jointly.decommissioning.demo.load", order=145, after=("contracts", "reviews"))
    url_modules = ("jointly.decommissioning.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (the notice and exit-plan reminder sources)
