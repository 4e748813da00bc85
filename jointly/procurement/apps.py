from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "jointly.procurement"
    label = "procurement"
    verbose_name = "Procurement: opportunities, bids, evaluation and award"
