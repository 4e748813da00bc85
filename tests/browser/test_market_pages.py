"""The market analysis pages, checked with axe-core: a trust's overview, a category and the regional view.

Loads the partnerships, directory and spend demos, the data the measures are worked out from.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import signed_in_page, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def plymouth(demo):
    from jointly.partnerships.models import Trust
    from jointly.providers import demo as providers_demo
    from jointly.resources import demo as resources_demo

    restore_seeded_configuration()
    providers_demo.load()
    resources_demo.load()
    return Trust.objects.get(slug="plymouth")


def test_the_market_pages_are_accessible(demo, plymouth, new_page, live_server):
    page = signed_in_page(new_page, live_server, demo["regional-lead"])
    visit(page, reverse("markets:overview", args=[plymouth.slug]), heading="Market analysis")
    expect(page.locator("table").first).to_contain_text("Stay safe")
    # The year and tier switcher works without scripts: a plain GET form.
    page.get_by_label("Tier").select_option("targeted")
    page.get_by_role("button", name="Show").click()
    assert "tier=targeted" in page.url
    visit(page, reverse("markets:category", args=[plymouth.slug, "stay-safe"]), heading="Stay safe")
    expect(page.locator("figure svg").first).to_be_visible()
    page.get_by_text("How these measures are worked out").click()
    expect(page.get_by_text("Horizontal Merger Guidelines (1992)")).to_be_visible()
    visit(page, reverse("markets:region", args=[plymouth.region.slug]), heading="Market analysis across the region")
    expect(page.locator("table").first).to_contain_text("Devon")
