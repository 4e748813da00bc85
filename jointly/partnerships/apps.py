from django.apps import AppConfig

from jointly.core.registry import TRUST_IN_PATH, DemoLoader, NavItem, Stage


class PartnershipsConfig(AppConfig):
    name = "jointly.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    # The person's own trust: its page leads to every stage of the cycle (regions and organisations are on the home page).
    navigation = (
        NavItem("Partnership", "partnerships:trust-detail", order=15, stage=Stage.BEFORE_BEGINNING, shown_to="trust.view", trust_in=TRUST_IN_PATH),
    )
    home_work = "jointly.partnerships.home.work"
    api_router = "jointly.partnerships.api.router"
    demo_loader = DemoLoader("jointly.partnerships.demo.load", order=10)
    url_modules = ("jointly.partnerships.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers scheduled jobs)
