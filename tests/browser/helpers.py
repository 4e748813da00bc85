"""What the browser tests do to a page: check it with axe-core, sign people in.

Fixtures live in conftest.py; these are plain functions so test modules can
import them by name.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import Resolver404, resolve
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from tests.conftest import signed_in_client

# WCAG 2.2 A and AA, which the Public Sector Bodies Accessibility Regulations ask
# for, and axe's best practices (landmarks, heading order, one h1), which keep
# pages easy to move around with a screen reader. Only violations are reported
# back in full: it makes each check about twice as fast.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]}, "resultTypes": ["violations"]}
_AXE = Axe()
_MAX_TARGETS_SHOWN = 8

# The URL names of the pages axe-core has passed in this run, for test_every_page_is_checked.
CHECKED_PAGES: set[str] = set()


def watch(page: Page) -> Page:
    """Record what would make an accessibility check meaningless: a stylesheet or
    script that failed to load (colour contrast is judged on the real CSS), or a
    script error."""
    problems: list[str] = []

    def on_response(response):
        if response.request.resource_type != "document" and response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    page.on("response", on_response)
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url} ({request.failure})"))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.jointly_problems = problems
    return page


def _scripts_on(page: Page) -> bool:
    return getattr(page, "jointly_javascript", True)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        kind = "WCAG" if set(violation["tags"]) & set(WCAG_TAGS) else "best practice"
        lines.append(f"- {violation['id']} ({kind}, {violation.get('impact') or 'no impact given'}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"][:_MAX_TARGETS_SHOWN]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}")
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            if summary:
                lines.append(f"       {summary[:300]}")
        hidden = len(violation["nodes"]) - _MAX_TARGETS_SHOWN
        if hidden > 0:
            lines.append(f"    and {hidden} more")
    return "\n".join(lines)


def assert_accessible(page: Page, state: str = "") -> None:
    """Fail, listing every violation axe-core finds on the page as it is now."""
    if not _scripts_on(page):
        # axe-core schedules its work with timers, which never fire with scripts off: it would wait forever.
        pytest.fail("axe-core cannot check a page with JavaScript switched off; check the page in another context.")
    where = f"{page.url} ({page.title()}){' ' + state if state else ''}"
    problems = getattr(page, "jointly_problems", [])
    if problems:
        pytest.fail(f"The page did not load cleanly, so it cannot be checked: {where}\n" + "\n".join(problems), pytrace=False)
    violations = _AXE.run(page, options=AXE_OPTIONS).response["violations"]
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility violation(s) on {where}:\n{format_violations(violations)}",
            pytrace=False,
        )
    _record_checked(page.url)


# The widths every page must fit without scrolling sideways: a small phone (WCAG 2.2's reflow
# criterion, 1.4.10, asks for 320 CSS px; 375 is the phone most people hold) and a laptop.
NARROW, WIDE = 375, 1280


def assert_fits(page: Page, state: str = "") -> None:
    """Fail if the page, as it is now, is wider than its viewport (it would scroll sideways)."""
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if sizes[0] > sizes[1]:
        pytest.fail(f"{page.url}{' ' + state if state else ''} is {sizes[0]} px wide in a {sizes[1]} px window: it scrolls sideways.", pytrace=False)


def check_at_widths(page: Page, state: str = "") -> None:
    """Check the page fits, and passes axe-core, at NARROW and at WIDE, then give it back its own size."""
    own = page.viewport_size
    try:
        for width in (NARROW, WIDE):
            page.set_viewport_size({"width": width, "height": 800})
            label = f"{state} at {width} px".strip()
            assert_fits(page, label)
            assert_accessible(page, label)
    finally:
        if own:
            page.set_viewport_size(own)


def _record_checked(url: str) -> None:
    try:
        CHECKED_PAGES.add(resolve(urlsplit(url).path).view_name)
    except Resolver404:
        pass


def totp_code(device) -> str:
    """The code the person's authenticator app shows now."""
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    return f"{token:0{device.digits}d}"


def sign_in(page: Page, user, password: str, *, check: bool = True) -> None:
    """Sign in through the real form, and the security-code form when the role needs it.

    A code is accepted once per 30-second window per device: to sign the same
    person in again within a test, use `sign_in_session` instead.
    """
    page.goto("/sign-in/")
    page.get_by_label("Email address", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    if user.needs_second_factor:
        expect(page).to_have_url(re.compile(r"/account/two-factor/"))
        if check and _scripts_on(page):
            assert_accessible(page, "(security code entry)")
        device = user.totpdevice_set.get(confirmed=True)
        page.get_by_label("Security code", exact=True).fill(totp_code(device))
        page.get_by_role("button", name="Continue", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/(sign-in|account/two-factor)/"))


def sign_in_session(context, user, base_url: str) -> None:
    """Give the browser a signed-in session without the forms (second factor passed)."""
    client = signed_in_client(user)
    assert client.session.get(DEVICE_ID_SESSION_KEY) or not user.needs_second_factor
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": base_url}])


def visit(page, path, *, heading=None, status=200, state=""):
    """Open a page, check it answered as expected, and check it with axe (when scripts are on)."""
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    if _scripts_on(page):
        assert_accessible(page, state)


def submit_empty(page, button, *, expected_error):
    """Send the form as it stands and check the error summary it comes back with."""
    page.get_by_role("button", name=button, exact=True).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text(expected_error)
    assert page.title().startswith("Error: ")
    if _scripts_on(page):
        # GOV.UK Frontend moves focus to the summary, so screen readers announce it first.
        expect(summary).to_be_focused()
        assert_accessible(page, "(submitted with errors)")


def signed_in_page(new_page, live_server, person, **options):
    """A new page whose browser is already signed in as `person`."""
    page = new_page(**options)
    sign_in_session(page.context, person, live_server.url)
    return page
