import datetime
from decimal import Decimal

import pytest

from jointly.core.errors import FieldErrors
from jointly.resources.models import Contribution, FundingStream, PooledFund
from jointly.resources.services import (
    budget_create,
    contribution_add,
    funding_stream_create,
    pooled_fund_create,
)


def test_budget_create(trust, council):
    budget = budget_create(trust=trust, organisation=council, year="2026-27", amount="£1,250,000")
    assert budget.amount == Decimal("1250000.00")


def test_a_second_budget_for_the_same_partner_and_year_is_refused(trust, council):
    budget_create(trust=trust, organisation=council, year="2026-27", amount=1)
    with pytest.raises(FieldErrors) as error:
        budget_create(trust=trust, organisation=council, year="2026-27", amount=2)
    assert "already has a budget for 2026-27" in error.value.errors["year"]


def test_a_negative_budget_is_refused(trust, council):
    with pytest.raises(FieldErrors) as error:
        budget_create(trust=trust, organisation=council, year="2026-27", amount=-100)
    assert "£0 or more" in error.value.errors["amount"]


def test_a_budget_of_a_non_partner_is_refused(trust, charity):
    with pytest.raises(FieldErrors) as error:
        budget_create(trust=trust, organisation=charity, year="2026-27", amount=100)
    assert "is not a partner" in error.value.errors["organisation"]


def test_funding_stream_ending_before_it_starts_is_refused(trust, council):
    with pytest.raises(FieldErrors) as error:
        funding_stream_create(
            trust=trust,
            funder=council,
            name="Family hubs",
            amount=100,
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2026, 3, 31),
        )
    assert "after the start date (1 April 2026)" in error.value.errors["ends_on"]
    assert not FundingStream.objects.exists()


def test_funding_stream_create(trust, council):
    stream = funding_stream_create(
        trust=trust,
        funder=council,
        name="Family hubs",
        amount="250000",
        ring_fenced=True,
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2028, 3, 31),
        conditions="Quarterly returns",
    )
    assert stream.ring_fenced and stream.amount == Decimal("250000.00")


def test_a_pooled_fund_needs_its_legal_basis(trust, council):
    with pytest.raises(FieldErrors) as error:
        pooled_fund_create(trust=trust, name="CAMHS", kind=PooledFund.Kind.POOLED, host=council, year="2026-27")
    assert "section 75" in error.value.errors["legal_basis"]


def test_an_aligned_budget_needs_no_legal_basis(trust, council):
    fund = pooled_fund_create(trust=trust, name="Early help", kind=PooledFund.Kind.ALIGNED, host=council, year="2026-27")
    assert fund.legal_basis == ""


def test_the_host_must_be_a_partner(trust, charity):
    with pytest.raises(FieldErrors) as error:
        pooled_fund_create(
            trust=trust,
            name="CAMHS",
            kind=PooledFund.Kind.POOLED,
            host=charity,
            year="2026-27",
            legal_basis=PooledFund.LegalBasis.NHS_ACT_S75,
        )
    assert "the host must be one of the partners" in error.value.errors["host"]


@pytest.fixture
def camhs_fund(trust, icb):
    return pooled_fund_create(
        trust=trust,
        name="Children's mental health",
        kind=PooledFund.Kind.POOLED,
        host=icb,
        year="2026-27",
        legal_basis=PooledFund.LegalBasis.NHS_ACT_S75,
        risk_share="In proportion to contributions",
    )


def test_contribution_by_a_non_partner_is_refused(camhs_fund, charity):
    with pytest.raises(FieldErrors) as error:
        contribution_add(fund=camhs_fund, organisation=charity, amount=1000)
    assert "Harbour Families is not a partner" in error.value.errors["organisation"]
    assert not Contribution.objects.exists()


def test_a_negative_contribution_is_refused(camhs_fund, council):
    with pytest.raises(FieldErrors) as error:
        contribution_add(fund=camhs_fund, organisation=council, amount="-1")
    assert "£0 or more" in error.value.errors["amount"]


def test_a_second_contribution_from_the_same_partner_corrects_the_first(camhs_fund, council):
    contribution_add(fund=camhs_fund, organisation=council, amount=1000)
    contribution_add(fund=camhs_fund, organisation=council, amount=1500)
    contribution_add(fund=camhs_fund, organisation=council, amount=200, in_kind=True)
    assert sorted(camhs_fund.contributions.values_list("amount", "in_kind")) == [(Decimal("200.00"), True), (Decimal("1500.00"), False)]


def test_every_problem_with_a_budget_is_refused_at_once(trust, charity):
    with pytest.raises(FieldErrors) as error:
        budget_create(trust=trust, organisation=charity, year="2026-28", amount="lots")
    assert set(error.value.errors) == {"amount", "year", "organisation"}


def test_every_problem_with_a_funding_stream_or_contribution_is_refused_at_once(trust, council, charity, icb):
    with pytest.raises(FieldErrors) as error:
        funding_stream_create(
            trust=trust, funder=council, name=" ", amount=-1, starts_on=datetime.date(2026, 4, 1), ends_on=datetime.date(2026, 3, 1)
        )
    assert set(error.value.errors) == {"name", "ends_on", "amount"}
    fund = pooled_fund_create(trust=trust, name="Fund", kind=PooledFund.Kind.ALIGNED, host=icb, year="2026-27")
    with pytest.raises(FieldErrors) as error:
        contribution_add(fund=fund, organisation=charity, amount="-5")
    assert set(error.value.errors) == {"amount", "organisation"}
