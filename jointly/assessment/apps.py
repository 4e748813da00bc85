from django.apps import AppConfig

from jointly.core.registry import TRUST_IN_QUERY, CycleLink, DemoLoader, NavItem, Stage


class AssessmentConfig(AppConfig):
    """The integrated needs assessment: the evidence, report cards, the published assessment and the priorities it sets."""

    name = "jointly.assessment"
    label = "assessment"
    verbose_name = "Needs assessment and priorities"

    # Staff open their own trust's assessment (its evidence and priorities are one click on); everyone else the published ones.
    navigation = (
        NavItem("Needs assessment", "assessment:home", order=20, stage=Stage.ASSESS_NEED, shown_to="assessment.view", trust_in=TRUST_IN_QUERY),
        NavItem("Needs assessments", "assessment:published-list", order=20, stage=Stage.ASSESS_NEED, unless=("assessment.view",)),
    )
    home_work = "jointly.assessment.home.work"
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
