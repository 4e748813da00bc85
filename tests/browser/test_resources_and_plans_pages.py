"""The resources and forward-plan pages, checked with axe-core.

Loads the partnerships, resources and plans demos once (the needs demo is not
needed: the outcome areas and procurement thresholds come from data migrations,
put back here because the live-server tests empty the database between tests).
"""

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

    # The forward plan, as anyone sees it.
    public = new_page()
    visit(public, reverse("plans:forward-plan", args=[slug]))
    intention = CommissioningIntention.objects.filter(trust=plymouth, status=CommissioningIntention.Status.PUBLISHED).order_by("pk").first()
    visit(public, reverse("plans:intention", args=[slug, intention.pk]), heading=intention.title)

    # The staff side: every intention, and a make-or-buy appraisal.
    visit(page, reverse("plans:intentions", args=[slug]))
    appraisal = MakeOrBuyAppraisal.objects.get(trust=plymouth)
    visit(page, reverse("plans:appraisal", args=[slug, appraisal.pk]))
