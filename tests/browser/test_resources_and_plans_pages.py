"""The resources and forward-plan pages, checked with axe-core.

Loads the partnerships, resources and plans demos once (the needs demo is not
needed: the outcome areas and procurement thresholds come from data migrations,
put back here because the live-server tests empty the database between tests).
The demo plans are all published and its appraisal decided, so the test makes a
draft intention, a draft appraisal and a subscriber through the plans services
to reach the pages for publishing, costing, deciding and (un)subscribing.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def plymouth(demo):
    from jointly.partnerships.models import Trust
    from jointly.plans import demo as plans_demo
    from jointly.providers import demo as providers_demo
    from jointly.resources import demo as resources_demo

    restore_seeded_configuration()
    # The directory first, so the spend form offers its services and the spend list links to them.
    providers_demo.load()
    resources_demo.load()
    plans_demo.load()
    return Trust.objects.get(slug="plymouth")


def test_the_resources_and_plans_pages_are_accessible(demo, plymouth, new_page, live_server):
    from jointly.plans.models import CommissioningIntention, MakeOrBuyAppraisal
    from jointly.resources.models import PooledFund

    slug = plymouth.slug
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("resources:overview", args=[slug]))
    visit(page, reverse("resources:report", args=[slug, "by-outcome"]))
    expect(page.locator("figure").first).to_be_visible()
    expect(page.locator("table").first).to_be_visible()
    visit(page, reverse("resources:vcs", args=[slug]))
    visit(page, reverse("resources:spend", args=[slug]))
    fund = PooledFund.objects.filter(trust=plymouth).order_by("pk").first()
    assert fund is not None, "the resources demo gives Plymouth a pooled fund"
    visit(page, reverse("resources:fund", args=[slug, fund.pk]), heading=fund.name)
    visit(page, reverse("resources:spend-add", args=[slug]))
    submit_empty(page, "Save", expected_error="Select the partner that pays")
    check_budgets_funds_and_upload(page, slug, fund)

    # The forward plan, as anyone sees it.
    public = new_page()
    visit(public, reverse("plans:forward-plan", args=[slug]))
    intention = CommissioningIntention.objects.filter(trust=plymouth, status=CommissioningIntention.Status.PUBLISHED).order_by("pk").first()
    visit(public, reverse("plans:intention", args=[slug, intention.pk]), heading=intention.title)
    check_subscribing(public, plymouth)

    # The staff side: every intention, and a make-or-buy appraisal.
    visit(page, reverse("plans:intentions", args=[slug]))
    appraisal = MakeOrBuyAppraisal.objects.get(trust=plymouth)
    visit(page, reverse("plans:appraisal", args=[slug, appraisal.pk]))
    check_an_intention_through_its_life(page, plymouth, demo["commissioner"])
    check_make_or_buy(page, plymouth, demo["commissioner"])

    # Across the region: the regional lead compares every Peninsula trust; anyone may read the region's plan.
    lead = signed_in_page(new_page, live_server, demo["regional-lead"])
    region = plymouth.region
    visit(
        lead,
        reverse("resources:region-vcs", args=[region.slug]),
        heading=f"Investment in the voluntary, community and social enterprise sector (VCSE), {region.name}",
    )
    # Cornwall is outside the commissioner's trusts, inside the regional lead's.
    expect(lead.locator("table").first).to_contain_text("Cornwall Children's Trust")
    visit(public, reverse("plans:region-forward-plan", args=[region.slug]), heading="Forward plan of commissioning intentions")
    expect(public.get_by_role("link", name="Torbay Children's Trust")).to_be_visible()


def check_budgets_funds_and_upload(page, slug, fund):
    visit(page, reverse("resources:budgets", args=[slug]), heading="Budgets and funding streams")
    visit(page, reverse("resources:budget-add", args=[slug]), heading="Add a budget")
    visit(page, reverse("resources:funding-stream-add", args=[slug]), heading="Add a funding stream")
    visit(page, reverse("resources:funds", args=[slug]), heading="Pooled funds and aligned budgets")
    expect(page.get_by_role("link", name=fund.name)).to_be_visible()
    visit(page, reverse("resources:fund-add", args=[slug]), heading="Add a pooled fund or aligned budget")
    # Its radios and date field come back with errors differently from the spend form's (checked above, same template).
    submit_empty(page, "Save", expected_error="Enter the name of the fund")
    visit(page, reverse("resources:contribution-add", args=[slug, fund.pk]), heading=f"Record a contribution to {fund.name}")
    visit(page, reverse("resources:spend-upload", args=[slug]), heading="Upload a spend file")


def check_subscribing(public, trust):
    """Subscribe, confirm from the emailed link, unsubscribe: no account needed."""
    from jointly.plans import subscriptions
    from jointly.plans.models import Subscriber

    visit(public, reverse("plans:subscribe", args=[trust.slug]), heading=f"Get emails when {trust.name}'s forward plan changes")
    submit_empty(public, "Subscribe", expected_error="Enter your email address")
    subscriptions.subscription_request(trust=trust, email="reader@example.com")
    subscriber = Subscriber.objects.get(trust=trust, email="reader@example.com")
    visit(public, reverse("plans:subscribe-confirm", args=[subscriber.token]), heading="Confirm your subscription")
    public.get_by_role("button", name="Confirm subscription", exact=True).click()
    expect(public.get_by_role("heading", level=1)).to_have_text("Forward plan of commissioning intentions")
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    visit(public, reverse("plans:unsubscribe", args=[subscriber.token]), heading="Unsubscribe")


def check_an_intention_through_its_life(page, trust, commissioner):
    """Draft, publish, change and withdraw: each step's page, with a draft made through the service."""
    from jointly.plans import services
    from jointly.plans.models import CommissioningIntention, IntentionKind, Route

    visit(page, reverse("plans:intention-add", args=[trust.slug]), heading="Add a commissioning intention")
    submit_empty(page, "Save", expected_error="Enter a title for the intention")
    draft = services.intention_create(
        trust=trust,
        by=commissioner,
        title="Short breaks for disabled children",
        kind=IntentionKind.COMMISSION,
        route=Route.GRANT,
        estimated_annual_value=Decimal(90000),
        total_value=Decimal(270000),
    )
    args = [trust.slug, draft.pk]
    visit(page, reverse("plans:intention-manage", args=args), heading=draft.title)
    expect(page.locator("main .govuk-tag")).to_have_text("Draft")
    visit(page, reverse("plans:intention-edit", args=args), heading=f"Change: {draft.title}")
    visit(page, reverse("plans:intention-publish", args=args), heading=f"Publish: {draft.title}")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator("main .govuk-tag")).to_have_text("Published")
    draft.refresh_from_db()
    assert draft.status == CommissioningIntention.Status.PUBLISHED
    visit(page, reverse("plans:intention-withdraw", args=args), heading=f"Withdraw: {draft.title}")


def check_make_or_buy(page, trust, commissioner):
    """The demo's appraisal is decided; a new draft one shows the pages for costing options and deciding."""
    from jointly.plans import services

    visit(page, reverse("plans:appraisals", args=[trust.slug]), heading="Make or buy")
    visit(page, reverse("plans:appraisal-add", args=[trust.slug]), heading="Start a make-or-buy appraisal")
    draft = services.appraisal_create(trust=trust, by=commissioner, service_name="Short breaks", unit_name="child supported for a year")
    args = [trust.slug, draft.pk]
    visit(page, reverse("plans:option-add", args=args), heading="Cost an option: Short breaks")
    visit(page, reverse("plans:appraisal-decide", args=args), heading="Decide: Short breaks")
