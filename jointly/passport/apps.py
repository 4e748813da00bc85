from django.apps import AppConfig

from jointly.core.registry import TRUST_NOT_TAKEN, CycleLink, DemoLoader, Stage


class PassportConfig(AppConfig):
    name = "jointly.passport"
    label = "passport"
    verbose_name = "Supplier passport: an organisation's core information and policies, entered once"

    # Providers reach their passport from their home page (home.work); checkers from the trust page.
    cycle_links = (
        CycleLink(
            "Supplier passports",
            "passport:home",
            order=120,
            stage=Stage.PROCURE,
            description="Organisations' core information, policies, insurance and accounts, entered once; check and score policies.",
            permission="passport.check",
            trust_in=TRUST_NOT_TAKEN,
        ),
    )
    home_work = "jointly.passport.home.work"
    api_router = "jointly.passport.api.router"
    demo_loader = DemoLoader("jointly.passport.demo.load", order=110, after=("partnerships",))
    url_modules = ("jointly.passport.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers the expiry reminder job with the scheduler)
