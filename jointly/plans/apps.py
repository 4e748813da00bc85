from django.apps import AppConfig

from jointly.core.registry import TRUST_IN_PATH, CycleLink, DemoLoader, NavItem, Stage


class PlansConfig(AppConfig):
    name = "jointly.plans"
    label = "plans"
    verbose_name = "Planning the pattern of services: commissioning intentions, the forward plan, make-or-buy decisions"

    # Staff plan; providers look for opportunities (open tenders, with the forward plan's coming ones and a
    # way to grants); the public reads the plans. One entry each, so the navigation stays on one row.
    navigation = (
        NavItem("Plans", "plans:intentions", order=50, stage=Stage.PLAN, shown_to="plans.view", trust_in=TRUST_IN_PATH),
        NavItem("Forward plans", "plans:forward-plans", order=50, stage=Stage.PLAN, unless=("plans.view", "directory.edit")),
        NavItem(
            "Opportunities", "procurement:public-opportunities", order=55, stage=Stage.PROCURE, shown_to="directory.edit", unless=("plans.view",)
        ),
    )
    home_work = "jointly.plans.home.work"
    priority_links = "jointly.plans.home.priority_links"
    cycle_links = (
        CycleLink(
            "Commissioning intentions",
            "plans:intentions",
            order=80,
            stage=Stage.PLAN,
            description="What the trust means to commission, decommission or change, for which priority.",
            permission="plans.view",
        ),
        CycleLink(
            "Make or buy appraisals",
            "plans:appraisals",
            order=90,
            stage=Stage.PLAN,
            description="In-house and external options compared on full cost.",
            permission="plans.view",
        ),
        CycleLink(
            "Published forward plan",
            "plans:forward-plan",
            order=100,
            stage=Stage.PLAN,
            description="The intentions the trust has published, open to everyone.",
        ),
    )
    api_router = "jointly.plans.api.router"
    demo_loader = DemoLoader("jointly.plans.demo.load", order=100, after=("partnerships", "needs", "assessment"))
    url_modules = ("jointly.plans.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers the forward-plan digest with the scheduler)
