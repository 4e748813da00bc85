from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jointly.api"
    label = "api"
    verbose_name = "API"
