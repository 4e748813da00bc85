"""Signing in through the real forms, as each demo persona, and the pages on the way."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

from .helpers import assert_accessible, sign_in, totp_code

pytestmark = pytest.mark.browser

# One of each role, by demo handle.
PERSONAS = ["commissioner", "analyst", "board", "provider", "evaluator", "participant", "regional-lead", "admin"]


def test_every_persona_signs_in_through_the_forms_and_lands_on_the_home_page(demo, new_page, live_server):
    page = new_page()
    page.goto("/sign-in/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Jointly")
    assert_accessible(page, "(with the demo sign-ins table)")

    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    assert_accessible(page, "(submitted empty)")

    page.get_by_label("Email address", exact=True).fill(demo["analyst"].email)
    page.get_by_label("Password", exact=True).fill("not the password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The email address or password is not right")
    assert_accessible(page, "(wrong password)")

    for handle in PERSONAS:
        person = demo[handle]
        page = new_page()
        sign_in(page, person, demo.password)
        expect(page).to_have_url(f"{live_server.url}/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
        expect(page.get_by_role("link", name="Your account", exact=True)).to_be_visible()
        assert_accessible(page, f"(home page, signed in as {handle})")

        if handle == "commissioner":
            # Everyone signs out the same way: check that page once.
            page.get_by_role("link", name="Sign out", exact=True).click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Sign out")
            assert_accessible(page)
            page.get_by_role("button", name="Sign out of Jointly").click()
            expect(page.locator(".govuk-notification-banner--success")).to_contain_text("You have signed out.")
            assert_accessible(page, "(signed out)")
            expect(page.get_by_role("link", name="Sign in", exact=True).first).to_be_visible()


def test_a_wrong_security_code_is_explained(demo, page):
    person = demo["regional-lead"]
    page.goto("/sign-in/")
    page.get_by_label("Email address", exact=True).fill(person.email)
    page.get_by_label("Password", exact=True).fill(demo.password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/account/two-factor/"))

    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the 6-digit security code")
    assert_accessible(page, "(security code submitted empty)")

    right = totp_code(person.totpdevice_set.get())
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    page.get_by_label("Security code", exact=True).fill(wrong)
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The security code is not right")
    assert_accessible(page, "(wrong security code)")


def test_a_commissioner_without_an_authenticator_sets_one_up(settings, page, live_server):
    from jointly.accounts.models import Role

    settings.DEMO_MODE = False  # as in production: no code shown on the page
    person = UserFactory(role=Role.COMMISSIONER, email="new.commissioner@example.org")
    person.set_password("a long enough password")
    person.save()

    page.goto("/sign-in/")
    page.get_by_label("Email address", exact=True).fill(person.email)
    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your security code")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert_accessible(page, "(setting up an authenticator)")

    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the 6-digit security code")
    assert_accessible(page, "(set-up submitted empty)")

    device = person.totpdevice_set.get(confirmed=False)
    page.get_by_label("Security code", exact=True).fill(totp_code(device))
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert person.totpdevice_set.get().confirmed


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})")
    assert focused == {"text": "Skip to main content", "href": "#main-content"}
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    # The next Tab lands inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
