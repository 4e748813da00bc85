from django.apps import AppConfig

from jointly.core.registry import DemoLoader, NavItem, Stage


class PassportConfig(AppConfig):
    name = "jointly.passport"
    label = "passport"
    verbose_name = "Supplier passport: an organisation's core information and policies, entered once"

    navigation = (
        NavItem("Passport", "passport:home", order=62, stage=Stage.PROCURE, shown_to="passport.edit"),
        NavItem("Passports", "passport:home", order=62, stage=Stage.PROCURE, shown_to="passport.check", unless=("passport.edit",)),
    )
    home_work = "jointly.passport.home.work"
    api_router = "jointly.passport.api.router"
    demo_loader = DemoLoader("jointly.passport.demo.load", order=95, after=("partnerships",))
    url_modules = ("jointly.passport.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers the expiry reminder job with the scheduler)
