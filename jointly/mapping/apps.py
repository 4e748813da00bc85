from django.apps import AppConfig

from jointly.core.registry import TRUST_IN_PATH, CycleLink, DemoLoader, NavItem, Stage


class MappingConfig(AppConfig):
    name = "jointly.mapping"
    label = "mapping"
    verbose_name = "Mapping services against need: the service map, gaps, overlaps and efficacy"

    navigation = (NavItem("Service map", "mapping:map", order=40, stage=Stage.MAP_AND_MARKET, shown_to="map.view", trust_in=TRUST_IN_PATH),)
    priority_links = "jointly.mapping.home.priority_links"
    cycle_links = (
        CycleLink(
            "Service map: provision against need, gaps, overlaps and what works",
            "mapping:map",
            order=40,
            stage=Stage.MAP_AND_MARKET,
            description="Which services meet each priority, where, and where nothing does.",
            permission="map.view",
        ),
    )
    api_router = "jointly.mapping.api.router"
    demo_loader = DemoLoader("jointly.mapping.demo.load", order=70, after=("partnerships", "assessment", "providers", "resources"))
    url_modules = ("jointly.mapping.urls",)
