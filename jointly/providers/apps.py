from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "jointly.providers"
    label = "providers"
    verbose_name = "Provider directory"
