from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jointly.audit"
    label = "audit"
    verbose_name = "Audit trail"

    url_modules = ("jointly.audit.urls",)
    # GET /api/v1/history/{object_type}/{object_id}: a record's history, by its disclosure rule.
    api_router = "jointly.audit.api.router"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the model-change receivers)
