from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class PlacementsConfig(AppConfig):
    name = "jointly.placements"
    label = "placements"
    verbose_name = "Individual placements and packages, frameworks and individual budgets"

    # No navigation entry (the row is full): staff reach placements from the trust page and their home
    # page, lead professionals and providers from their home page.
    cycle_links = (
        CycleLink(
            "Individual placements",
            "placements:trust",
            order=160,
            stage=Stage.CONTRACT,
            description="Placements and packages for one child: frameworks shared across the region, offers compared, individual budgets.",
            permission="placements.manage",
        ),
    )
    home_work = "jointly.placements.home.work"
    api_router = "jointly.placements.api.router"
    demo_loader = DemoLoader("jointly.placements.demo.load", order=135, after=("contracts",))
    url_modules = ("jointly.placements.urls",)

    def ready(self):
        from . import rules, tasks  # noqa: F401  (disclosure rules; the retention clock)
