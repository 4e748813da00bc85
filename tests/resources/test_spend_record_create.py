from decimal import Decimal

import pytest

from jointly.core.errors import FieldErrors
from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import Sector
from jointly.resources.models import Budget, Purpose, SpendKind, SpendRecord, Tier
from jointly.resources.services import (
    budget_create,
    pooled_fund_create,
    spend_record_create,
    spend_record_link_service,
)

from ..factories import TrustFactory


def _spend(trust, partner, provider, **overrides):
    values = dict(
        trust=trust,
        year="2026-27",
        partner=partner,
        provider=provider,
        kind=SpendKind.COMMISSIONED,
        service_name="Family support",
        tier=Tier.TARGETED,
        purpose=Purpose.PREVENTION,
        amount="12500.50",
    )
    values.update(overrides)
    return spend_record_create(**values)


def test_spend_is_stored_with_the_providers_sector_at_the_time(trust, council, charity):
    record = _spend(trust, council, charity)
    assert record.amount == Decimal("12500.50")
    assert record.provider_sector == Sector.VCS
    charity.sector = Sector.SOCIAL_ENTERPRISE
    charity.save()
    record.refresh_from_db()
    assert record.provider_sector == Sector.VCS


def test_in_house_spend_names_the_partner_as_provider(trust, council):
    record = _spend(trust, council, council, kind=SpendKind.IN_HOUSE)
    assert record.provider_sector == Sector.LOCAL_AUTHORITY


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "£0 or more"),
        ("twelve", "in pounds"),
        ("10.005", "nearest penny"),
    ],
)
def test_a_bad_amount_is_refused_with_the_reason(trust, council, charity, amount, message):
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, amount=amount)
    assert message in error.value.errors["amount"]
    assert not SpendRecord.objects.exists()


@pytest.mark.parametrize(("year", "message"), [("2026", "like 2026-27"), ("2026-28", "second year follows the first")])
def test_a_bad_year_is_refused(trust, council, charity, year, message):
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, year=year)
    assert message in error.value.errors["year"]


def test_spend_by_an_organisation_outside_the_partnership_is_refused(trust, charity, care_company):
    with pytest.raises(FieldErrors) as error:
        _spend(trust, care_company, charity)
    assert "is not a partner in" in error.value.errors["partner"]


def test_every_problem_is_reported_at_once(trust, council, charity):
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, amount="-5", tier="", service_name=" ")
    assert set(error.value.errors) == {"amount", "tier", "service_name"}


def test_spend_is_funded_from_at_most_one_source(trust, council, charity):
    budget = budget_create(trust=trust, organisation=council, year="2026-27", amount=1_000_000)
    fund = pooled_fund_create(trust=trust, name="Early help", kind="aligned", host=council, year="2026-27")
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, budget=budget, pooled_fund=fund)
    assert "one source of funding" in error.value.errors["funded_from"]
    assert _spend(trust, council, charity, budget=budget).funded_from == budget


def test_a_budget_of_another_partner_or_trust_is_refused(trust, council, icb, charity):
    icb_budget = budget_create(trust=trust, organisation=icb, year="2026-27", amount=5)
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, budget=icb_budget)
    assert "not Plymouth City Council's" in error.value.errors["funded_from"]
    elsewhere = TrustFactory()
    foreign = Budget.objects.create(trust=elsewhere, organisation=council, year="2026-27", amount=1)
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, budget=foreign)
    assert "of this trust" in error.value.errors["funded_from"]


def test_another_trusts_outcome_area_is_refused(trust, council, charity):
    theirs = OutcomeArea.objects.create(name="Their own", slug="their-own", trust=TrustFactory())
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, outcome_area=theirs)
    assert "this trust's outcome areas" in error.value.errors["outcome_area"]


def test_spend_names_the_directory_service_it_paid_for(trust, council, charity, charity_service):
    record = _spend(trust, council, charity, service=charity_service)
    assert record.service == charity_service
    # The ledger's own name is kept beside the link.
    assert record.service_name == "Family support"
    assert list(charity_service.spend_records.all()) == [record]


def test_a_service_run_by_another_organisation_is_refused_with_both_names(trust, council, charity, care_company_service):
    with pytest.raises(FieldErrors) as error:
        _spend(trust, council, charity, service=care_company_service)
    assert error.value.errors["service"] == "Moorview children's homes is run by Moorview Care Ltd, not by Harbour Families"
    assert not SpendRecord.objects.exists()


def test_spend_already_recorded_is_linked_to_its_service_later(trust, council, charity, charity_service, care_company_service):
    record = _spend(trust, council, charity)
    with pytest.raises(FieldErrors) as error:
        spend_record_link_service(record=record, service=care_company_service)
    assert "is run by Moorview Care Ltd, not by Harbour Families" in error.value.errors["service"]
    record.refresh_from_db()
    assert record.service is None
    spend_record_link_service(record=record, service=charity_service)
    record.refresh_from_db()
    assert record.service == charity_service
