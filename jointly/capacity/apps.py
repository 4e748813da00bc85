from django.apps import AppConfig

from jointly.core.registry import SIGNED_IN, SIGNED_OUT, TRUST_IN_QUERY, CycleLink, DemoLoader, NavItem, Stage


class CapacityConfig(AppConfig):
    name = "jointly.capacity"
    label = "capacity"
    verbose_name = "Market development: support needs, capacity-building offers and events, finding partners"

    # Offers and events are open to everyone; signed in, the start page adds support needs and partners.
    navigation = (
        NavItem("Support", "capacity:home", order=45, stage=Stage.MAP_AND_MARKET, shown_to=SIGNED_IN),
        NavItem("Support offers", "capacity:offers", order=45, stage=Stage.MAP_AND_MARKET, shown_to=SIGNED_OUT),
    )
    home_work = "jointly.capacity.home.work"
    cycle_links = (
        CycleLink(
            "Support needs of partner organisations",
            "capacity:support-summary",
            order=60,
            stage=Stage.MAP_AND_MARKET,
            description="The help partner organisations say they need to deliver and to bid.",
            permission="support_needs.view",
        ),
        CycleLink(
            "Capacity building: offers and events",
            "capacity:manage",
            order=70,
            stage=Stage.MAP_AND_MARKET,
            description="Training, mentoring and events the trust runs to meet those needs.",
            permission="capacity.manage",
        ),
        CycleLink(
            "Training, mentoring and events for organisations",
            "capacity:offers",
            order=110,
            stage=Stage.MAP_AND_MARKET,
            description="What organisations can book, with or without an account.",
            trust_in=TRUST_IN_QUERY,
        ),
    )
    api_router = "jointly.capacity.api.router"
    demo_loader = DemoLoader("jointly.capacity.demo.load", order=90, after=("partnerships",))
    url_modules = ("jointly.capacity.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers the booking deadline and erasure jobs with the scheduler)
