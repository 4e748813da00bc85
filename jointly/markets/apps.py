from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class MarketsConfig(AppConfig):
    name = "jointly.markets"
    label = "markets"
    verbose_name = "Market analysis: providers by sector and size, concentration, entries, exits and dependencies"

    priority_links = "jointly.markets.home.priority_links"
    cycle_links = (
        CycleLink(
            "Market analysis: providers, concentration, entries, exits and dependencies",
            "markets:overview",
            order=50,
            stage=Stage.MAP_AND_MARKET,
            description="How many providers serve each need, and where one provider holds most of the money.",
            permission="market.view",
        ),
    )
    api_router = "jointly.markets.api.router"
    demo_loader = DemoLoader("jointly.markets.demo.load", order=80, after=("providers", "resources"))
    url_modules = ("jointly.markets.urls",)
