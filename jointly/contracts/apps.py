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
        CycleLink(
            "Invoices and payments",
            "payments:queue",
            order=152,
            stage=Stage.CONTRACT,
            description="Invoices received, approved, disputed and paid, with their dates; advance payments due.",
            permission="payments.manage",
        ),
        CycleLink(
            "Payment statistics",
            "payments:statistics",
            order=154,
            stage=Stage.CONTRACT,
            description="How quickly the trust's partners pay: average days, shares paid within 30, 31–60 and 61+ days, unpaid; the half-yearly figures.",
            # Staff who read performance (providers hold contracts.view for their own contracts only).
            permission="returns.review",
        ),
    )
    home_work = "jointly.contracts.home.work"
    api_router = "jointly.contracts.api.router"
    demo_loader = DemoLoader("jointly.contracts.demo.load", order=120, after=("partnerships", "assessment", "procurement"))
    url_modules = ("jointly.contracts.urls", "jointly.contracts.urls_payments")

    def ready(self):
        # The clock, the reminders job and its sources, the OCDS contract stage; invoices' disclosure, the payment reminders.
        from . import ocds, reminders, rules_payments, tasks, tasks_payments  # noqa: F401
