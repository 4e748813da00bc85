"""Each persona's main journey, from the home page, by links alone.

Each journey opens the home page once (page.goto) and from then on only clicks
links and buttons, as a person would. Every page it reaches is checked at 375 px
and 1,280 px: it fits without scrolling sideways and passes axe-core
(helpers.check_at_widths). The service navigation is checked to sit on one row
at 1,280 px for each of them. The personas are the demo's (README).
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import NARROW, WIDE, assert_accessible, check_at_widths, signed_in_page

pytestmark = pytest.mark.browser


@pytest.fixture
def whole_demo(demo):
    """Every app's demo, as `jointly load_demo` builds it (the partnerships part is the `demo` fixture's)."""
    from django.core.management import call_command

    restore_seeded_configuration()
    call_command("load_demo", stdout=io.StringIO())
    return demo


def threaded_priority():
    """A Plymouth priority the board approved, with targets and intentions: the whole thread to follow."""
    from jointly.assessment.models import Priority

    return (
        Priority.objects.filter(trust__slug="plymouth", status=Priority.Status.APPROVED, intentions__isnull=False, targets__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )


class Journey:
    """A person's way through the site: opened once at the home page, then moved on by clicks alone."""

    def __init__(self, page):
        self.page = page
        self.visited: list[str] = []
        self.too_wide: list[str] = []
        page.set_viewport_size({"width": WIDE, "height": 800})
        page.goto("/")
        self.check()

    def check(self):
        self.visited.append(self.page.url)
        rows = self.page.evaluate(
            "() => new Set([...document.querySelectorAll('.govuk-service-navigation__item')].map(i => Math.round(i.getBoundingClientRect().top))).size"
        )
        assert rows <= 1, f"the service navigation takes {rows} rows at {WIDE} px on {self.page.url}"
        try:
            check_at_widths(self.page)
        except pytest.fail.Exception as failure:
            if "scrolls sideways" not in str(failure):
                raise
            # A page too wide is noted and the journey goes on, so one wide table does not hide
            # what the rest of the way holds; axe still checks the page at both widths. done() fails.
            self.too_wide.append(str(failure))
            own = self.page.viewport_size
            for width in (NARROW, WIDE):
                self.page.set_viewport_size({"width": width, "height": 800})
                assert_accessible(self.page, f"at {width} px")
            self.page.set_viewport_size(own)

    def done(self):
        assert not self.too_wide, f"{len(self.too_wide)} page(s) on the way scroll sideways:\n" + "\n".join(self.too_wide)

    def _go(self, link, heading=None):
        expect(link).to_be_visible()
        link.click()
        self.page.wait_for_load_state()
        if heading is not None:
            expect(self.page.get_by_role("heading", level=1)).to_contain_text(heading)
        self.check()

    def click(self, name, *, heading=None, exact=False):
        """Follow a link in the page's main content, by its text."""
        self._go(self.page.locator("main").get_by_role("link", name=name, exact=exact).first, heading)

    def click_to(self, href_prefix, *, heading=None):
        """Follow the first link in the main content whose address starts so (a list's first item)."""
        self._go(self.page.locator(f"main a[href^='{href_prefix}']").first, heading)

    def click_href(self, href, *, heading=None):
        """Follow the link in the main content to this address (one the test picked from the demo)."""
        self._go(self.page.locator(f"main a[href='{href}']").first, heading)

    def menu(self, name, *, heading=None):
        """Follow an entry of the service navigation."""
        self._go(self.page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True), heading)

    def home(self):
        self._go(self.page.get_by_role("link", name="Jointly", exact=True), heading=None)


def a_member_of_the_public_finds_consultations_assessments_plans_services_and_offers(whole_demo, new_page, live_server):
    journey = Journey(new_page())
    page = journey.page
    journey.click("Consultations open now", heading="Have your say")
    journey.click_to("/consult/", heading=None)
    journey.home()
    journey.click("Published needs assessments", heading="Published needs assessments")
    journey.click_to("/needs-assessments/")
    journey.menu("Forward plans", heading="Forward plans")
    journey.click("Plymouth Children's Trust", heading="Forward plan")
    journey.click_to("/plans/plymouth/forward-plan/")
    journey.menu("Directory", heading="Find services")
    journey.click_to("/directory/services/")
    journey.menu("Support offers")
    journey.click_to("/capacity/offers/")
    journey.page.get_by_role("link", name="Sign in", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Jointly")
    journey.done()


def a_provider_keeps_their_entry_gives_evidence_and_finds_opportunities(whole_demo, new_page, live_server):
    journey = Journey(signed_in_page(new_page, live_server, whole_demo["provider"]))
    journey.click("Your directory entry")
    journey.home()
    journey.click("Contribute evidence")
    journey.home()
    journey.menu("Opportunities", heading="Opportunities to bid")
    journey.click_to("/opportunities/plymouth/")
    journey.menu("Opportunities", heading="Opportunities to bid")
    journey.click("See the grant programmes open for applications", heading="Grants")
    journey.done()


def a_commissioner_approves_directory_changes_and_follows_a_priority_s_thread(whole_demo, new_page, live_server):
    journey = Journey(signed_in_page(new_page, live_server, whole_demo["commissioner"]))
    assert "Plymouth" in journey.page.locator("main").inner_text()  # their first trust, not Devon
    journey.click("Directory changes waiting for approval", heading="waiting for approval")
    journey.click_to("/directory/changes/")
    journey.menu("Needs assessment", heading="Needs assessment")
    expect(journey.page.locator("main .govuk-caption-l").first).to_have_text("Plymouth Children's Trust")
    journey.click("Priorities", exact=True)
    priority = threaded_priority()
    journey.click_href(priority.get_absolute_url(), heading=priority.title)
    journey.click(re.compile("^Service map"))
    journey.menu("Plans")
    intention = priority.intentions.order_by("pk").first()
    journey.click_href(f"/plans/plymouth/intentions/{intention.pk}/", heading=intention.title)
    journey.click_href(priority.get_absolute_url(), heading=priority.title)  # the intention leads back to its priority
    journey.click(re.compile("^Spend on"))
    journey.menu("Partnership", heading="Plymouth")
    journey.click(re.compile("^Market analysis"))
    journey.done()


def a_board_member_reads_the_priorities_and_their_board(whole_demo, new_page, live_server):
    journey = Journey(signed_in_page(new_page, live_server, whole_demo["board"]))
    journey.click("Priorities waiting for the board's approval", heading="Priorities")
    journey.menu("Partnership", heading="Plymouth")
    journey.click_to("/partnerships/trusts/plymouth/bodies/")
    journey.done()


def a_young_person_or_parent_has_their_say(whole_demo, new_page, live_server):
    journey = Journey(signed_in_page(new_page, live_server, whole_demo["participant"]))
    journey.click("Consultations open now", heading="Have your say")
    journey.click_to("/consult/")
    journey.menu("Directory", heading="Find services")
    journey.done()


def a_regional_lead_compares_the_trusts_of_their_region(whole_demo, new_page, live_server):
    journey = Journey(signed_in_page(new_page, live_server, whole_demo["regional-lead"]))
    journey.click("Your region's partnerships")
    journey.click_to("/partnerships/trusts/")
    journey.click(re.compile("^Representation check"))
    journey.done()


def an_analyst_reads_the_evidence_and_the_profile(whole_demo, new_page, live_server):
    journey = Journey(signed_in_page(new_page, live_server, whole_demo["analyst"]))
    journey.menu("Needs assessment", heading="Needs assessment")
    journey.click("Evidence", exact=True)
    journey.menu("Service map", heading="Service map")
    journey.menu("Partnership", heading="Plymouth")
    journey.click(re.compile("^Area profile"))
    journey.done()


JOURNEYS = [
    a_member_of_the_public_finds_consultations_assessments_plans_services_and_offers,
    a_provider_keeps_their_entry_gives_evidence_and_finds_opportunities,
    a_commissioner_approves_directory_changes_and_follows_a_priority_s_thread,
    a_board_member_reads_the_priorities_and_their_board,
    a_young_person_or_parent_has_their_say,
    a_regional_lead_compares_the_trusts_of_their_region,
    an_analyst_reads_the_evidence_and_the_profile,
]


def test_each_persona_s_main_journey_by_links_alone(whole_demo, new_page, live_server):
    """Every journey on one demo: they only read, and loading the whole demo once, not seven times, saves minutes.

    Each runs to its end or its first failure; the test fails naming every journey that failed and why.
    """
    failures = []
    for journey in JOURNEYS:
        try:
            journey(whole_demo, new_page, live_server)
        except (Exception, pytest.fail.Exception) as failure:  # an assertion, a timeout, a failed check: each reported with its journey
            failures.append(f"{journey.__name__.replace('_', ' ')}:\n{failure}")
    assert not failures, f"{len(failures)} of {len(JOURNEYS)} journeys failed:\n\n" + "\n\n".join(failures)
