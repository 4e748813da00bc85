"""Reviews, improvement plans and decommissioning pages, checked with axe-core at both widths, in one
test with one set of data: the commissioner's pages (a review's error state too), the board member's
sign-off, and the provider's view of its plans and of notice given on its contract."""

import datetime

import pytest
from django.urls import reverse

from .helpers import check_at_widths, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def stage(demo):
    from jointly.accounts.models import Role
    from jointly.contracts.models import Contract, ContractMeasure
    from jointly.decommissioning.services import decommissionings as services
    from jointly.partnerships.models import Organisation, Trust
    from tests.assessment.factories import PriorityFactory, PriorityTargetFactory
    from tests.conftest import _person
    from tests.contracts.factories import ContractFactory
    from tests.decommissioning.factories import prepared, signed_off
    from tests.reviews.factories import ActionFactory, PlanFactory, ReviewFactory

    from .configuration import restore_seeded_configuration

    # The outcome areas the priority needs are seeded by a migration, which an earlier browser test's emptying removed.
    restore_seeded_configuration()
    trust = Trust.objects.get(slug="plymouth")
    provider = Organisation.objects.get(pk=demo["provider"].organisation_id)
    commissioner, board = demo["commissioner"], demo["board"]
    senior = _person(Role.BOARD_MEMBER, trust, full_name="Ruth Adeyemi")

    def running(**extra):
        return ContractFactory(trust=trust, supplier=provider, status=Contract.Status.ACTIVE, ends_on=datetime.date(2030, 3, 31), **extra)

    contract = running()
    priority = PriorityFactory(trust=trust, title="Young carers are supported")
    PriorityTargetFactory(priority=priority)
    ContractMeasure.objects.create(contract=contract, kind="outcome", text="Less worry at home", priority=priority)
    review = ReviewFactory(contract=contract)
    plan = PlanFactory(contract=contract, review=None)
    ActionFactory(plan=plan, due_on=datetime.date(2020, 1, 1))
    draft = prepared(running(), commissioner)
    waiting = prepared(running(), commissioner)
    services.decommissioning_submit(decommissioning=waiting, by=commissioner)
    approved = signed_off(prepared(running(), commissioner), senior, board)
    noticed = signed_off(prepared(running(), commissioner), senior, board)
    noticed = services.decommissioning_give_notice(decommissioning=noticed, by=commissioner, given_on=datetime.date(2028, 1, 1))
    return {
        "trust": trust,
        "contract": contract,
        "priority": priority,
        "review": review,
        "plan": plan,
        "draft": draft,
        "waiting": waiting,
        "approved": approved,
        "noticed": noticed,
    }


def test_review_and_decommissioning_pages_are_accessible(stage, demo, new_page, live_server):
    trust, contract, review, plan = stage["trust"], stage["contract"], stage["review"], stage["plan"]
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("reviews:list", args=[trust.slug]), heading="Contract reviews")
    visit(page, reverse("reviews:contract", args=[contract.pk]))
    visit(page, reverse("reviews:detail", args=[review.pk]), heading="Yearly review")
    page.get_by_role("button", name="Complete the review").click()
    check_at_widths(page, "(completion refused)")
    visit(page, reverse("reviews:record", args=[review.pk]))
    visit(page, reverse("reviews:cancel", args=[review.pk]), heading="Cancel the review")
    visit(page, reverse("reviews:plan-create", args=[contract.pk]))
    visit(page, reverse("reviews:plan", args=[plan.pk]), heading="Improvement plan")
    submit_empty(page, "Add the action", expected_error="Enter what will be done")
    visit(page, reverse("reviews:thread", args=[stage["priority"].pk]))

    draft = stage["draft"]
    visit(page, reverse("decommissioning:list", args=[trust.slug]), heading="Decommissioning")
    visit(page, reverse("decommissioning:start", args=[contract.pk]))
    visit(page, reverse("decommissioning:detail", args=[draft.pk]))
    for step in ("case", "impact", "staff", "exit-plan", "submit", "withdraw"):
        visit(page, reverse(f"decommissioning:{step}", args=[draft.pk]))
    visit(page, reverse("decommissioning:notice", args=[stage["approved"].pk]), heading="Give notice")
    visit(page, reverse("decommissioning:complete", args=[stage["noticed"].pk]), heading="Record the completion")
    submit_empty(page, "Record as completed", expected_error="Enter what happened at the end")

    board = signed_in_page(new_page, live_server, demo["board"])
    visit(board, reverse("decommissioning:sign-off", args=[stage["waiting"].pk]), heading="Sign off the decommissioning")

    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("reviews:mine"), heading="Your contracts' reviews and improvement plans")
    visit(provider, reverse("reviews:plan", args=[plan.pk]), heading="Improvement plan")
    visit(provider, reverse("decommissioning:mine"), heading="Notice given on your contracts")
    visit(provider, reverse("decommissioning:detail", args=[stage["noticed"].pk]))
