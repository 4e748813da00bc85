from django.apps import AppConfig

from jointly.core.registry import DemoLoader


class NeedsConfig(AppConfig):
    name = "jointly.needs"
    label = "needs"
    verbose_name = "Needs assessment"

    api_router = "jointly.needs.api.router"
    demo_loader = DemoLoader("jointly.needs.demo.load", order=20, after=("partnerships",))
    url_modules = ("jointly.needs.urls", "jointly.needs.urls_profile")

    def ready(self):
        from . import jobs  # noqa: F401  (registers the import job handler)
