"""selectors: what the contract reviews read (each period's RAG and comment; each measure's values by period), and the
completion sheet's payments in the period and the amount paid it prefills."""

import datetime
from decimal import Decimal

import pytest

from jointly.contracts.models import ContractMeasure
from jointly.monitoring.models import Rag, ReturnLine
from jointly.monitoring.selectors import latest_ratings_for, measure_results
from jointly.monitoring.selectors.returns import sheet_for
from jointly.monitoring.services import returns as services
from jointly.monitoring.services import reviews

from ..contracts.factories import InvoiceFactory
from .conftest import fill
from .factories import IN_FIRST_HALF, paid_invoice

D = datetime.date

pytestmark = pytest.mark.django_db


def test_ratings_and_results_by_period(covered, submitted, provider_org, provider_user, commissioner):
    template, (contract, _other) = covered
    part = submitted.parts.get(contract=contract)
    reviews.part_review(part=part, by=commissioner, rag=Rag.AMBER, comment="Behind plan")
    later = fill(services.return_open(organisation=provider_org, template=template, on=datetime.date(2027, 11, 1)))
    later.lines.filter(question__asks_date=True).update(date_entry="2/11/2027")
    later.lines.filter(part__contract=contract).update(entry="25")
    services.return_submit(monitoring_return=later, by=provider_user)

    (rating,) = latest_ratings_for(contract)
    assert (rating.period_starts_on, rating.rag, rating.comment) == (datetime.date(2027, 4, 1), "amber", "Behind plan")
    assert str(rating) == "1 April 2027 to 30 September 2027: Amber: some concerns (Behind plan)"
    (measure,) = contract.measures.all()
    assert [(row["period_starts_on"], row["number"]) for row in measure_results(contract)[measure]] == [
        (datetime.date(2027, 4, 1), 10),
        (datetime.date(2027, 10, 1), 25),
    ]


def test_the_sheet_shows_the_invoices_paid_in_the_period_and_prefills_only_an_empty_amount_paid(covered, provider_org, provider_user):
    template, (contract, other) = covered
    paid_invoice(contract, "1200.00", D(2027, 5, 20))
    paid_invoice(contract, "800.50", D(2027, 9, 30))
    paid_invoice(contract, "999.00", D(2027, 10, 1))  # the next period's
    InvoiceFactory(contract=contract, amount=Decimal("500.00"), received_on=D(2027, 9, 1))  # received, not paid
    amount = ContractMeasure.objects.create(
        contract=contract, kind=ContractMeasure.Kind.KPI, text="Amount paid to us for the service", unit="£", order=5
    )
    typed = ContractMeasure.objects.create(contract=other, kind=ContractMeasure.Kind.KPI, text="Payments received", unit="£", order=5)
    draft = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    services.return_save(monitoring_return=draft, by=provider_user, answers={f"measure_{typed.pk}": "  42 "})

    sheet = sheet_for(draft)
    views = {view.part.contract: view for view in sheet.parts}
    assert str(views[contract].paid) == "£2,000.50 across 2 invoices"
    assert views[other].paid.count == 0
    prefills = {(view.part.contract, item.line.measure.text): item.prefill for view in sheet.parts for item in view.lines}
    # Only the empty amount-paid answer is prefilled; a typed answer and a count of families are left alone.
    assert prefills == {
        (contract, "Families supported"): "",
        (contract, "Amount paid to us for the service"): "2000.50",
        (other, "Families supported"): "",
        (other, "Payments received"): "",
    }
    # Nothing is written: the draft keeps exactly what was typed until the provider saves.
    assert ReturnLine.objects.get(monitoring_return=draft, measure=amount).entry == ""
    assert ReturnLine.objects.get(monitoring_return=draft, measure=typed).entry == "42"
    # Once submitted, nothing is prefilled any more.
    fill(draft)
    services.return_submit(monitoring_return=draft, by=provider_user)
    assert not [item.prefill for view in sheet_for(draft).parts for item in view.lines if item.prefill]
