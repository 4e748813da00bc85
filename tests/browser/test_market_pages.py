"""The market analysis pages, checked with axe-core: a trust's overview, a category and the regional view.

Loads the partnerships, directory and spend demos, the data the measures are worked out from.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import assert_accessible, signed_in_page, visit

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
    from jointly.places.models import Area
    from tests.factories import AreaFactory

    AreaFactory(code="E05000901", name="Stoke", kind=Area.Kind.WARD, parent=plymouth.area)
    page = signed_in_page(new_page, live_server, demo["regional-lead"])
    visit(page, reverse("markets:overview", args=[plymouth.slug]), heading="Market analysis")
    expect(page.locator("table").first).to_contain_text("Stay safe")
    # The year and tier switcher works without scripts: a plain GET form.
    page.get_by_label("Tier").select_option("targeted")
    page.get_by_role("button", name="Show").click()
    assert "tier=targeted" in page.url
    # Narrowed to a ward, and a place that is not in the area (the error summary, with the whole area shown).
    page.get_by_label("Place").select_option("E05000901")
    page.get_by_role("button", name="Show").click()
    assert "place=E05000901" in page.url
    expect(page.get_by_text("Place: Stoke")).to_be_visible()
    assert_accessible(page, "(narrowed to a ward)")
    visit(page, reverse("markets:overview", args=[plymouth.slug]) + "?place=E09999999", state="(a place outside the area)")
    expect(page.locator(".govuk-error-summary")).to_contain_text("E09999999 is not a district or ward in Plymouth")
    visit(page, reverse("markets:category", args=[plymouth.slug, "stay-safe"]), heading="Stay safe")
    expect(page.locator("figure svg").first).to_be_visible()
    page.get_by_text("How these measures are worked out").click()
    expect(page.get_by_text("Horizontal Merger Guidelines (1992)")).to_be_visible()
    visit(page, reverse("markets:region", args=[plymouth.region.slug]), heading="Market analysis across the region")
    expect(page.locator("table").first).to_contain_text("Devon")
