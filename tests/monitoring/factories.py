"""A published standard return adopted by buyers, and running contracts it covers, built directly."""

import datetime
from decimal import Decimal

from jointly.contracts.models import Contract, ContractMeasure, Invoice
from jointly.monitoring.models import Adoption, ReturnTemplate, TemplateQuestion, TemplateVersion

from ..contracts.factories import ContractFactory, InvoiceFactory

# A day in the first half of the financial year 2027-28 (the factory contracts start on 1 April 2027).
IN_FIRST_HALF = datetime.date(2027, 6, 15)


def published_template(*, trust=None, region=None, questions=None) -> ReturnTemplate:
    template = ReturnTemplate.objects.create(trust=trust, region=region, name="Standard return")
    version = TemplateVersion.objects.create(
        template=template, number=1, status=TemplateVersion.Status.PUBLISHED, published_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
    )
    for order, (section, text, asks_date) in enumerate(
        questions
        or (
            (TemplateQuestion.Section.NARRATIVE, "What went well?", False),
            (TemplateQuestion.Section.CASE_STUDY, "A case study", True),
        )
    ):
        TemplateQuestion.objects.create(version=version, section=section, text=text, asks_date=asks_date, order=order)
    return template


def adopt(template, *organisations):
    for organisation in organisations:
        Adoption.objects.create(template=template, organisation=organisation, adopted_on=datetime.date(2027, 1, 1))


def running_contract(trust, supplier, *, value="300000", buyer=None, **kwargs) -> Contract:
    extra = {"buyer": buyer} if buyer is not None else {}
    return ContractFactory(trust=trust, supplier=supplier, status=Contract.Status.ACTIVE, value=Decimal(value), **extra, **kwargs)


def add_measure(contract, text, *, value_type=ContractMeasure.ValueType.NUMBER, required=True, order=1):
    return ContractMeasure.objects.create(
        contract=contract, kind=ContractMeasure.Kind.OUTCOME, text=text, value_type=value_type, required=required, order=order, target=50
    )


def paid_invoice(contract, amount: str, paid_on: datetime.date):
    """An invoice for April 2027, received on 1 May and paid on the day given."""
    return InvoiceFactory(
        contract=contract,
        amount=Decimal(amount),
        status=Invoice.Status.PAID,
        received_on=datetime.date(2027, 5, 1),
        paid_on=paid_on,
        period_starts_on=datetime.date(2027, 4, 1),
        period_ends_on=datetime.date(2027, 4, 30),
    )
