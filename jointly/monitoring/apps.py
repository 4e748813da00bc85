from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jointly.monitoring"
    label = "monitoring"
    verbose_name = "Monitoring: one return for every contract, reviews and improvement plans"
