from django.apps import AppConfig

from jointly.core.registry import DemoLoader


class ContractsConfig(AppConfig):
    name = "jointly.contracts"
    label = "contracts"
    verbose_name = "Contracts: agreements, parties, term and value, variations, invoices and payments"

    api_router = "jointly.contracts.api_payments.router"
    url_modules = ("jointly.contracts.urls_payments",)
    demo_loader = DemoLoader("jointly.contracts.demo.load", order=120, after=("partnerships", "assessment", "procurement"))

    def ready(self):
        # The end-of-term clock, the reminders job and its sources; invoices' disclosure and the payment reminders.
        from . import reminders, rules_payments, tasks, tasks_payments  # noqa: F401
