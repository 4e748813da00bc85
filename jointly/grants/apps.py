from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class GrantsConfig(AppConfig):
    name = "jointly.grants"
    label = "grants"
    verbose_name = "Grants: programmes, short applications, panels, decisions and agreements"

    # Open to everyone; the trust's grant officers reach their programmes from the trust page instead.
    # No navigation entry (the row is full): grants are reached from the opportunities page, the home page
    # and, for grant officers, the trust page.
    cycle_links = (
        CycleLink(
            "Grant programmes",
            "grants:manage",
            order=140,
            stage=Stage.PROCURE,
            description="Small grants: programmes, panels (young people's panels too), decisions and the 360Giving data.",
            permission="grants.manage",
        ),
    )
    home_work = "jointly.grants.home.work"
    api_router = "jointly.grants.api.router"
    demo_loader = DemoLoader("jointly.grants.demo.load", order=110, after=("partnerships", "plans"))
    url_modules = ("jointly.grants.urls", "jointly.grants.urls_open_data")

    def ready(self):
        from . import tasks  # noqa: F401  (registers the closing job with the scheduler)
