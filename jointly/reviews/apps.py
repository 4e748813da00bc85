from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class ReviewsConfig(AppConfig):
    name = "jointly.reviews"
    label = "reviews"
    verbose_name = "Reviews: contracts reviewed against outcomes and need, improvement plans, what next"

    cycle_links = (
        CycleLink(
            "Contract reviews and improvement plans",
            "reviews:list",
            order=190,
            stage=Stage.REVIEW,
            description="Each running contract reviewed against its outcomes and the current need, with children and families consulted; improvement plans agreed with providers.",
            permission="contracts.view",
        ),
    )
    home_work = "jointly.reviews.home.work"
    priority_links = "jointly.reviews.home.priority_links"
    api_router = "jointly.reviews.api.router"
    demo_loader = DemoLoader("jointly.reviews.demo.load", order=140, after=("contracts",))
    url_modules = ("jointly.reviews.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (the review planner and the reminder sources)
