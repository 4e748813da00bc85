"""The reviews API's writes: each for the right person only (another trust's staff and another provider
404, the contract's provider 403 except to accept its plan, anyone signed out 401), bad input as a 400
naming its fields, and a refused write leaving everything as it was."""

import datetime

import pytest
from django.utils import timezone

from jointly.contracts.models import Contract
from jointly.reviews.models import ImprovementAction, ImprovementPlan, Review
from tests.api.conftest import assert_problem

from ..contracts.factories import ContractFactory
from .factories import ActionFactory, ConsultationFactory, PlanFactory, ReviewFactory, recorded

pytestmark = pytest.mark.django_db

SOON = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


@pytest.fixture
def contract(trust, provider_org):
    return ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE)


@pytest.fixture
def review(contract):
    return ReviewFactory(contract=contract, **recorded())


@pytest.fixture
def draft_plan(contract, provider_user):
    plan = PlanFactory(contract=contract, provider_accepted_by=provider_user, provider_accepted_at=timezone.now())
    ActionFactory(plan=plan)
    return plan


@pytest.fixture
def agreed_plan(contract):
    plan = PlanFactory(contract=contract, status=ImprovementPlan.Status.AGREED, agreed_on=timezone.localdate())
    ActionFactory(plan=plan, status=ImprovementAction.Status.DONE)
    return plan


def call(client, method, path, body=None):
    return getattr(client, method)(f"/api/v1{path}", body or {}, content_type="application/json")


# (name, method, path from the records, body, what the right person gets)
WRITES = [
    ("plan a review", "post", lambda c, r, d, a: f"/contracts/{c.pk}/reviews", {"due_on": "2028-01-15"}, 201),
    ("schedule the reviews", "post", lambda c, r, d, a: f"/contracts/{c.pk}/reviews/schedule", None, 200),
    ("record the review", "patch", lambda c, r, d, a: f"/reviews/{r.pk}", {"finding": "Better."}, 200),
    ("complete the review", "post", lambda c, r, d, a: f"/reviews/{r.pk}/complete", None, 200),
    ("start a plan", "post", lambda c, r, d, a: f"/contracts/{c.pk}/improvement-plans", {"aim": "Reach 120 families.", "review_by": SOON}, 201),
    (
        "add an action",
        "post",
        lambda c, r, d, a: f"/improvement-plans/{d.pk}/actions",
        {"text": "Train staff.", "owner_side": "trust", "owner": "Lead", "due_on": SOON},
        201,
    ),
    ("mark an action done", "post", lambda c, r, d, a: f"/improvement-plans/{d.pk}/actions/{d.actions.get().pk}/status", {"status": "done"}, 200),
    ("agree the plan", "post", lambda c, r, d, a: f"/improvement-plans/{d.pk}/agree", None, 200),
    ("close the plan", "post", lambda c, r, d, a: f"/improvement-plans/{a.pk}/close", {"completed": True, "outcome": "Back on track."}, 200),
]


@pytest.mark.parametrize(("name", "method", "path", "body", "done"), WRITES, ids=[write[0] for write in WRITES])
def test_each_write_is_the_trusts_staffs(
    name,
    method,
    path,
    body,
    done,
    contract,
    review,
    draft_plan,
    agreed_plan,
    commissioner_client,
    other_commissioner_client,
    provider_client,
    other_provider_client,
    anonymous_client,
):
    url = path(contract, review, draft_plan, agreed_plan)
    assert_problem(call(other_commissioner_client, method, url, body), 404)
    assert_problem(call(other_provider_client, method, url, body), 404)
    assert_problem(call(provider_client, method, url, body), 403)
    assert_problem(call(anonymous_client, method, url, body), 401)
    assert call(commissioner_client, method, url, body).status_code == done, name


def test_the_provider_accepts_its_plan_and_no_one_else_does(
    contract, commissioner_client, other_commissioner_client, provider_client, other_provider_client, anonymous_client
):
    plan = PlanFactory(contract=contract)
    ActionFactory(plan=plan)
    url = f"/improvement-plans/{plan.pk}/accept"
    assert_problem(call(other_commissioner_client, "post", url), 404)
    assert_problem(call(other_provider_client, "post", url), 404)
    assert "provider's own people" in assert_problem(call(commissioner_client, "post", url), 403)["detail"]
    assert_problem(call(anonymous_client, "post", url), 401)
    plan.refresh_from_db()
    assert plan.provider_accepted_at is None
    assert call(provider_client, "post", url).json()["provider_accepted"] is True


def test_a_plan_without_actions_cannot_be_accepted(contract, provider_client):
    plan = PlanFactory(contract=contract)
    body = assert_problem(call(provider_client, "post", f"/improvement-plans/{plan.pk}/accept"), 409)
    assert body["detail"] == "The plan has no actions yet to accept."
    plan.refresh_from_db()
    assert plan.provider_accepted_at is None


def test_planning_a_review_names_each_bad_field(contract, commissioner_client):
    body = assert_problem(call(commissioner_client, "post", f"/contracts/{contract.pk}/reviews", {}), 400)
    assert body["errors"] == [{"field": "due_on", "message": "Enter the date the review is due by"}]
    body = assert_problem(call(commissioner_client, "post", f"/contracts/{contract.pk}/reviews", {"due_on": "2020-01-01"}), 400)
    assert body["errors"] == [{"field": "due_on", "message": "The review must be due after the contract starts"}]
    assert not contract.reviews.exists()


def test_only_a_running_contract_has_its_reviews_scheduled(trust, provider_org, commissioner_client):
    draft = ContractFactory(trust=trust, supplier=provider_org)
    body = assert_problem(call(commissioner_client, "post", f"/contracts/{draft.pk}/reviews/schedule"), 400)
    assert body["errors"] == [{"field": "body", "message": "Only a signed, running contract is reviewed."}]
    assert not Review.objects.exists()


def test_scheduling_plans_the_terms_reviews_once(contract, commissioner_client):
    url = f"/contracts/{contract.pk}/reviews/schedule"
    made = call(commissioner_client, "post", url).json()
    assert [(review["kind"], review["due_on"]) for review in made] == [
        ("annual", "2028-04-01"),
        ("annual", "2029-04-01"),
        ("before_end", "2029-09-30"),
    ]
    assert call(commissioner_client, "post", url).json() == []


def test_recording_and_completing_a_review(contract, commissioner_client):
    review = ReviewFactory(contract=contract)
    consultation = ConsultationFactory(trust=contract.trust)
    url = f"/reviews/{review.pk}"
    read = commissioner_client.get(f"/api/v1{url}").json()
    sent = recorded(no_consultation_reason="", consultation=consultation.pk, decision="improve", version=read["version"])
    answer = call(commissioner_client, "patch", url, sent)
    assert answer.status_code == 200, answer.json()
    assert (answer.json()["consultation"], answer.json()["decision"]) == (consultation.pk, "improve")
    # The version read before that change is stale now.
    assert_problem(call(commissioner_client, "patch", url, {"finding": "Other.", "version": read["version"]}), 409)

    done = call(commissioner_client, "post", f"{url}/complete").json()
    assert done["status"] == "completed"
    assert done["improvement_plan"] == ImprovementPlan.objects.get(review=review).pk


def test_recording_a_review_names_each_bad_field(contract, other_trust, commissioner_client):
    review = ReviewFactory(contract=contract)
    elsewhere = ConsultationFactory(trust=other_trust)
    url = f"/reviews/{review.pk}"
    body = assert_problem(call(commissioner_client, "patch", url, {"consultation": elsewhere.pk}), 400)
    assert body["errors"] == [{"field": "consultation", "message": "Choose one of this trust's consultations"}]
    body = assert_problem(call(commissioner_client, "patch", url, {"decision": "abandon", "finding": 3}), 400)
    assert sorted(error["field"] for error in body["errors"]) == ["decision", "finding"]
    review.refresh_from_db()
    assert (review.consultation_id, review.decision, review.finding) == (None, "", "")


def test_an_incomplete_review_is_refused_with_every_missing_part_and_changes_nothing(contract, commissioner_client):
    review = ReviewFactory(contract=contract, outcomes_finding="Families supported: 90 of 120.")
    body = assert_problem(call(commissioner_client, "post", f"/reviews/{review.pk}/complete"), 400)
    assert sorted(error["field"] for error in body["errors"]) == ["consultation", "decision", "decision_evidence", "finding", "need_finding"]
    review.refresh_from_db()
    assert (review.status, review.completed_on) == (Review.Status.PLANNED, None)
    assert not ImprovementPlan.objects.exists()


def test_a_plan_and_its_actions_name_each_bad_field(contract, draft_plan, commissioner_client):
    body = assert_problem(call(commissioner_client, "post", f"/contracts/{contract.pk}/improvement-plans", {"review_by": "2020-01-01"}), 400)
    assert {error["field"] for error in body["errors"]} == {"aim", "review_by"}
    body = assert_problem(call(commissioner_client, "post", f"/improvement-plans/{draft_plan.pk}/actions", {"owner": "  "}), 400)
    assert {error["field"] for error in body["errors"]} == {"text", "owner_side", "owner", "due_on"}
    body = assert_problem(call(commissioner_client, "post", f"/improvement-plans/{draft_plan.pk}/actions", {"owner_side": "council"}), 400)
    assert [error["field"] for error in body["errors"]] == ["owner_side"]
    action = draft_plan.actions.get()
    body = assert_problem(
        call(commissioner_client, "post", f"/improvement-plans/{draft_plan.pk}/actions/{action.pk}/status", {"status": "dropped"}), 400
    )
    assert body["errors"] == [{"field": "note", "message": "Enter why the action is dropped"}]
    assert ImprovementPlan.objects.filter(contract=contract).count() == 1
    assert list(draft_plan.actions.values_list("status", flat=True)) == [ImprovementAction.Status.OPEN]


def test_a_plan_goes_from_draft_to_agreed_to_closed(contract, commissioner_client, provider_client):
    made = call(commissioner_client, "post", f"/contracts/{contract.pk}/improvement-plans", {"aim": "Reach 120 families.", "review_by": SOON}).json()
    url = f"/improvement-plans/{made['id']}"
    # Agreed with the provider, not imposed: refused until it has actions and the provider's acceptance.
    body = assert_problem(call(commissioner_client, "post", f"{url}/agree"), 400)
    assert {error["field"] for error in body["errors"]} == {"actions", "body"}
    assert ImprovementPlan.objects.get(pk=made["id"]).status == ImprovementPlan.Status.DRAFT
    action = call(commissioner_client, "post", f"{url}/actions", {"text": "Train staff.", "owner_side": "provider", "owner": "Lead", "due_on": SOON})
    assert call(provider_client, "post", f"{url}/accept").status_code == 200
    assert call(commissioner_client, "post", f"{url}/agree").json()["status"] == "agreed"
    # Completed only with no open action: the refusal changes nothing.
    body = assert_problem(call(commissioner_client, "post", f"{url}/close", {"completed": True}), 400)
    assert {error["field"] for error in body["errors"]} == {"outcome", "body"}
    assert "still open" in next(error["message"] for error in body["errors"] if error["field"] == "body")
    body = assert_problem(call(commissioner_client, "post", f"{url}/close", {"outcome": "Done."}), 400)
    assert body["errors"] == [{"field": "completed", "message": "This field is required"}]
    assert ImprovementPlan.objects.get(pk=made["id"]).status == ImprovementPlan.Status.AGREED
    assert call(commissioner_client, "post", f"{url}/actions/{action.json()['id']}/status", {"status": "done"}).json()["status"] == "done"
    closed = call(commissioner_client, "post", f"{url}/close", {"completed": True, "outcome": "Back on track."}).json()
    assert (closed["status"], closed["outcome"]) == ("completed", "Back on track.")
    # A closed plan no longer changes.
    assert_problem(
        call(commissioner_client, "post", f"{url}/actions", {"text": "More.", "owner_side": "trust", "owner": "Lead", "due_on": SOON}), 409
    )
