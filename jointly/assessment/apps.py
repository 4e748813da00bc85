from django.apps import AppConfig

from jointly.core.registry import TRUST_IN_QUERY, CycleLink, DemoLoader, NavItem, Stage


class AssessmentConfig(AppConfig):
    """The integrated needs assessment: the evidence, report cards, the published assessment and the priorities it sets."""

    name = "jointly.assessment"
    label = "assessment"
    verbose_name = "Needs assessment and priorities"

    navigation = (NavItem("Needs assessment", "assessment:home", order=60, stage=Stage.ASSESS_NEED, shown_to="assessment.view"),)
    cycle_links = (
        CycleLink(
            "Needs assessment, evidence and priorities",
            "assessment:home",
            order=10,
            stage=Stage.ASSESS_NEED,
            description="What the evidence says the area needs, and the priorities the board approved from it.",
            permission="assessment.view",
            trust_in=TRUST_IN_QUERY,
        ),
    )
    api_router = "jointly.assessment.api.router"
    demo_loader = DemoLoader("jointly.assessment.demo.load", order=40, after=("partnerships", "needs", "consultations"))
    url_modules = ("jointly.assessment.urls",)
