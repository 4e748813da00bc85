"""Reviews pages: each for the right person, another trust's staff (404), a provider (its own only) and
anyone signed out; the forms through their services; query counts on the lists."""

import datetime

import pytest
from django.urls import reverse

from jointly.contracts.models import Contract
from jointly.reviews.models import ImprovementAction, ImprovementPlan, Review

from ..conftest import signed_in_client
from ..contracts.factories import ContractFactory
from .factories import ActionFactory, PlanFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(trust, provider_org):
    return ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE)


@pytest.fixture
def review(contract):
    return ReviewFactory(contract=contract)


@pytest.fixture
def plan(contract):
    plan = PlanFactory(contract=contract)
    ActionFactory(plan=plan, due_on=datetime.date(2020, 1, 1))
    return plan


def _pages(trust, contract, review, plan):
    return {
        "list": reverse("reviews:list", args=[trust.slug]),
        "contract": reverse("reviews:contract", args=[contract.pk]),
        "detail": reverse("reviews:detail", args=[review.pk]),
        "record": reverse("reviews:record", args=[review.pk]),
        "cancel": reverse("reviews:cancel", args=[review.pk]),
        "plan-create": reverse("reviews:plan-create", args=[contract.pk]),
        "plan": reverse("reviews:plan", args=[plan.pk]),
    }


# What each person gets on each page: the trust's commissioner, another trust's, the contract's provider,
# another provider (a party to nothing here) and an analyst (reads, does not manage).
EXPECTED = {
    "list": (200, 404, 403, 403, 200),
    "contract": (200, 404, 200, 404, 200),
    "detail": (200, 404, 200, 404, 200),
    "record": (200, 404, 403, 404, 403),
    "cancel": (200, 404, 403, 404, 403),
    "plan-create": (200, 404, 403, 404, 403),
    "plan": (200, 404, 200, 404, 200),
}


def test_each_page_for_each_person(
    trust, contract, review, plan, commissioner_client, other_commissioner_client, provider_client, other_provider_client, analyst, anonymous_client
):
    people = (commissioner_client, other_commissioner_client, provider_client, other_provider_client, signed_in_client(analyst))
    for name, url in _pages(trust, contract, review, plan).items():
        got = tuple(client.get(url).status_code for client in people)
        assert got == EXPECTED[name], name
        assert anonymous_client.get(url).status_code == 302, name


def test_the_providers_own_page_is_for_providers(provider_client, commissioner_client, plan, anonymous_client):
    page = provider_client.get(reverse("reviews:mine"))
    assert page.status_code == 200 and plan.contract.reference in page.content.decode()
    assert commissioner_client.get(reverse("reviews:mine")).status_code == 403
    assert anonymous_client.get(reverse("reviews:mine")).status_code == 302


def test_recording_and_completing_a_review(review, commissioner_client):
    url = reverse("reviews:record", args=[review.pk])
    form = commissioner_client.get(url).context["form"]
    data = {
        "version": form.initial["version"],
        "outcomes_finding": "90 of 120",
        "need_finding": "Grown",
        "no_consultation_reason": "Asked by the provider",
        "families_said": "Valued",
        "finding": "Below target",
        "decision": "improve",
        "decision_evidence": "The figures",
    }
    assert commissioner_client.post(url, data).status_code == 302
    done = commissioner_client.post(reverse("reviews:detail", args=[review.pk]))
    assert done.status_code == 302
    review.refresh_from_db()
    assert review.status == Review.Status.COMPLETED and review.improvement_plan.status == ImprovementPlan.Status.DRAFT


def test_completing_an_incomplete_review_shows_the_reasons(review, commissioner_client):
    page = commissioner_client.post(reverse("reviews:detail", args=[review.pk]))
    assert page.status_code == 200
    assert "Enter the review&#x27;s overall finding" in page.content.decode()


def test_the_provider_comments_and_accepts_and_cannot_add_actions(plan, provider_client):
    url = reverse("reviews:plan", args=[plan.pk])
    assert provider_client.post(url, {"form": "comment", "comment-text": "Agreed"}).status_code == 302
    assert provider_client.post(url, {"form": "accept"}).status_code == 302
    refused = provider_client.post(url, {"form": "action", "action-text": "x", "action-owner_side": "trust", "action-owner": "Me"})
    assert refused.status_code == 403
    plan.refresh_from_db()
    assert plan.provider_accepted_at is not None and plan.comments.count() == 1


def test_the_commissioner_adds_an_action_and_marks_one_done(plan, commissioner_client):
    url = reverse("reviews:plan", args=[plan.pk])
    page = commissioner_client.get(url)
    assert "1 action overdue" in page.content.decode()
    added = commissioner_client.post(
        url,
        {
            "form": "action",
            "action-text": "Train staff",
            "action-owner_side": "trust",
            "action-owner": "Lead",
            "action-due_on_0": "1",
            "action-due_on_1": "6",
            "action-due_on_2": "2030",
        },
    )
    assert added.status_code == 302
    action = plan.actions.get(due_on=datetime.date(2020, 1, 1))
    assert commissioner_client.post(url, {"form": f"action-{action.pk}", "do": "finish", f"action-{action.pk}-note": ""}).status_code == 302
    assert list(plan.actions.order_by("due_on").values_list("status", flat=True)) == [ImprovementAction.Status.DONE, ImprovementAction.Status.OPEN]


def test_planning_a_review_on_the_contract_page(contract, commissioner_client, provider_client):
    url = reverse("reviews:contract", args=[contract.pk])
    data = {"form": "review", "review-due_on_0": "1", "review-due_on_1": "10", "review-due_on_2": "2028"}
    assert provider_client.post(url, data).status_code == 403
    assert commissioner_client.post(url, data).status_code == 302
    assert contract.reviews.get().due_on == datetime.date(2028, 10, 1)


def test_the_lists_take_a_fixed_number_of_queries(trust, provider_org, commissioner_client, provider_client, django_assert_max_num_queries):
    for _ in range(4):
        contract = ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE)
        ReviewFactory(contract=contract)
        ActionFactory(plan=PlanFactory(contract=contract))
    with django_assert_max_num_queries(14):
        assert commissioner_client.get(reverse("reviews:list", args=[trust.slug])).status_code == 200
    with django_assert_max_num_queries(12):
        assert provider_client.get(reverse("reviews:mine")).status_code == 200
