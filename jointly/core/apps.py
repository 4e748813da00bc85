from django.apps import AppConfig

from jointly.core.registry import NavItem, Stage


class CoreConfig(AppConfig):
    name = "jointly.core"
    label = "core"
    verbose_name = "Shared pieces"

    navigation = (NavItem("Home", "core:home", order=10, stage=Stage.SERVICE),)
    url_modules = ("jointly.core.urls",)

    def ready(self):
        from . import tasks  # noqa: F401  (registers the stopped-jobs sweep with the scheduler)
