"""Browser tests: Debian's Chromium, driven by Playwright against a live server, checked with axe-core.

Browser downloads are impossible here, so Playwright launches the system's
Chromium. Without it the tests skip locally with the reason, and fail in CI
(the CI variable is set): a check that silently cannot run is no check.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import watch
from .snapshots import bring_to, pytest_runtest_teardown  # noqa: F401  (the hook notes when the database was emptied)


def _chromium() -> Path:
    """JOINTLY_CHROMIUM if set; else Debian's headless shell, else Debian's chromium.

    The headless shell (Debian's chromium-headless-shell, the same version as chromium) is the
    same Blink without the desktop browser around it, as Playwright's own headless Chromium is:
    the browser suite takes about a quarter less time with it. scripts/ensure_chromium.sh installs both.
    """
    if os.environ.get("JOINTLY_CHROMIUM"):
        return Path(os.environ["JOINTLY_CHROMIUM"])
    shell = Path("/usr/bin/chromium-headless-shell")
    return shell if shell.is_file() and os.access(shell, os.X_OK) else Path("/usr/bin/chromium")


CHROMIUM = _chromium()
LAUNCH_ARGS = [
    "--no-sandbox",  # the tests run as root in CI
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
_TIMEOUT_MS = 15_000
COVERAGE_GUARD = "test_every_page_is_checked.py"


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder `browser`, and run the browser tests last.

    Playwright's sync API keeps an event loop marked as running in the test
    thread for as long as the shared browser is open; the other tests should
    never run beside it.
    """
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if browser_tests:
        others = [item for item in items if not item.get_closest_marker("browser")]
        # The guard that every page was checked reads what the other browser tests recorded, so it goes last.
        guard = [item for item in browser_tests if item.path.name == COVERAGE_GUARD]
        rest = [item for item in browser_tests if item.path.name != COVERAGE_GUARD]
        items[:] = others + rest + guard
    # Counted before -k or -m deselect any, so the guard knows whether the whole browser suite ran.
    config.jointly_browser_tests_collected = len(browser_tests)


@pytest.fixture(scope="session")
def browser(pytestconfig):
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        reason = f"Chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium), so the browser tests cannot run."
        if os.environ.get("CI"):
            pytest.fail(f"{reason} CI must run them.", pytrace=False)
        # test_every_page_is_checked skips for the same reason rather than report every page unchecked.
        pytestconfig.jointly_browser_skipped = reason
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Django refuses database calls from a thread with a running event loop,
    # which Playwright's sync API leaves in place; the tests themselves are synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (its own cookies): `new_page(java_script_enabled=False)`."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(_TIMEOUT_MS)
        contexts.append(context)
        page = watch(context.new_page())
        _watch_policies(page)
        page.jointly_javascript = options.get("java_script_enabled", True)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _watch_policies(page):
    """Count what the security headers refused (a script, a style, a feature name) as a problem with the page.

    The browser reports those only on the console, so a page that the policy
    broke would otherwise pass its checks unseen.
    """

    def on_console(message):
        # Chromium reports a blocked script as an error and a feature name it does not know as a warning.
        if message.type in ("error", "warning") and ("Content Security Policy" in message.text or "Permissions-Policy" in message.text):
            page.jointly_problems.append(f"refused by the security headers: {message.text}")

    page.on("console", on_console)


@pytest.fixture
def page(new_page):
    return new_page()


# --- Demo data --------------------------------------------------------------


@dataclass
class Demo:
    people: dict  # handle -> User
    password: str

    def __getitem__(self, handle):
        return self.people[handle]


@pytest.fixture
def demo(settings, transactional_db):
    """The partnerships demo (Peninsula and East of England), with the demo people's authenticators.

    Loaded once per run and copied back for each test after that, on SQLite (snapshots.bring_to).
    """
    from jointly.accounts.models import User
    from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
    from jointly.partnerships import demo as partnerships_demo

    settings.DEMO_MODE = True
    bring_to("partnerships", partnerships_demo.load)
    people = {user.email.removesuffix(DEMO_EMAIL_DOMAIN): user for user in User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN)}
    return Demo(people=people, password=partnerships_demo.DEMO_PASSWORD)
