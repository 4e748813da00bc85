"""The consultation pages, checked with axe-core, and answering with JavaScript off.

The demo consultations (one open, one closed with its "you said, we did"
published) are loaded once per test: they need only the partnerships demo.
"""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def consultations(demo):
    from jointly.consultations import demo as consultations_demo
    from jointly.consultations.models import Consultation

    consultations_demo.load()
    return {
        "open": Consultation.objects.get(title=consultations_demo.OPEN_TITLE),
        "closed": Consultation.objects.get(title=consultations_demo.CLOSED_TITLE),
    }


def _answer(page):
    page.get_by_role("group", name="How old are you?").get_by_label("11 to 15").check()
    page.get_by_role("group", name=re.compile("Have you been to a youth club")).get_by_label("Yes", exact=True).check()
    page.get_by_role("group", name=re.compile("How safe do you feel")).get_by_role("radio").first.check()
    page.get_by_label(re.compile("one thing that would make youth services better")).fill("More football")
    page.get_by_label("I am happy to share my answers").check()
    page.get_by_role("button", name="Send my answers", exact=True).click()


def test_the_public_and_staff_consultation_pages_are_accessible(demo, consultations, new_page, live_server):
    from jointly.consultations.models import Response

    open_, closed = consultations["open"], consultations["closed"]
    page = new_page()
    visit(page, f"/consult/{open_.slug}/", heading=open_.title)
    submit_empty(page, "Send my answers", expected_error="Choose how old you are")
    before = Response.objects.filter(consultation=open_).count()
    _answer(page)
    expect(page).to_have_url(re.compile(rf"/consult/{re.escape(open_.slug)}/sent/$"))
    assert_accessible(page, "(answers sent)")
    assert Response.objects.filter(consultation=open_).count() == before + 1

    visit(page, f"/consult/{closed.slug}/you-said-we-did/")
    expect(page.get_by_role("main")).to_contain_text("400 free places")

    staff = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(staff, f"/consultations/{closed.slug}/results/")
    expect(staff.locator("figure").first).to_be_visible()
    expect(staff.locator("table").first).to_be_visible()
    visit(staff, f"/consultations/{open_.slug}/results/", state="(open consultation)")


def test_a_person_without_an_account_answers_with_javascript_off(demo, consultations, new_page):
    from jointly.consultations.models import Response

    open_ = consultations["open"]
    page = new_page(java_script_enabled=False)
    visit(page, "/consult/")
    page.get_by_role("link", name=open_.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(open_.title)
    page.get_by_role("button", name="Send my answers", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose how old you are")
    before = Response.objects.filter(consultation=open_).count()
    _answer(page)
    expect(page).to_have_url(re.compile(r"/sent/$"))
    expect(page.locator(".govuk-panel")).to_be_visible()
    assert Response.objects.filter(consultation=open_).count() == before + 1
