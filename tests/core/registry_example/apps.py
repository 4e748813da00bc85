from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, NavItem, Stage


class RegistryExampleConfig(AppConfig):
    name = "tests.core.registry_example"
    label = "registry_example"

    navigation = (NavItem("Procurement", "registry_example:home", order=75, stage=Stage.PROCURE, shown_to="plans.view"),)
    cycle_links = (
        CycleLink(
            "Procurement routes",
            "registry_example:trust",
            order=105,
            stage=Stage.PROCURE,
            description="Tenders and grants for this trust.",
            permission="plans.view",
        ),
    )
    api_router = "tests.core.registry_example.api.router"
    demo_loader = DemoLoader("tests.core.registry_example.demo.load", order=900, after=("plans",))
    url_modules = ("tests.core.registry_example.urls",)
