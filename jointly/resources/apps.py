from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "jointly.resources"
    label = "resources"
    verbose_name = "Resource envelope"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the spend-import job handler)
