"""services.terms and services.documents: a draft's terms, measures, risks, insurance, funding; the document."""

import datetime
from decimal import Decimal

import pytest

from jointly.contracts import config
from jointly.contracts.models import Contract, ContractRisk
from jointly.contracts.services import documents, terms
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition

from ..factories import TrustPartnerFactory
from .clause_seed import seed_clauses
from .factories import ContractFactory

pytestmark = pytest.mark.django_db


def _terms(contract, **changes):
    data = {
        "title": contract.title,
        "starts_on": contract.starts_on,
        "ends_on": contract.ends_on,
        "value": str(contract.value),
        "form": contract.form,
        "payment_basis": contract.payment_basis,
        "payment_terms_days": 30,
        "notice_period_days": 90,
    }
    data.update(changes)
    return terms.contract_terms_edit(contract=contract, by=None, **data)


def test_changing_the_dates_splits_the_years_again(trust):
    contract = ContractFactory(trust=trust)
    _terms(contract, ends_on=datetime.date(2029, 3, 31), value="200000", extension_months="12, 12")
    contract.refresh_from_db()
    assert contract.extension_months == [12, 12]
    values = list(contract.years.values_list("value", flat=True))
    assert len(values) == 2 and sum(values) == Decimal("200000.00")  # by days: 2028 is a leap year


def test_bad_terms_are_refused_with_the_exact_fields(trust):
    contract = ContractFactory(trust=trust)
    with pytest.raises(FieldErrors) as refused:
        _terms(contract, title="", ends_on=datetime.date(2020, 1, 1), value="lots", extension_months="two years", payment_terms_days=60)
    assert set(refused.value.errors) == {"title", "ends_on", "value", "extension_months", "payment_terms_days"}


def test_a_signed_contracts_terms_change_only_by_variation(trust):
    contract = ContractFactory(trust=trust, status=Contract.Status.ACTIVE)
    with pytest.raises(InvalidTransition):
        _terms(contract, title="New")


def test_measures_are_checked_and_serve_a_priority_of_the_trust(trust, other_trust):
    from tests.assessment.factories import PriorityFactory

    contract = ContractFactory(trust=trust)
    mine = PriorityFactory(trust=trust)
    with pytest.raises(FieldErrors) as refused:
        terms.measure_save(contract=contract, by=None, kind="kpi", question="how_much", text="Families", priority=PriorityFactory(trust=other_trust))
    assert set(refused.value.errors) == {"priority"}
    with pytest.raises(FieldErrors) as refused:
        terms.measure_save(contract=contract, by=None, kind="kpi", question="how_well", text="", value_type="percent", target="120")
    assert set(refused.value.errors) == {"text", "target"}
    measure = terms.measure_save(
        contract=contract, by=None, kind="kpi", question="how_well", text="Seen within 10 days", value_type="percent", target="90", priority=mine
    )
    assert measure.target == Decimal("90") and measure.order == 2


def test_a_shared_risk_says_the_providers_share(trust):
    contract = ContractFactory(trust=trust)
    with pytest.raises(FieldErrors) as refused:
        terms.risk_add(contract=contract, by=None, risk="Demand above the cap", bearer=ContractRisk.Bearer.SHARED)
    assert set(refused.value.errors) == {"provider_share"}
    with pytest.raises(FieldErrors) as refused:
        terms.risk_add(contract=contract, by=None, risk="Premises", bearer=ContractRisk.Bearer.BUYER, provider_share="10")
    assert set(refused.value.errors) == {"provider_share"}
    risk = terms.risk_add(contract=contract, by=None, risk="Demand above the cap", bearer="shared", provider_share="25", clawback="None")
    assert risk.provider_share == Decimal("25")


def test_insurance_defaults_are_proportionate_to_the_value(trust):
    small = ContractFactory(trust=trust, value=Decimal("12000"))
    large = ContractFactory(trust=trust, value=Decimal("900000"))
    terms.insurance_apply_defaults(contract=small, by=None)
    terms.insurance_apply_defaults(contract=large, by=None)
    assert dict(small.insurance.values_list("kind", "cover")) == {
        "public_liability": Decimal("1000000.00"),
        "employers_liability": Decimal("5000000.00"),
    }
    assert large.insurance.get(kind="professional_indemnity").cover == Decimal("2000000.00")


def test_dated_configuration_takes_the_entry_in_force(settings):
    settings.JOINTLY_CONTRACT_SHORT_FORM_BELOW = ((datetime.date(2025, 1, 1), Decimal("25000")), (datetime.date(2028, 1, 1), Decimal("40000")))
    assert config.short_form_below(datetime.date(2027, 6, 1)) == Decimal("25000")
    assert config.short_form_below(datetime.date(2028, 6, 1)) == Decimal("40000")
    assert terms.default_form(Decimal("30000"), datetime.date(2028, 6, 1)) == Contract.Form.SHORT
    assert terms.default_form(Decimal("30000"), datetime.date(2027, 6, 1)) == Contract.Form.STANDARD


def test_funding_shares_are_partners_and_add_up_to_100_at_most(trust):
    contract = ContractFactory(trust=trust)
    other = TrustPartnerFactory(trust=trust).organisation
    terms.funding_share_add(contract=contract, by=None, organisation=contract.buyer, share="70", budget="Early help")
    with pytest.raises(FieldErrors) as refused:
        terms.funding_share_add(contract=contract, by=None, organisation=other, share="40")
    assert "add up to 110" in refused.value.errors["share"]


def test_the_document_takes_the_clauses_for_its_form_with_its_terms(trust):
    seed_clauses()
    standard = ContractFactory(trust=trust, notice_period_days=60)
    short = ContractFactory(trust=trust, form=Contract.Form.SHORT, value=Decimal("9000"))
    standard_titles = [section.title for section in documents.sections(standard)]
    short_sections = documents.sections(short)
    assert "Insurance" in standard_titles and "Disagreements" in standard_titles
    assert "Insurance" not in [section.title for section in short_sections]
    ending = next(section for section in documents.sections(standard) if section.title == "Ending the agreement early")
    assert "60 days' notice" in ending.text
    assert documents.contract_pdf(short).startswith(b"%PDF")
