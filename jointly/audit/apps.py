from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jointly.audit"
    label = "audit"
    verbose_name = "Audit trail"

    url_modules = ("jointly.audit.urls",)

    def ready(self):
        from . import receivers  # noqa: F401  (connects the model-change receivers)
