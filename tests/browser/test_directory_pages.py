"""The directory pages, checked with axe-core: the public search, services and
organisations, the list-your-group form, a provider's own entry and the
commissioner's review queue. The directory demo is loaded once per test.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import assert_accessible, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(demo):
    from jointly.providers import demo as providers_demo

    providers_demo.load()


def test_the_directory_pages_are_accessible(demo, directory, new_page, live_server):
    from jointly.providers.models import DirectoryService, ProviderProfile, Revision

    page = new_page()
    visit(page, reverse("providers:directory"))
    page.get_by_label("Search", exact=True).fill("young carers")
    page.get_by_role("button", name="Apply filters", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=young\+carers"))
    assert_accessible(page, "(filtered)")

    service = DirectoryService.objects.order_by("pk").first()
    visit(page, reverse("providers:service", args=[service.uuid]))
    profile = ProviderProfile.objects.filter(published_at__isnull=False).select_related("organisation").order_by("pk").first()
    visit(page, reverse("providers:organisation", args=[profile.organisation.slug]), heading=profile.organisation.name)

    visit(page, reverse("providers:list-your-group"))
    submit_empty(page, "Send for checking", expected_error="Enter the name of your group")

    # The provider's own entry.
    provider = demo["provider"]
    mine = signed_in_page(new_page, live_server, provider)
    visit(mine, reverse("providers:manage", args=[provider.organisation.slug]))

    # The commissioner's queue of changes to check, and one change.
    staff = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(staff, reverse("providers:review"))
    waiting = Revision.objects.filter(status=Revision.Status.PENDING).order_by("pk")
    assert waiting.exists(), "the demo leaves changes for the Plymouth commissioner to check"
    staff.locator("main table a").first.click()
    expect(staff).to_have_url(re.compile(r"/directory/changes/\d+/$"))
    assert_accessible(staff, "(a change waiting for a decision)")
