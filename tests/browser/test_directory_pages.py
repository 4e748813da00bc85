"""The directory pages, checked with axe-core: the public search, services and
organisations, the list-your-group form and its confirmation, a provider's own
entry with its forms and published versions, and the commissioner's review
queue. The directory demo is loaded once per test.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import assert_accessible, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def directory(demo):
    from jointly.providers import demo as providers_demo

    restore_seeded_configuration()  # the shared outcome areas the directory's services name
    providers_demo.load()


def test_the_directory_pages_are_accessible(demo, directory, new_page, live_server):
    from jointly.providers.models import DirectoryService, ProviderProfile, Revision

    page = new_page()
    visit(page, reverse("providers:directory"))
    page.get_by_label("Search", exact=True).fill("young carers")
    page.get_by_role("button", name="Apply filters", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=young\+carers"))
    assert_accessible(page, "(filtered)")
    # Near a postcode, without JavaScript needed: the same GET form, nearest first.
    visit(page, reverse("providers:directory"))
    page.get_by_label("Near a postcode or place").fill("PL1 2AA")
    page.get_by_role("button", name="Apply filters", exact=True).click()
    expect(page).to_have_url(re.compile(r"near=PL1\+2AA"))
    expect(page.locator("#near-order")).to_contain_text("Nearest first: services with a venue in PL1")
    assert_accessible(page, "(near a postcode)")

    service = DirectoryService.objects.order_by("pk").first()
    visit(page, reverse("providers:service", args=[service.uuid]))
    profile = ProviderProfile.objects.filter(published_at__isnull=False).select_related("organisation").order_by("pk").first()
    visit(page, reverse("providers:organisation", args=[profile.organisation.slug]), heading=profile.organisation.name)

    visit(page, reverse("providers:list-your-group"))
    submit_empty(page, "Send for checking", expected_error="Enter the name of your group")
    page.get_by_label("Name of your group").fill("Stonehouse Saturday Football")
    page.get_by_label("A community group or club").check()
    page.get_by_label("What do you do?").fill("Friendly football for children every Saturday morning.")
    page.get_by_label("Learning, play and having fun").check()
    page.get_by_label("Anyone of the right age").check()
    page.get_by_label("Plymouth", exact=True).check()
    page.get_by_label("Yes, it is free").check()
    page.get_by_label("Your name").fill("Sam Coach")
    page.get_by_label("Your email address").fill("sam@example.org")
    page.get_by_role("button", name="Send for checking").click()
    expect(page).to_have_url(re.compile(r"/directory/list-your-group/sent/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your group has been sent for checking")
    listing = Revision.objects.get(kind=Revision.Kind.LISTING, submitter_email="sam@example.org")
    assert listing.status == Revision.Status.PENDING
    expect(page.locator(".govuk-panel__body")).to_contain_text(listing.reference)
    assert_accessible(page, "(listing sent)")

    # The provider's own entry: "keep the directory" takes them to it.
    provider = demo["provider"]
    organisation = provider.organisation
    mine = signed_in_page(new_page, live_server, provider)
    mine.goto(reverse("providers:manage-start"))
    expect(mine).to_have_url(re.compile(rf"/directory/manage/{organisation.slug}/$"))
    assert_accessible(mine)
    visit(mine, reverse("providers:profile-edit", args=[organisation.slug]), heading="Change your directory details")
    visit(mine, reverse("providers:service-add", args=[organisation.slug]), heading="Add a service")
    submit_empty(mine, "Send for approval", expected_error="Enter the name of the service")
    own_service = DirectoryService.objects.filter(organisation=organisation).order_by("pk").first()
    assert own_service is not None, "the demo gives the provider's organisation services"
    visit(mine, reverse("providers:service-edit", args=[organisation.slug, own_service.uuid]), heading=f"Change {own_service.name}")
    expect(mine.get_by_label("Name of the service")).to_have_value(own_service.name)
    visit(mine, reverse("providers:service-versions", args=[own_service.uuid]), heading=f"Versions of {own_service.name}")
    expect(mine.locator("main table tbody a").first).to_contain_text("Version 1")
    visit(mine, reverse("providers:organisation-versions", args=[organisation.slug]), heading=f"Versions of {organisation.name}'s details")
    expect(mine.locator("main table tbody a").first).to_contain_text("Version 1")

    # A role that keeps no entry is told why, on the page itself.
    evaluator = signed_in_page(new_page, live_server, demo["evaluator"])
    visit(evaluator, reverse("providers:manage-start"), status=403, heading="You cannot do this")
    expect(evaluator.locator("main")).to_contain_text("Your role cannot keep directory entries")

    # The commissioner's queue of changes to check, and one change.
    staff = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(staff, reverse("providers:review"))
    waiting = Revision.objects.filter(status=Revision.Status.PENDING).order_by("pk")
    assert waiting.exists(), "the demo leaves changes for the Plymouth commissioner to check"
    staff.locator("main table a").first.click()
    expect(staff).to_have_url(re.compile(r"/directory/changes/\d+/$"))
    assert_accessible(staff, "(a change waiting for a decision)")
