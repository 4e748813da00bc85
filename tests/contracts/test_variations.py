"""services.variations: the change test, approval by the right person, applied only when approved; extensions."""

import datetime
from decimal import Decimal

import pytest

from jointly.contracts.models import Contract, Extension, Variation
from jointly.contracts.services import variations as services
from jointly.core.errors import FieldErrors

from .factories import ContractFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 10, 1)


@pytest.fixture
def running(trust):
    # £300,000 over three years from 1 April 2027, not light touch (a direct award with no intention).
    return ContractFactory(trust=trust, status=Contract.Status.ACTIVE, extension_months=[12, 12])


def _propose(contract, by, **kwargs):
    kwargs.setdefault("reason", "More families referred than planned.")
    kwargs.setdefault("applies_from", datetime.date(2028, 4, 1))
    return services.variation_propose(contract=contract, by=by, today=TODAY, **kwargs)


def test_a_small_change_needs_no_notice_and_changes_nothing_until_approved(running, commissioner):
    variation = _propose(running, commissioner, value_change="30000")

    assert variation.status == Variation.Status.PROPOSED
    assert not variation.change_notice_needed and not variation.senior_approval_needed
    assert "10.0%" in variation.test_note
    running.refresh_from_db()
    assert running.value == Decimal("300000.00")


def test_approving_applies_the_value_to_the_years_from_when_it_applies(running, commissioner):
    variation = _propose(running, commissioner, value_change="30000")

    services.variation_decide(variation=variation, by=commissioner, approve=True, today=TODAY)

    running.refresh_from_db()
    assert running.value == Decimal("330000.00")
    years = list(running.years.values_list("value", flat=True))
    assert years[0] == Decimal("100000.00")  # year 1 ends before the change applies
    assert sum(years) == Decimal("330000.00")
    variation.refresh_from_db()
    assert variation.status == Variation.Status.APPROVED and variation.value_before == Decimal("300000.00")


def test_more_than_ten_percent_needs_a_notice_and_a_senior_approver(running, commissioner, board_member):
    variation = _propose(running, commissioner, value_change="45000")
    assert variation.change_notice_needed and variation.senior_approval_needed

    with pytest.raises(FieldErrors) as refused:
        services.variation_decide(variation=variation, by=commissioner, approve=True, today=TODAY)
    assert "senior approver" in refused.value.errors["__all__"]

    services.variation_decide(variation=variation, by=board_member, approve=True, today=TODAY)
    running.refresh_from_db()
    assert running.value == Decimal("345000.00")


def test_a_light_touch_service_needs_no_change_notice(running, commissioner):
    from tests.procurement.factories import IntentionFactory

    Contract.objects.filter(pk=running.pk).update(intention=IntentionFactory(trust=running.trust, light_touch=True))
    running.refresh_from_db()
    variation = _propose(running, commissioner, value_change="45000")
    assert not variation.change_notice_needed and "light-touch" in variation.test_note


def test_changes_beyond_the_rules_are_refused_with_the_fields(running, commissioner):
    with pytest.raises(FieldErrors) as refused:
        _propose(running, commissioner, value_change="160000", changes_nature=True, new_ends_on=datetime.date(2031, 3, 31))
    assert set(refused.value.errors) == {"changes_nature", "value_change", "new_ends_on"}
    assert "more than 50%" in refused.value.errors["value_change"]
    assert "extension options" in refused.value.errors["new_ends_on"]
    assert not running.variations.exists()


def test_bad_input_is_refused_with_the_exact_fields(running, commissioner):
    with pytest.raises(FieldErrors) as refused:
        _propose(running, commissioner, reason="", value_change="lots", applies_from=datetime.date(2035, 1, 1))
    assert set(refused.value.errors) == {"reason", "value_change", "applies_from"}


def test_a_draft_is_not_varied(trust, commissioner):
    draft = ContractFactory(trust=trust)
    with pytest.raises(FieldErrors) as refused:
        _propose(draft, commissioner, value_change="100")
    assert "Only a signed, running contract" in refused.value.errors["__all__"]


def test_a_term_change_within_ten_percent_adds_a_year(running, commissioner):
    variation = _propose(running, commissioner, value_change="0", new_ends_on=datetime.date(2030, 6, 30))
    services.variation_decide(variation=variation, by=commissioner, approve=True, today=TODAY)
    running.refresh_from_db()
    assert running.ends_on == datetime.date(2030, 6, 30)
    last = running.years.order_by("number").last()
    assert (last.number, last.starts_on, last.ends_on) == (4, datetime.date(2030, 4, 1), datetime.date(2030, 6, 30))
    assert sum(running.years.values_list("value", flat=True)) == running.value


def test_refusing_needs_a_reason_and_changes_nothing(running, commissioner):
    variation = _propose(running, commissioner, value_change="1000")
    with pytest.raises(FieldErrors) as refused:
        services.variation_decide(variation=variation, by=commissioner, approve=False, note="")
    assert set(refused.value.errors) == {"note"}
    services.variation_decide(variation=variation, by=commissioner, approve=False, note="Not needed after all.")
    variation.refresh_from_db()
    running.refresh_from_db()
    assert variation.status == Variation.Status.REFUSED and running.value == Decimal("300000.00")


def test_a_provider_cannot_decide(running, commissioner, provider_user):
    variation = _propose(running, commissioner, value_change="1000")
    assert services.approval_refusal(variation, provider_user)


def test_an_extension_takes_the_next_option_and_adds_its_year(running, commissioner, board_member):
    extension = services.extension_propose(contract=running, by=commissioner, value="110000", evidence="Returns green for two years; need rising.")
    assert (extension.option, extension.months) == (1, 12)

    with pytest.raises(FieldErrors):
        services.extension_decide(extension=extension, by=commissioner, approve=True)
    services.extension_decide(extension=extension, by=board_member, approve=True, today=TODAY)

    running.refresh_from_db()
    assert running.ends_on == datetime.date(2031, 3, 31)
    assert running.value == Decimal("410000.00")
    added = running.years.get(number=4)
    assert added.extension and added.value == Decimal("110000.00")
    assert services.next_extension_option(running) == (2, 12)
    assert Extension.objects.get(pk=extension.pk).ends_on_before == datetime.date(2030, 3, 31)


def test_no_extension_without_an_option_or_evidence(trust, commissioner):
    contract = ContractFactory(trust=trust, status=Contract.Status.ACTIVE)
    with pytest.raises(FieldErrors) as refused:
        services.extension_propose(contract=contract, by=commissioner, value="", evidence="")
    assert set(refused.value.errors) == {"__all__", "evidence", "value"}
    assert "no extension option left" in refused.value.errors["__all__"]
