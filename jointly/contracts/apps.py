from django.apps import AppConfig

from jointly.core.registry import CycleLink, DemoLoader, Stage


class ContractsConfig(AppConfig):
    name = "jointly.contracts"
    label = "contracts"
    verbose_name = "Contracts: agreements, parties, term and value, variations, invoices and payments"

    cycle_links = (
        CycleLink(
            "Contracts",
            "contracts:list",
            order=150,
            stage=Stage.CONTRACT,
            description="Contracts from awards and direct awards: terms, measures, risks, documents, variations and extensions.",
            permission="contracts.view",
        ),
    )
    home_work = "jointly.contracts.home.work"
    api_router = "jointly.contracts.api.router"
    demo_loader = DemoLoader("jointly.contracts.demo.load", order=120, after=("partnerships", "assessment", "procurement"))
    url_modules = ("jointly.contracts.urls",)

    def ready(self):
        from . import ocds, reminders, tasks  # noqa: F401  (the clock, the reminders job and its sources, the OCDS contract stage)
