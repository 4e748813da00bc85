from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "jointly.contracts"
    label = "contracts"
    verbose_name = "Contracts: agreements, parties, term and value, variations, invoices and payments"

    def ready(self):
        from . import reminders, tasks  # noqa: F401  (register the end-of-term clock, the reminders job and its sources)
