"""The decommissioning demo on the contracts demo: Plymouth's play service decommissioned to completion, its
youth diversion sessions in notice (given by the decommissioning service, the only way), Essex's mediation
consortium waiting for sign-off, its detached youth work completed and its play rangers in notice; so each
region shows a contract in every state. Loaded twice, it adds nothing."""

import pytest

from jointly.contracts import demo as contracts_demo
from jointly.contracts.models import Contract
from jointly.decommissioning import demo
from jointly.decommissioning.models import Decommissioning, ExitPlanEntry, SignOff
from jointly.partnerships import demo as partnerships_demo
from jointly.passport import demo as passport_demo
from jointly.plans import demo as plans_demo
from jointly.procurement import demo as procurement_demo
from tests.conftest import kept_for_the_module

pytestmark = pytest.mark.django_db


def _counts():
    return (Decommissioning.objects.count(), ExitPlanEntry.objects.count(), SignOff.objects.count())


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        for part in (partnerships_demo, passport_demo, plans_demo, procurement_demo, contracts_demo, demo):
            part.load()
        first = _counts()
        demo.load()
        yield {"first": first, "second": _counts()}


def test_the_demo_decommissions_in_each_region_once(loaded):
    assert loaded["second"] == loaded["first"]
    cases = {case.contract.reference: case for case in Decommissioning.objects.select_related("contract")}
    assert {reference: case.status for reference, case in cases.items()} == {
        "PLY-C0005": Decommissioning.Status.COMPLETED,
        "PLY-C0003": Decommissioning.Status.IN_NOTICE,
        "ESX-C0002": Decommissioning.Status.AWAITING_SIGN_OFF,
        "ESX-C0006": Decommissioning.Status.COMPLETED,
        "ESX-C0007": Decommissioning.Status.IN_NOTICE,
    }
    assert cases["PLY-C0005"].contract.status == cases["ESX-C0006"].contract.status == Contract.Status.TERMINATED


def test_a_contract_is_in_notice_after_every_step_and_each_region_shows_every_state(loaded):
    notices = Decommissioning.objects.select_related("contract").filter(status=Decommissioning.Status.IN_NOTICE)
    assert sorted(notice.contract.reference for notice in notices) == ["ESX-C0007", "PLY-C0003"]
    for notice in notices:
        assert notice.contract.status == Contract.Status.IN_NOTICE
        assert set(notice.sign_offs.values_list("kind", flat=True)) == set(SignOff.Kind.values)
        assert (notice.ends_on - notice.notice_given_on).days >= notice.contract.notice_period_days
        assert notice.exit_plan.count() == notice.users_affected
    plymouth = notices.get(contract__reference="PLY-C0003")
    assert sorted(plymouth.exit_plan.values_list("status", flat=True)).count(ExitPlanEntry.Status.TRANSFERRED) == 2
    for trust in ("plymouth", "essex"):
        assert set(Contract.objects.filter(trust__slug=trust).values_list("status", flat=True)) == set(Contract.Status.values), trust
