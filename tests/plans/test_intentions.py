"""Intentions: date order, value bands from the thresholds in force, transitions, same-trust priorities, versions."""

import datetime
from decimal import Decimal as D

import pytest

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.plans import services
from jointly.plans.models import CommissioningIntention, PlanChange, ProcurementThreshold, ThresholdKind, ValueBand

from .conftest import make_intention

pytestmark = pytest.mark.django_db
Status = CommissioningIntention.Status


def test_the_thresholds_are_seeded_as_dated_configuration_data():
    rows = {t.kind: (t.amount, t.effective_from) for t in ProcurementThreshold.objects.filter(effective_from__year__gte=2025)}
    assert rows[ThresholdKind.LIGHT_TOUCH] == (D("663540.00"), datetime.date(2026, 1, 1))
    assert rows[ThresholdKind.OTHER_SERVICES] == (D("207720.00"), datetime.date(2026, 1, 1))
    assert rows[ThresholdKind.PUBLICATION][0] == D("30000.00")


@pytest.mark.parametrize(
    ("total", "light_touch", "band"),
    [
        ("29999.99", True, ValueBand.UNDER_PUBLICATION),
        ("30000", True, ValueBand.BELOW_THRESHOLD),
        ("663539.99", True, ValueBand.BELOW_THRESHOLD),
        ("663540", True, ValueBand.ABOVE_THRESHOLD),
        ("207720", False, ValueBand.ABOVE_THRESHOLD),
        ("207719.99", False, ValueBand.BELOW_THRESHOLD),
    ],
)
def test_value_band_at_the_edges(total, light_touch, band):
    assert services.value_band(total_value=D(total), light_touch=light_touch, on=datetime.date(2027, 3, 1)) == band


def test_value_band_uses_the_threshold_in_force_when_the_procurement_starts(trust):
    ProcurementThreshold.objects.create(kind=ThresholdKind.LIGHT_TOUCH, amount=D("700000"), effective_from=datetime.date(2028, 1, 1))
    in_2027 = make_intention(trust, total_value=D("680000"), estimated_annual_value=D("170000"))
    assert in_2027.value_band == ValueBand.ABOVE_THRESHOLD
    in_2028 = make_intention(
        trust,
        total_value=D("680000"),
        estimated_annual_value=D("170000"),
        engagement_starts_on=datetime.date(2027, 11, 1),
        tender_opens_on=datetime.date(2028, 2, 1),
        award_on=datetime.date(2028, 5, 1),
        service_starts_on=datetime.date(2028, 10, 1),
        current_contract_ends_on=None,
    )
    assert in_2028.value_band == ValueBand.BELOW_THRESHOLD
    # Changing the dates back into 2027 moves it back above the threshold.
    moved = services.intention_update(intention=in_2028, by=None, tender_opens_on=datetime.date(2027, 12, 1))
    assert moved.value_band == ValueBand.ABOVE_THRESHOLD


def test_no_threshold_in_force_is_an_error_not_a_guess(trust):
    with pytest.raises(FieldErrors) as error:
        make_intention(trust, engagement_starts_on=datetime.date(2025, 6, 1), tender_opens_on=datetime.date(2025, 9, 1))
    assert "No procurement threshold is recorded for 1 September 2025" in error.value.errors["total_value"]


def test_dates_out_of_order_are_refused_with_each_reason(trust):
    with pytest.raises(FieldErrors) as error:
        make_intention(trust, tender_opens_on=datetime.date(2026, 12, 1), service_starts_on=datetime.date(2027, 5, 1), current_contract_ends_on=None)
    assert error.value.errors == {
        "tender_opens_on": "The date the tender opens must be on or after the date engagement starts",
        "service_starts_on": "The date the service starts must be on or after the date the contract is awarded",
    }
    assert not CommissioningIntention.objects.exists()


def test_the_new_service_starts_after_the_current_contract_ends(trust):
    with pytest.raises(FieldErrors) as error:
        make_intention(trust, current_contract_ends_on=datetime.date(2027, 10, 1))
    assert error.value.errors == {"service_starts_on": "The new service must start after the current contract ends"}


def test_bad_values_are_refused(trust):
    with pytest.raises(FieldErrors) as error:
        make_intention(trust, estimated_annual_value="-5", total_value="lots")
    assert error.value.errors == {
        "estimated_annual_value": "Enter the estimated annual value as £0 or more",
        "total_value": "Enter the estimated total value in pounds, like 125000",
    }
    with pytest.raises(FieldErrors, match="cannot be less than one year"):
        make_intention(trust, estimated_annual_value="100", total_value="99")


def test_priorities_must_be_the_trusts_own(trust, priority, other_priority):
    with pytest.raises(FieldErrors, match="another trust's priority"):
        make_intention(trust, priorities=[priority, other_priority])
    intention = make_intention(trust, priorities=[priority])
    assert list(intention.priorities.all()) == [priority]
    assert list(priority.intentions.all()) == [intention]  # the golden thread: priority → intention


def test_publish_records_the_transition_and_the_plan_change(draft, commissioner):
    published = services.intention_publish(intention=draft, by=commissioner)
    assert published.status == Status.PUBLISHED and published.published_on is not None
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION).latest("pk")
    assert entry.reason == "Published in the forward plan"
    assert list(PlanChange.objects.values_list("kind", "version")) == [("published", 1)]
    with pytest.raises(InvalidTransition):
        services.intention_publish(intention=published, by=commissioner)


def test_publishing_with_an_engagement_date_before_publication_is_refused(trust, commissioner):
    intention = make_intention(trust)
    intention.published_on = datetime.date(2027, 2, 1)  # after engagement starts on 10 January 2027
    intention.save()
    with pytest.raises(FieldErrors, match="change the dates before publishing"):
        services.intention_publish(intention=intention, by=commissioner)
    intention.refresh_from_db()
    assert intention.status == Status.DRAFT


def test_a_significant_change_to_a_published_intention_is_a_new_version(published, commissioner, priority):
    same = services.intention_update(intention=published, by=commissioner, description="Clearer words")
    assert same.version == 1
    changed = services.intention_update(intention=published, by=commissioner, total_value=D("800000"), tender_opens_on=datetime.date(2027, 4, 1))
    assert changed.version == 2
    change = PlanChange.objects.latest("pk")
    assert (change.kind, change.version) == ("changed", 2)
    assert "estimated total value" in change.summary and "tender opens" in change.summary
    services.intention_update(intention=changed, by=commissioner, priorities=[])
    assert CommissioningIntention.objects.get(pk=published.pk).version == 3


def test_a_draft_changes_without_new_versions(draft, commissioner):
    services.intention_update(intention=draft, by=commissioner, title="Renamed")
    assert draft.version == 1 and not PlanChange.objects.exists()


def test_withdrawal_needs_a_reason_and_ends_changes(published, commissioner):
    with pytest.raises(FieldErrors, match="Enter why"):
        services.intention_withdraw(intention=published, by=commissioner, reason=" ")
    withdrawn = services.intention_withdraw(intention=published, by=commissioner, reason="Funding ended")
    assert (withdrawn.status, withdrawn.withdrawn_reason) == (Status.WITHDRAWN, "Funding ended")
    assert PlanChange.objects.latest("pk").kind == "withdrawn"
    with pytest.raises(InvalidTransition, match="is withdrawn, so it can no longer be changed"):
        services.intention_update(intention=withdrawn, by=commissioner, title="Back")
    with pytest.raises(InvalidTransition):
        services.intention_withdraw(intention=withdrawn, by=commissioner, reason="Again")
