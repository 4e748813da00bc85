"""Make-or-buy appraisals: options costed the same way, then a decision recorded as a transition."""

from decimal import Decimal as D

import pytest

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.plans import selectors, services
from jointly.plans.models import MakeOrBuyAppraisal

from .conftest import make_intention

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraisal(trust, commissioner):
    return services.appraisal_create(trust=trust, by=commissioner, service_name="Family support", unit_name="family supported for a year")


def _in_house(appraisal):
    return services.option_add(
        appraisal=appraisal,
        name="Council team",
        kind="in_house",
        units_per_year="50",
        direct_costs="100000",
        overheads={"premises": ("50000", "20", "4"), "governance": ("12000", "1200000", "100000")},
    )


def test_options_are_compared_by_full_cost_per_unit(appraisal):
    _in_house(appraisal)
    services.option_add(appraisal=appraisal, name="VCS bid", kind="external", units_per_year="60", quoted_full_cost="120000")
    rows = {option.name: cost for option, cost in selectors.appraisal_comparison(appraisal)}
    # In-house: 100,000 + 10,000 (premises 4/20) + 1,000 (governance 1/12) = 111,000 for 50 → 2,220.00.
    assert (rows["Council team"].total, rows["Council team"].per_unit) == (D("111000.00"), D("2220.00"))
    assert rows["VCS bid"].per_unit == D("2000.00")


def test_option_rules(appraisal):
    with pytest.raises(FieldErrors) as error:
        services.option_add(appraisal=appraisal, name="", kind="in_house", units_per_year="0", quoted_full_cost="5")
    assert set(error.value.errors) == {"name", "units_per_year", "quoted_full_cost"}
    with pytest.raises(FieldErrors, match="either a quoted full cost"):
        services.option_add(appraisal=appraisal, name="Bid", kind="external", units_per_year="1", quoted_full_cost="5", direct_costs="5")
    with pytest.raises(FieldErrors, match="Enter the direct costs"):
        services.option_add(appraisal=appraisal, name="Bid", kind="external", units_per_year="1")
    with pytest.raises(FieldErrors) as error:
        services.option_add(
            appraisal=appraisal, name="Bid", kind="external", units_per_year="1", direct_costs="5", overheads={"central": ("100", "0", "0")}
        )
    assert "staff time" in error.value.errors["central"]
    assert not appraisal.options.exists()


def test_deciding_needs_both_sides_costed_reasons_and_is_a_recorded_transition(appraisal, commissioner):
    _in_house(appraisal)
    with pytest.raises(FieldErrors, match="at least one external option"):
        services.appraisal_decide(appraisal=appraisal, by=commissioner, decision="in_house", reasons="Cheaper")
    services.option_add(appraisal=appraisal, name="VCS bid", kind="external", units_per_year="50", quoted_full_cost="100000")
    with pytest.raises(FieldErrors, match="Enter the reasons"):
        services.appraisal_decide(appraisal=appraisal, by=commissioner, decision="mixed", reasons="")
    decided = services.appraisal_decide(appraisal=appraisal, by=commissioner, decision="mixed", reasons="Split the service by tier")
    assert (decided.status, decided.decision, decided.decided_by, decided.reasons) == ("decided", "mixed", commissioner, "Split the service by tier")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION).latest("pk")
    assert entry.reason == "Split the service by tier"
    with pytest.raises(InvalidTransition):
        services.appraisal_decide(appraisal=decided, by=commissioner, decision="in_house", reasons="Again")
    with pytest.raises(InvalidTransition, match="is decided, so it can no longer be changed"):
        services.option_add(appraisal=decided, name="Late", kind="external", units_per_year="1", quoted_full_cost="1")


def test_an_appraisal_belongs_to_its_trusts_intentions_only(trust, other_trust, commissioner, other_commissioner):
    theirs = make_intention(other_trust, other_commissioner)
    with pytest.raises(FieldErrors, match="this trust's commissioning intentions"):
        services.appraisal_create(trust=trust, by=commissioner, service_name="X", unit_name="y", intention=theirs)
    assert not MakeOrBuyAppraisal.objects.exists()
