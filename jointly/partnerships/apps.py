from django.apps import AppConfig

from jointly.core.registry import SIGNED_IN, DemoLoader, NavItem, Stage


class PartnershipsConfig(AppConfig):
    name = "jointly.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    navigation = (
        NavItem("Partnerships", "partnerships:region-list", order=40, stage=Stage.BEFORE_BEGINNING, shown_to=SIGNED_IN),
        NavItem("Organisations", "partnerships:organisation-list", order=50, stage=Stage.BEFORE_BEGINNING, shown_to=SIGNED_IN),
    )
    api_router = "jointly.partnerships.api.router"
    demo_loader = DemoLoader("jointly.partnerships.demo.load", order=10)
    url_modules = ("jointly.partnerships.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers scheduled jobs)
