"""What the browser tests do to a page: check it with axe-core, sign people in.

Fixtures live in conftest.py; these are plain functions so test modules can
import them by name.
"""

from __future__ import annotations

import json
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


# The widths every page must fit without scrolling sideways: a small phone (WCAG 2.2's reflow
# criterion, 1.4.10, asks for 320 CSS px; 375 is the phone most people hold) and a laptop.
NARROW, WIDE = 375, 1280
WIDTHS = (WIDE, NARROW)
# axe-core runs at WIDE on every check, and at NARROW on each page's first check in the run: the
# narrow layout (the service navigation behind a menu button) is what a phone's screen reader meets.
# axe at NARROW on every check would add about a fifth to the browser suite, which `make test` runs
# twice; the fit is checked at both widths every time.
_NARROW_AXE_DONE: set[str] = set()


def assert_accessible(page: Page, state: str = "", *, axe_narrow_always: bool = False) -> None:
    """Fail if the page, as it is now, scrolls sideways at WIDE or NARROW, or axe-core finds a violation
    (at WIDE; at NARROW too on the page's first check).

    The page is given back its own size afterwards.
    """
    if not _scripts_on(page):
        # axe-core schedules its work with timers, which never fire with scripts off: it would wait forever.
        pytest.fail("axe-core cannot check a page with JavaScript switched off; check the page in another context.")
    where = f"{page.url} ({page.title()}){' ' + state if state else ''}"
    problems = getattr(page, "jointly_problems", [])
    if problems:
        pytest.fail(f"The page did not load cleanly, so it cannot be checked: {where}\n" + "\n".join(problems), pytrace=False)
    for width in _at_each_width(page):
        label = f"{state} at {width} px".strip()
        assert_fits(page, label)
        if axe_narrow_always or _axe_at(page, width):
            _assert_axe_passes(page, f"{where} at {width} px")
    _record_checked(page.url)


def _axe_at(page: Page, width: int) -> bool:
    if width == WIDE:
        return True
    name = _view_name(page.url)
    if name is None:
        return True
    if name in _NARROW_AXE_DONE:
        return False
    _NARROW_AXE_DONE.add(name)
    return True


# axe-core's script is 570 kB: compiling it again for each check of the same document (a page is checked at
# two widths, and again after each change) costs more than a small page's check. A new document has no axe.
_AXE_LOADED = "() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"
_AXE_RUN = f"axe.run({json.dumps(AXE_OPTIONS)}).then(results => results.violations)"


def _assert_axe_passes(page: Page, where: str) -> None:
    if not page.evaluate(_AXE_LOADED):
        page.evaluate(_AXE.axe_script)
    violations = page.evaluate(_AXE_RUN)
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} accessibility violation(s) on {where}:\n{format_violations(violations)}",
            pytrace=False,
        )


def _at_each_width(page: Page):
    """Yield each of WIDTHS with the page resized to it, then give the page back its own size."""
    own = page.viewport_size
    height = own["height"] if own else 800
    try:
        for width in WIDTHS:
            if (page.viewport_size or {}).get("width") != width:
                page.set_viewport_size({"width": width, "height": height})
                if _scripts_on(page):
                    # Let the page's own scripts answer the resize (GOV.UK's navigation folds into a menu).
                    # (With scripts off no frame or timer would ever come: the page's layout is already there.)
                    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            yield width
    finally:
        if own and page.viewport_size != own:
            page.set_viewport_size(own)


# What sticks out past the window's right edge, outside any region that scrolls or clips on its own:
# the innermost such elements (a long word overflows its paragraph without widening it), which are the
# ones to fix.
_OVERFLOWING = """() => {
  const doc = document.documentElement
  const edge = doc.clientWidth + 0.5
  if (doc.scrollWidth <= doc.clientWidth) return null
  const lifted = (style) => style.position === 'absolute' || style.position === 'fixed'
  // Inside a region that scrolls or clips (an absolutely placed element only by one that is positioned).
  const contained = (el) => {
    let escaping = lifted(getComputedStyle(el))
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up)
      const positioned = style.position !== 'static'
      if (escaping && !positioned) continue
      if (style.overflowX !== 'visible') return true
      if (positioned) escaping = lifted(style)
    }
    return false
  }
  const reach = (el) => { const box = el.getBoundingClientRect(); return Math.max(box.right, box.left + el.scrollWidth) }
  const name = (el) => {
    const classes = [...el.classList].slice(0, 3).map((c) => '.' + c).join('')
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50)
    return `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${classes} reaches ${Math.round(reach(el))} px` + (text ? `: "${text}"` : '')
  }
  const found = []
  for (const el of document.body.querySelectorAll('*')) {
    if (reach(el) <= edge || contained(el)) continue
    if ([...el.children].some((child) => reach(child) > edge)) continue
    found.push(name(el))
    if (found.length === 6) break
  }
  return [doc.scrollWidth, doc.clientWidth, found]
}"""


def assert_fits(page: Page, state: str = "") -> None:
    """Fail if the page, as it is now, is wider than its viewport (it would scroll sideways), naming what sticks out."""
    overflow = page.evaluate(_OVERFLOWING)
    if overflow:
        width, edge, culprits = overflow
        where = f"{page.url}{' ' + state if state else ''}"
        message = f"{where} is {width} px wide in a {edge} px window: it scrolls sideways." + "".join(f"\n  sticking out: {c}" for c in culprits)

        pytest.fail(message, pytrace=False)


def assert_fits_at_widths(page: Page, state: str = "") -> None:
    """Fail if the page scrolls sideways at WIDE or NARROW (works with scripts off too)."""
    for width in _at_each_width(page):
        assert_fits(page, f"{state} at {width} px".strip())


def check_at_widths(page: Page, state: str = "") -> None:
    """Check the page fits, and passes axe-core, at NARROW and at WIDE, then give it back its own size.

    With scripts off, only the fit (axe cannot run).
    """
    if _scripts_on(page):
        assert_accessible(page, state, axe_narrow_always=True)
    else:
        assert_fits_at_widths(page, state)


def _view_name(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return None


def _record_checked(url: str) -> None:
    name = _view_name(url)
    if name:
        CHECKED_PAGES.add(name)


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
    """Open a page, check it answered as expected, fits at both widths, and passes axe (assert_accessible; scripts on)."""
    # What the page before failed to load is not this page's fault (leaving a page aborts its
    # requests still in flight), so only what goes wrong from here on counts.
    if hasattr(page, "jointly_problems"):
        page.jointly_problems.clear()
    response = page.goto(path)
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    if heading:
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    if _scripts_on(page):
        assert_accessible(page, state)
    else:
        assert_fits_at_widths(page, state)


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
