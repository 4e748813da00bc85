"""The decommissioning API's writes: each step for the right person only (another trust's staff and
another provider 404, the provider 404 while the case is prepared and 403 once it sees it, anyone signed
out 401), each gate refused with the service's reasons as a problem body, and a refused step changing nothing."""

import datetime
from functools import cached_property

import pytest

from jointly.contracts.models import Contract
from jointly.decommissioning.models import Decommissioning, ExitPlanEntry, SignOff
from jointly.decommissioning.services import decommissionings as services
from tests.api.conftest import assert_problem

from ..conftest import signed_in_client
from ..reviews.factories import PlanFactory
from .factories import prepared, running_contract, signed_off


def call(client, method, path, body=None):
    return getattr(client, method)(f"/api/v1{path}", body or {}, content_type="application/json")


class Cases:
    """One case in each state, each made only when a test asks for it."""

    def __init__(self, trust, provider_org, commissioner, senior, board):
        self.trust, self.provider_org, self.commissioner, self.senior, self.board = trust, provider_org, commissioner, senior, board

    def contract(self):
        return running_contract(self.trust, self.provider_org, ends_on=datetime.date(2030, 3, 31))

    @cached_property
    def free(self) -> Contract:
        return self.contract()

    @cached_property
    def draft(self) -> Decommissioning:
        return prepared(self.contract(), self.commissioner)

    @cached_property
    def awaiting(self) -> Decommissioning:
        case = prepared(self.contract(), self.commissioner)
        return services.decommissioning_submit(decommissioning=case, by=self.commissioner)

    @cached_property
    def approved(self) -> Decommissioning:
        return signed_off(prepared(self.contract(), self.commissioner), self.senior, self.board)

    @cached_property
    def ran_its_notice(self) -> Decommissioning:
        """In notice since early 2026, so the notice has run; every service user has moved on."""
        case = signed_off(prepared(self.contract(), self.commissioner), self.senior, self.board)
        services.decommissioning_give_notice(decommissioning=case, by=self.commissioner, given_on=datetime.date(2026, 1, 5))
        for entry in case.exit_plan.all():
            services.exit_entry_update(entry=entry, by=self.commissioner, status=ExitPlanEntry.Status.TRANSFERRED)
        return Decommissioning.objects.get(pk=case.pk)


@pytest.fixture
def cases(db, trust, provider_org, commissioner, board_member, second_board_member):
    return Cases(trust, provider_org, commissioner, second_board_member, board_member)


ENTRY = {"reference": "YC-0147", "destination": "Holiday programme", "move_by": "2028-06-01"}
# (name, method, path, body, what the right person gets, what the contract's provider gets)
WRITES = [
    ("propose", "post", lambda c: f"/contracts/{c.free.pk}/decommissionings", {"reason": "need_changed"}, 201, 403),
    ("record the case", "patch", lambda c: f"/decommissionings/{c.draft.pk}", {"risks": "A summer gap.", "tupe_applies": True}, 200, 404),
    ("add to the exit plan", "post", lambda c: f"/decommissionings/{c.draft.pk}/exit-plan", ENTRY, 201, 404),
    (
        "record a move",
        "patch",
        lambda c: f"/decommissionings/{c.draft.pk}/exit-plan/{c.draft.exit_plan.first().pk}",
        {"status": "transferred"},
        200,
        404,
    ),
    ("send for sign-off", "post", lambda c: f"/decommissionings/{c.draft.pk}/submit", None, 200, 404),
    ("give notice", "post", lambda c: f"/decommissionings/{c.approved.pk}/notice", {"notice_given_on": "2028-01-01"}, 200, 404),
    ("complete", "post", lambda c: f"/decommissionings/{c.ran_its_notice.pk}/complete", {"completion_note": "All moved on."}, 200, 403),
    ("withdraw", "post", lambda c: f"/decommissionings/{c.draft.pk}/withdraw", {"reason": "The need came back."}, 200, 404),
]


@pytest.mark.parametrize(("name", "method", "path", "body", "done", "provider"), WRITES, ids=[write[0] for write in WRITES])
def test_each_step_is_the_trusts_staffs(
    name,
    method,
    path,
    body,
    done,
    provider,
    cases,
    commissioner_client,
    other_commissioner_client,
    provider_client,
    other_provider_client,
    anonymous_client,
):
    url = path(cases)
    assert_problem(call(other_commissioner_client, method, url, body), 404)
    assert_problem(call(other_provider_client, method, url, body), 404)
    assert_problem(call(provider_client, method, url, body), provider)
    assert_problem(call(anonymous_client, method, url, body), 401)
    answer = call(commissioner_client, method, url, body)
    assert answer.status_code == done, (name, answer.json())


def test_sign_off_is_for_approvers_other_than_the_proposer(cases, commissioner_client, other_commissioner_client, provider_client, board_member):
    case = cases.awaiting
    url = f"/decommissionings/{case.pk}/sign-offs"
    assert_problem(call(other_commissioner_client, "post", url, {"kind": "board"}), 404)
    assert_problem(call(provider_client, "post", url, {"kind": "board"}), 404)
    assert_problem(call(commissioner_client, "post", url, {"kind": "board"}), 403)  # the proposer, who cannot approve
    board = signed_in_client(board_member)
    signed = call(board, "post", url, {"kind": "board", "note": "Agreed at the March board."})
    assert signed.status_code == 201
    assert [(s["kind"], s["by_name"]) for s in signed.json()["sign_offs"]] == [("board", board_member.full_name or board_member.email)]
    # The second sign-off must be someone else's: refused with the service's reason, and nothing written.
    body = assert_problem(call(board, "post", url, {"kind": "senior"}), 409)
    assert body["detail"] == "You have already signed off: the second sign-off must be by someone else."
    assert list(SignOff.objects.filter(decommissioning=case).values_list("kind", flat=True)) == ["board"]
    body = assert_problem(call(board, "post", url, {"kind": "chair"}), 400)
    assert [error["field"] for error in body["errors"]] == ["kind"]


def test_the_second_sign_off_approves(cases, second_board_member):
    case = cases.awaiting
    services.decommissioning_sign_off(decommissioning=case, by=cases.board, kind=SignOff.Kind.BOARD)
    answer = call(signed_in_client(second_board_member), "post", f"/decommissionings/{case.pk}/sign-offs", {"kind": "senior"})
    assert (answer.status_code, answer.json()["status"], len(answer.json()["sign_offs"])) == (201, "approved", 2)


def test_proposing_names_each_bad_field(cases, commissioner_client):
    url = f"/contracts/{cases.free.pk}/decommissionings"
    body = assert_problem(call(commissioner_client, "post", url, {}), 400)
    assert body["errors"] == [{"field": "reason", "message": "Choose why the service is ending"}]
    body = assert_problem(call(commissioner_client, "post", url, {"reason": "bored"}), 400)
    assert [error["field"] for error in body["errors"]] == ["reason"]
    draft = cases.draft
    body = assert_problem(call(commissioner_client, "post", f"/contracts/{draft.contract_id}/decommissionings", {"reason": "need_changed"}), 400)
    assert body["errors"] == [{"field": "body", "message": "This contract is already being decommissioned."}]
    assert Decommissioning.objects.count() == 1


def test_recording_the_case_names_each_bad_field_and_changes_nothing(cases, trust, commissioner_client):
    case = cases.draft
    elsewhere = PlanFactory(contract=running_contract(trust))
    url = f"/decommissionings/{case.pk}"
    body = assert_problem(call(commissioner_client, "patch", url, {"improvement_plan": elsewhere.pk, "risks": "Changed."}), 400)
    assert body["errors"] == [{"field": "improvement_plan", "message": "Choose an improvement plan of this contract"}]
    body = assert_problem(call(commissioner_client, "patch", url, {"provider_income_share": "120", "users_affected": -1}), 400)
    assert sorted(error["field"] for error in body["errors"]) == ["provider_income_share", "users_affected"]
    case.refresh_from_db()
    assert (case.risks, case.users_affected, case.improvement_plan_id) == ("A gap in the summer, managed.", 2, None)


def test_the_case_is_recorded_part_by_part_with_its_version(cases, commissioner_client):
    case = cases.draft
    url = f"/decommissionings/{case.pk}"
    read = commissioner_client.get(f"/api/v1{url}").json()
    sent = {"tupe_applies": True, "tupe_note": "Two staff may transfer.", "provider_income_share": "12.50", "version": read["version"]}
    changed = call(commissioner_client, "patch", url, sent).json()
    assert (changed["tupe_applies"], changed["tupe_note"], changed["provider_income_share"], changed["risks"]) == (
        True,
        "Two staff may transfer.",
        "12.50",
        "A gap in the summer, managed.",
    )
    body = assert_problem(call(commissioner_client, "patch", url, {"risks": "Other.", "version": read["version"]}), 409)
    assert "Someone else changed" in body["detail"]


def test_sending_for_sign_off_names_every_missing_step_and_changes_nothing(cases, commissioner, commissioner_client):
    case = services.decommissioning_start(contract=cases.free, by=commissioner, reason=Decommissioning.Reason.POOR_PERFORMANCE)
    body = assert_problem(call(commissioner_client, "post", f"/decommissionings/{case.pk}/submit"), 400)
    assert sorted(error["field"] for error in body["errors"]) == [
        "equality_impact",
        "evidence",
        "improvement_plan",
        "provider_impact",
        "rationale",
        "risks",
        "tupe_applies",
        "users_affected",
    ]
    case.refresh_from_db()
    assert case.status == Decommissioning.Status.DRAFT
    # Once sent, the case no longer changes.
    draft = cases.draft
    assert call(commissioner_client, "post", f"/decommissionings/{draft.pk}/submit").json()["status"] == "awaiting_sign_off"
    assert_problem(call(commissioner_client, "patch", f"/decommissionings/{draft.pk}", {"risks": "Other."}), 409)


def test_the_exit_plan_names_each_bad_field(cases, commissioner_client):
    case = cases.draft
    url = f"/decommissionings/{case.pk}/exit-plan"
    body = assert_problem(call(commissioner_client, "post", url, {"reference": "Jane Smith"}), 400)
    assert {error["field"] for error in body["errors"]} == {"reference", "destination", "move_by"}
    body = assert_problem(call(commissioner_client, "post", url, ENTRY | {"destination_service": 2**40}), 400)
    assert [error["field"] for error in body["errors"]] == ["destination_service"]
    body = assert_problem(call(commissioner_client, "patch", f"{url}/{case.exit_plan.first().pk}", {"status": "lost"}), 400)
    assert [error["field"] for error in body["errors"]] == ["status"]
    assert list(case.exit_plan.values_list("status", flat=True)) == [ExitPlanEntry.Status.PLANNED] * 2
    added = call(commissioner_client, "post", url, ENTRY)
    assert (added.status_code, added.json()["reference"], added.json()["status"]) == (201, "YC-0147", "planned")


def test_notice_before_sign_off_is_refused_and_the_contract_stays_running(cases, commissioner_client):
    case = cases.awaiting
    body = assert_problem(call(commissioner_client, "post", f"/decommissionings/{case.pk}/notice", {"notice_given_on": "2028-01-01"}), 400)
    assert body["errors"][0]["field"] == "body"
    assert "Notice can be given only after the decommissioning steps" in body["errors"][0]["message"]
    case.refresh_from_db()
    assert (case.status, case.notice_given_on, case.contract.status) == (Decommissioning.Status.AWAITING_SIGN_OFF, None, Contract.Status.ACTIVE)


def test_notice_shorter_than_agreed_is_refused_and_notice_moves_the_contract_too(cases, commissioner_client, provider_client):
    case = cases.approved
    url = f"/decommissionings/{case.pk}/notice"
    body = assert_problem(call(commissioner_client, "post", url, {"notice_given_on": "2028-01-01", "ends_on": "2028-02-01"}), 400)
    assert [error["field"] for error in body["errors"]] == ["ends_on"]
    assert "at least the contract's 90 days" in body["errors"][0]["message"]
    body = assert_problem(call(commissioner_client, "post", url, {}), 400)
    assert body["errors"] == [{"field": "notice_given_on", "message": "Enter the date notice is given"}]
    assert_problem(call(commissioner_client, "post", url, {"notice_given_on": "9999-12-31"}), 400)
    case.refresh_from_db()
    assert (case.status, case.contract.status) == (Decommissioning.Status.APPROVED, Contract.Status.ACTIVE)

    given = call(commissioner_client, "post", url, {"notice_given_on": "2028-01-01"}).json()
    assert (given["status"], given["ends_on"]) == ("in_notice", "2028-03-31")
    assert Contract.objects.get(pk=case.contract_id).status == Contract.Status.IN_NOTICE
    # The provider now sees the notice and the exit plan, not the trust's assessment.
    seen = provider_client.get(f"/api/v1/decommissionings/{case.pk}").json()
    assert (seen["ends_on"], seen["users_affected"], seen["risks"], seen["version"], len(seen["exit_plan"])) == ("2028-03-31", None, None, None, 2)


def test_completion_needs_every_move_recorded_and_a_note(cases, commissioner, commissioner_client):
    case = cases.ran_its_notice
    first = case.exit_plan.first()
    services.exit_entry_update(entry=first, by=commissioner, status=ExitPlanEntry.Status.PLANNED)
    url = f"/decommissionings/{case.pk}/complete"
    body = assert_problem(call(commissioner_client, "post", url, {}), 400)
    assert {error["field"] for error in body["errors"]} == {"exit_plan", "completion_note"}
    case.refresh_from_db()
    assert (case.status, case.contract.status) == (Decommissioning.Status.IN_NOTICE, Contract.Status.IN_NOTICE)
    call(commissioner_client, "patch", f"/decommissionings/{case.pk}/exit-plan/{first.pk}", {"status": "closed"})
    done = call(commissioner_client, "post", url, {"completion_note": "Everyone moved on."}).json()
    assert (done["status"], done["completion_note"]) == ("completed", "Everyone moved on.")
    assert Contract.objects.get(pk=case.contract_id).status == Contract.Status.TERMINATED  # ended early
    # Withdrawing a completed case is refused by its state.
    assert_problem(call(commissioner_client, "post", f"/decommissionings/{case.pk}/withdraw", {"reason": "Too late."}), 409)


def test_withdrawing_needs_a_reason(cases, commissioner_client):
    case = cases.approved
    url = f"/decommissionings/{case.pk}/withdraw"
    body = assert_problem(call(commissioner_client, "post", url, {"reason": " "}), 400)
    assert body["errors"] == [{"field": "reason", "message": "Enter why the decommissioning is withdrawn"}]
    case.refresh_from_db()
    assert case.status == Decommissioning.Status.APPROVED
    assert call(commissioner_client, "post", url, {"reason": "The need came back."}).json()["status"] == "withdrawn"
