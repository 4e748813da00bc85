from django.apps import AppConfig


class DecommissioningConfig(AppConfig):
    name = "jointly.decommissioning"
    label = "decommissioning"
    verbose_name = "Decommissioning: rationale, impact, sign-off, notice and exit plans"
