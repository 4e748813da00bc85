"""Individual placements pages, checked with axe-core at both widths, on the placements demo: the trust's
pages (frameworks, the DPIA, requests, budgets), a request with its offers compared and the child's details,
a draft request changed, the choice, the lead professional's budget pages (revising the budget too), and a
provider answering a request sent to it and withdrawing its offer."""

import pytest
from django.urls import reverse

from .helpers import check_at_widths, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def placements(demo):
    from jointly.partnerships.models import Trust
    from jointly.placements import demo as placements_demo
    from jointly.placements.models import Framework, IndividualBudget, PlacementRequest
    from jointly.placements.services import requests

    placements_demo.load()
    trust = Trust.objects.get(slug="plymouth")
    placed = PlacementRequest.objects.get(trust=trust, status=PlacementRequest.Status.PLACED)
    open_request = PlacementRequest.objects.get(trust=trust, status=PlacementRequest.Status.SENT)
    # The demo has no draft, so one is made here for its change page (a copy of the open request).
    fields = ("framework", "buyer", "kind", "needs", "outcomes", "starts_on", "duration_weeks", "weekly_budget")
    draft = requests.request_create(trust=trust, by=placed.created_by, **{name: getattr(open_request, name) for name in fields})
    return {
        "draft": draft,
        "trust": trust,
        "framework": Framework.objects.get(trust=trust),
        "placed": placed,
        "open": open_request,
        "budget": IndividualBudget.objects.get(trust=trust),
    }


def test_the_placement_pages_are_accessible(placements, demo, new_page, live_server):
    trust, framework, placed, open_request, budget = (placements[key] for key in ("trust", "framework", "placed", "open", "budget"))

    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("placements:provider-requests"), heading="Placement requests sent to your organisation")
    visit(provider, reverse("placements:provider-request", args=[open_request.pk]), heading=f"Placement request {open_request.reference}")
    visit(provider, reverse("placements:offer", args=[open_request.pk]), heading=f"Make an offer: {open_request.reference}")
    submit_empty(provider, "Send the offer", expected_error="Enter the price a week")
    provider.get_by_label("Price a week, in pounds").fill("175")
    provider.get_by_label("Day").fill(str(open_request.starts_on.day))
    provider.get_by_label("Month").fill(str(open_request.starts_on.month))
    provider.get_by_label("Year").fill(str(open_request.starts_on.year))
    provider.get_by_label("How you will meet the outcomes").fill("A young carers' worker twice a week after school.")
    provider.get_by_role("button", name="Send the offer").click()
    check_at_widths(provider, "(offer sent)")
    visit(provider, reverse("placements:offer-withdraw", args=[open_request.pk]), heading=f"Withdraw your offer: {open_request.reference}")
    provider.get_by_role("button", name="Withdraw the offer").click()
    check_at_widths(provider, "(offer withdrawn)")

    slug = trust.slug
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("placements:trust", args=[slug]), heading="Individual placements")
    visit(page, reverse("placements:framework", args=[slug, framework.pk]), heading=framework.name)
    visit(page, reverse("placements:framework-add", args=[slug]), heading="Add a framework or dynamic list")
    visit(page, reverse("placements:framework-provider-add", args=[slug, framework.pk]), heading="Approve a provider")
    visit(page, reverse("placements:framework-trust-add", args=[slug, framework.pk]), heading="Share the framework with a trust")
    visit(page, reverse("placements:assessment", args=[slug]), heading="Record the data protection impact assessment")
    visit(page, reverse("placements:budget-add", args=[slug]), heading="Add an individual budget")
    visit(page, reverse("placements:request-add", args=[slug]), heading="Request a placement or package")
    submit_empty(page, "Save", expected_error="Select the framework")
    visit(page, reverse("placements:request", args=[placed.pk]), heading=f"Placement request {placed.reference}")
    visit(page, reverse("placements:child-details", args=[placed.pk]), heading="The child's personal details")
    visit(page, reverse("placements:request-end", args=[placed.pk]), heading=f"End placement {placed.reference}")
    visit(page, reverse("placements:request", args=[open_request.pk]), heading=f"Placement request {open_request.reference}")
    draft = placements["draft"]
    visit(page, reverse("placements:request-edit", args=[draft.pk]), heading=f"Change request {draft.reference}")
    page.get_by_label("Needs").fill("")
    submit_empty(page, "Save", expected_error="Enter the needs")
    visit(page, reverse("placements:request-send", args=[open_request.pk]), heading=f"Send {open_request.reference} to providers")
    visit(page, reverse("placements:request-cancel", args=[open_request.pk]), heading=f"Cancel request {open_request.reference}")
    visit(page, reverse("placements:request-choose", args=[open_request.pk]), heading=f"Choose an offer for {open_request.reference}")
    submit_empty(page, "Record the choice", expected_error="Select the offer chosen")

    holder = signed_in_page(new_page, live_server, demo["analyst"])
    visit(holder, reverse("placements:my-budgets"), heading="Individual budgets you hold")
    visit(holder, reverse("placements:budget", args=[budget.pk]), heading=f"Individual budget {budget.reference}")
    visit(holder, reverse("placements:budget-line-add", args=[budget.pk]), heading=f"Record spend or a commitment: {budget.reference}")
    submit_empty(holder, "Save", expected_error="Select whether the money is committed or spent")
    visit(holder, reverse("placements:budget-revise", args=[budget.pk]), heading=f"Revise the budget: {budget.reference}")
    submit_empty(holder, "Revise the budget", expected_error="budget is changed")
    visit(holder, reverse("placements:budget-request-add", args=[budget.pk]), heading=f"Request a placement or package: {budget.reference}")
