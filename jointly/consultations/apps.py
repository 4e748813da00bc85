from django.apps import AppConfig

from jointly.core.registry import TRUST_NOT_TAKEN, CycleLink, DemoLoader, NavItem, Stage


class ConsultationsConfig(AppConfig):
    name = "jointly.consultations"
    label = "consultations"
    verbose_name = "Consultations"

    # Those who run or read consultations see the staff list; everyone else the ones open to answer now.
    navigation = (
        NavItem("Consultations", "consultations:list", order=25, stage=Stage.ASSESS_NEED, shown_to="consultation.view_results"),
        NavItem("Consultations", "consultations:index", order=25, stage=Stage.ASSESS_NEED, unless=("consultation.view_results",)),
    )
    home_work = "jointly.consultations.home.work"
    cycle_links = (
        CycleLink(
            "Consultations and what people told us",
            "consultations:list",
            order=20,
            stage=Stage.ASSESS_NEED,
            description="Consultations with children, young people and families, and what changed because of them.",
            permission="consultation.view_results",
            trust_in=TRUST_NOT_TAKEN,
        ),
    )
    api_router = "jointly.consultations.api.router"
    demo_loader = DemoLoader("jointly.consultations.demo.load", order=30, after=("partnerships",))
    url_modules = ("jointly.consultations.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers scheduled jobs)
