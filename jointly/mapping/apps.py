from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class MappingConfig(AppConfig):
    name = "jointly.mapping"
    label = "mapping"
    verbose_name = "Mapping services against need: the service map, gaps, overlaps and efficacy"

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
