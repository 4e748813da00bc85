"""reviews.services.plans: actions with owners and dates, the provider's acceptance before agreement,
comments from both sides, overdue actions, and closing."""

import datetime

import pytest

from jointly.contracts.models import Contract
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.reviews.models import ImprovementAction, ImprovementPlan
from jointly.reviews.services import plans as services

from ..contracts.factories import ContractFactory
from .factories import ActionFactory, PlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(trust, provider_org):
    return PlanFactory(contract=ContractFactory(trust=trust, supplier=provider_org, status=Contract.Status.ACTIVE))


def test_an_action_needs_what_who_and_when(plan, commissioner):
    with pytest.raises(FieldErrors) as refused:
        services.action_add(plan=plan, by=commissioner, text="", owner_side="nobody", owner="", due_on=None)
    assert set(refused.value.errors) == {"text", "owner_side", "owner", "due_on"}


def test_the_plan_is_agreed_only_once_the_provider_accepts_it(plan, commissioner, provider_user):
    with pytest.raises(FieldErrors) as refused:
        services.plan_agree(plan=plan, by=commissioner)
    assert set(refused.value.errors) == {"actions", NON_FIELD}

    ActionFactory(plan=plan)
    with pytest.raises(FieldErrors) as refused:
        services.plan_agree(plan=plan, by=commissioner)
    assert "has not accepted" in refused.value.errors[NON_FIELD]

    services.plan_accept(plan=plan, by=provider_user)
    agreed = services.plan_agree(plan=plan, by=commissioner, today=datetime.date(2028, 5, 1))
    assert (agreed.status, agreed.agreed_on) == (ImprovementPlan.Status.AGREED, datetime.date(2028, 5, 1))


def test_only_the_parties_people_accept_for_the_provider(plan, commissioner, other_provider_user):
    ActionFactory(plan=plan)
    for person in (commissioner, other_provider_user):
        with pytest.raises(InvalidTransition):
            services.plan_accept(plan=plan, by=person)


def test_the_provider_and_the_trust_comment_and_others_do_not(plan, commissioner, provider_user, other_provider_user, analyst):
    services.plan_comment(plan=plan, by=provider_user, text="We agree, with one change.")
    services.plan_comment(plan=plan, by=commissioner, text="Changed.")

    assert [(c.by_name, c.from_provider) for c in plan.comments.all()] == [
        (provider_user.full_name or provider_user.email, True),
        ("Amina Commissioner", False),
    ]
    for person in (other_provider_user, analyst):
        with pytest.raises(InvalidTransition):
            services.plan_comment(plan=plan, by=person, text="Me too")


def test_an_open_action_past_its_date_is_overdue(plan):
    late = ActionFactory(plan=plan, due_on=datetime.date(2028, 1, 1))
    done = ActionFactory(plan=plan, due_on=datetime.date(2028, 1, 1), status=ImprovementAction.Status.DONE)

    assert late.is_overdue(datetime.date(2028, 1, 2)) and not late.is_overdue(datetime.date(2028, 1, 1))
    assert not done.is_overdue(datetime.date(2028, 1, 2))


def test_a_plan_closes_as_completed_only_with_no_open_action(plan, commissioner):
    plan.status = ImprovementPlan.Status.AGREED
    plan.save()
    action = ActionFactory(plan=plan)

    with pytest.raises(FieldErrors) as refused:
        services.plan_close(plan=plan, by=commissioner, completed=True, outcome="Back on track")
    assert "still open" in refused.value.errors[NON_FIELD]

    with pytest.raises(FieldErrors):
        services.action_drop(action=action, by=commissioner, note="")
    services.action_finish(action=action, by=commissioner, note="Appointed")
    closed = services.plan_close(plan=plan, by=commissioner, completed=True, outcome="Back on track", today=datetime.date(2028, 9, 1))
    assert (closed.status, closed.closed_on) == (ImprovementPlan.Status.COMPLETED, datetime.date(2028, 9, 1))
    with pytest.raises(InvalidTransition):
        services.action_add(plan=closed, by=commissioner, text="More", owner_side="trust", owner="Me", due_on=datetime.date(2028, 10, 1))


def test_a_plan_can_fail_with_actions_open(plan, commissioner):
    plan.status = ImprovementPlan.Status.AGREED
    plan.save()
    ActionFactory(plan=plan)
    assert services.plan_close(plan=plan, by=commissioner, completed=False, outcome="Not reached").status == ImprovementPlan.Status.FAILED
