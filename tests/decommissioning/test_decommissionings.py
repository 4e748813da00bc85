"""decommissioning.services: every gate refused with its reason; notice and early termination only after them."""

import datetime
from decimal import Decimal

import pytest

from jointly.contracts.models import Contract
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.decommissioning.models import Decommissioning, ExitPlanEntry, SignOff
from jointly.decommissioning.services import decommissionings as services
from jointly.reviews.models import ImprovementPlan

from ..reviews.factories import PlanFactory
from .factories import prepared, running_contract, signed_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(trust, provider_org):
    return running_contract(trust, provider_org, ends_on=datetime.date(2030, 3, 31))


def test_only_a_running_contract_is_decommissioned_and_once_at_a_time(trust, commissioner, contract):
    from ..contracts.factories import ContractFactory

    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_start(contract=ContractFactory(trust=trust), by=commissioner, reason="need_changed")
    assert "only a signed, running contract" in refused.value.errors[NON_FIELD]

    services.decommissioning_start(contract=contract, by=commissioner, reason="need_changed")
    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_start(contract=contract, by=commissioner, reason="need_changed")
    assert "already being decommissioned" in refused.value.errors[NON_FIELD]


def test_sending_for_sign_off_lists_every_missing_step(commissioner, contract):
    case = services.decommissioning_start(contract=contract, by=commissioner, reason="need_changed")

    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_submit(decommissioning=case, by=commissioner)

    assert set(refused.value.errors) == {"rationale", "evidence", "users_affected", "equality_impact", "risks", "provider_impact", "tupe_applies"}
    assert "voluntary or community organisation" in refused.value.errors["provider_impact"]


def test_an_exit_plan_is_needed_for_every_service_user(commissioner, contract):
    case = prepared(contract, commissioner, users=2)
    services.decommissioning_update(decommissioning=case, by=commissioner, users_affected=3)

    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_submit(decommissioning=case, by=commissioner)

    assert refused.value.errors == {"exit_plan": "The exit plan covers 2 of the 3 service users: add a transition for every one"}


def test_staff_transfer_needs_its_arrangements(commissioner, contract):
    case = prepared(contract, commissioner)
    services.decommissioning_update(decommissioning=case, by=commissioner, tupe_applies=True)
    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_submit(decommissioning=case, by=commissioner)
    assert set(refused.value.errors) == {"tupe_note"}


def test_poor_performance_needs_an_improvement_plan_tried_or_a_reason(commissioner, contract):
    case = prepared(contract, commissioner, reason=Decommissioning.Reason.POOR_PERFORMANCE)
    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_submit(decommissioning=case, by=commissioner)
    assert "needs an improvement plan tried with the provider first" in refused.value.errors["improvement_plan"]

    plan = PlanFactory(contract=contract, status=ImprovementPlan.Status.AGREED)
    services.decommissioning_update(decommissioning=case, by=commissioner, improvement_plan=plan)
    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_submit(decommissioning=case, by=commissioner)
    assert "still in progress" in refused.value.errors["improvement_plan"]

    ImprovementPlan.objects.filter(pk=plan.pk).update(status=ImprovementPlan.Status.FAILED)
    assert services.decommissioning_submit(decommissioning=case, by=commissioner).status == Decommissioning.Status.AWAITING_SIGN_OFF


def test_a_recorded_reason_stands_in_for_the_plan(commissioner, contract):
    case = prepared(contract, commissioner, reason=Decommissioning.Reason.POOR_PERFORMANCE)
    services.decommissioning_update(decommissioning=case, by=commissioner, no_improvement_plan_reason="A safeguarding concern that could not wait.")
    assert services.decommissioning_submit(decommissioning=case, by=commissioner).status == Decommissioning.Status.AWAITING_SIGN_OFF


def test_another_contracts_plan_is_refused(commissioner, contract, trust):
    case = prepared(contract, commissioner)
    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_update(decommissioning=case, by=commissioner, improvement_plan=PlanFactory(contract=running_contract(trust)))
    assert set(refused.value.errors) == {"improvement_plan"}


def test_sign_off_is_by_two_approvers_neither_the_proposer(commissioner, board_member, second_board_member, contract):
    case = prepared(contract, commissioner)
    with pytest.raises(InvalidTransition, match="once the decommissioning has been sent"):
        services.decommissioning_sign_off(decommissioning=case, by=board_member, kind=SignOff.Kind.SENIOR)
    services.decommissioning_submit(decommissioning=case, by=commissioner)

    with pytest.raises(InvalidTransition, match="Only a senior officer or board member"):
        services.decommissioning_sign_off(decommissioning=case, by=commissioner, kind=SignOff.Kind.SENIOR)
    Decommissioning.objects.filter(pk=case.pk).update(proposed_by=board_member)
    with pytest.raises(InvalidTransition, match="proposed the decommissioning cannot sign it off"):
        services.decommissioning_sign_off(decommissioning=case, by=board_member, kind=SignOff.Kind.SENIOR)
    Decommissioning.objects.filter(pk=case.pk).update(proposed_by=commissioner)

    after_one = services.decommissioning_sign_off(decommissioning=case, by=board_member, kind=SignOff.Kind.SENIOR)
    assert after_one.status == Decommissioning.Status.AWAITING_SIGN_OFF
    with pytest.raises(InvalidTransition, match="must be by someone else"):
        services.decommissioning_sign_off(decommissioning=case, by=board_member, kind=SignOff.Kind.BOARD)
    with pytest.raises(InvalidTransition, match="already recorded"):
        services.decommissioning_sign_off(decommissioning=case, by=second_board_member, kind=SignOff.Kind.SENIOR)

    approved = services.decommissioning_sign_off(decommissioning=case, by=second_board_member, kind=SignOff.Kind.BOARD)
    assert approved.status == Decommissioning.Status.APPROVED


def test_giving_notice_without_the_steps_is_refused_with_the_reason(commissioner, contract):
    case = services.decommissioning_start(contract=contract, by=commissioner, reason="need_changed")

    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_give_notice(decommissioning=case, by=commissioner, given_on=datetime.date(2028, 1, 1))

    reason = refused.value.errors[NON_FIELD]
    assert reason.startswith("Notice can be given only after the decommissioning steps")
    assert "Enter why the service is ending" in reason and "Sign-offs recorded: 0 of 2." in reason
    contract.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE


def test_notice_waiting_for_sign_off_is_refused(commissioner, board_member, contract):
    case = prepared(contract, commissioner)
    services.decommissioning_submit(decommissioning=case, by=commissioner)
    services.decommissioning_sign_off(decommissioning=case, by=board_member, kind=SignOff.Kind.BOARD)

    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_give_notice(decommissioning=case, by=commissioner, given_on=datetime.date(2028, 1, 1))
    assert "Sign-offs recorded: 1 of 2." in refused.value.errors[NON_FIELD]


def test_notice_is_no_shorter_than_the_contracts(commissioner, board_member, second_board_member, contract):
    case = signed_off(prepared(contract, commissioner), second_board_member, board_member)

    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_give_notice(
            decommissioning=case, by=commissioner, given_on=datetime.date(2028, 1, 1), ends_on=datetime.date(2028, 3, 30)
        )
    assert refused.value.errors == {
        "ends_on": "The notice must be at least the contract's 90 days: the service can end on 31 March 2028 at the earliest"
    }
    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_give_notice(
            decommissioning=case, by=commissioner, given_on=datetime.date(2028, 1, 1), ends_on=datetime.date(2030, 3, 31)
        )
    assert "no notice is needed" in refused.value.errors["ends_on"]


def test_notice_then_completion_ends_the_contract_early(commissioner, board_member, second_board_member, contract):
    case = signed_off(prepared(contract, commissioner), second_board_member, board_member)

    notice = services.decommissioning_give_notice(decommissioning=case, by=commissioner, given_on=datetime.date(2028, 1, 1))
    contract.refresh_from_db()
    assert (notice.status, notice.ends_on) == (Decommissioning.Status.IN_NOTICE, datetime.date(2028, 3, 31))
    assert contract.status == Contract.Status.IN_NOTICE

    with pytest.raises(FieldErrors) as refused:
        services.decommissioning_complete(decommissioning=case, by=commissioner, note="", today=datetime.date(2028, 3, 30))
    assert set(refused.value.errors) == {NON_FIELD, "exit_plan", "completion_note"}
    assert "The notice runs until 31 March 2028" in refused.value.errors[NON_FIELD]
    assert "still planned for YC-0001, YC-0002" in refused.value.errors["exit_plan"]

    for entry in case.exit_plan.all():
        services.exit_entry_update(entry=entry, by=commissioner, status=ExitPlanEntry.Status.TRANSFERRED)
    done = services.decommissioning_complete(decommissioning=case, by=commissioner, note="All moved on.", today=datetime.date(2028, 4, 2))
    contract.refresh_from_db()
    assert (done.status, done.completed_on) == (Decommissioning.Status.COMPLETED, datetime.date(2028, 4, 2))
    assert (contract.status, contract.ended_on) == (Contract.Status.TERMINATED, datetime.date(2028, 3, 31))


def test_exit_plan_references_are_pseudonymous_and_unique(commissioner, contract):
    case = prepared(contract, commissioner, users=1)
    for name in ("Jamie Smith", "Jamie"):
        with pytest.raises(FieldErrors) as refused:
            services.exit_entry_add(decommissioning=case, by=commissioner, reference=name, destination="Club", move_by=datetime.date(2028, 1, 1))
        assert "never a name" in refused.value.errors["reference"]
    with pytest.raises(FieldErrors) as refused:
        services.exit_entry_add(decommissioning=case, by=commissioner, reference="yc-0001", destination="", move_by=None)
    assert set(refused.value.errors) == {"reference", "destination", "move_by"}


def test_once_sent_the_case_no_longer_changes_and_can_be_withdrawn(commissioner, contract):
    case = prepared(contract, commissioner)
    services.decommissioning_submit(decommissioning=case, by=commissioner)
    with pytest.raises(InvalidTransition):
        services.decommissioning_update(decommissioning=case, by=commissioner, rationale="Changed")
    with pytest.raises(FieldErrors):
        services.decommissioning_withdraw(decommissioning=case, by=commissioner, reason="")
    assert services.decommissioning_withdraw(decommissioning=case, by=commissioner, reason="Funding found").status == Decommissioning.Status.WITHDRAWN


def test_the_income_share_comes_from_the_providers_latest_accounts(contract):
    from jointly.passport.models import Item, ItemKind, Passport

    assert services.income_share_from_accounts(contract) is None
    passport = Passport.objects.create(organisation=contract.supplier)
    Item.objects.create(
        passport=passport,
        kind=ItemKind.ACCOUNTS,
        key="accounts",
        year_end=datetime.date(2027, 3, 31),
        income=Decimal("400000"),
        valid_until=datetime.date(2029, 1, 1),
    )
    # £300,000 over three years (1,096 days): £99,909 a year, 24.98% of £400,000.
    assert services.income_share_from_accounts(contract) == Decimal("24.98")
