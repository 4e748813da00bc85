from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class ResourcesConfig(AppConfig):
    name = "jointly.resources"
    label = "resources"
    verbose_name = "Resource envelope"

    priority_links = "jointly.resources.home.priority_links"
    cycle_links = (
        CycleLink(
            "Resources: budgets, pooled funds and spend",
            "resources:overview",
            order=30,
            stage=Stage.RESOURCES_AND_PROVIDERS,
            description="What each partner puts in, and what the money is spent on.",
            permission="resources.view",
        ),
    )
    api_router = "jointly.resources.api.router"
    demo_loader = DemoLoader("jointly.resources.demo.load", order=60, after=("partnerships", "needs", "assessment", "providers"))
    url_modules = ("jointly.resources.urls",)

    def ready(self):
        from . import jobs  # noqa: F401  (registers the spend-import job handler)
