from django.apps import AppConfig

from jointly.core.registry import DemoLoader, NavItem, Stage


class ProvidersConfig(AppConfig):
    name = "jointly.providers"
    label = "providers"
    verbose_name = "Provider directory"

    navigation = (NavItem("Directory", "providers:directory", order=30, stage=Stage.RESOURCES_AND_PROVIDERS),)
    home_work = "jointly.providers.home.work"
    api_router = "jointly.providers.api.router"
    demo_loader = DemoLoader("jointly.providers.demo.load", order=50, after=("partnerships", "needs"))
    url_modules = ("jointly.providers.urls",)
