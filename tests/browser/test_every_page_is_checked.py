"""Every page has an automated axe-core check in a real browser.

The other browser tests record each page axe-core passes (helpers.CHECKED_PAGES);
this guard, run last, fails naming any page no test checked, so a page cannot be
added without one. It judges only a run of the whole browser suite, and skips
with the browser tests when Chromium is missing outside CI.
"""

from pathlib import Path

import pytest

from tests.routes import POST_ONLY, site_routes

from .helpers import CHECKED_PAGES

# Downloads (CSV, XLSX, Atom, PDF, a bid's uploaded file) are files, not pages; POST_ONLY addresses are buttons on other pages.
DOWNLOAD_SUFFIXES = ("-csv", "-xlsx", "-atom", "-pdf", "-file")
ROUTES = site_routes()


def pages() -> set[str]:
    return {name for name, _ in ROUTES if not name.endswith(DOWNLOAD_SUFFIXES) and name not in POST_ONLY}


def test_the_guard_sees_every_app():
    namespaces = {name.split(":")[0] for name in pages()}
    assert {
        "core",
        "accounts",
        "partnerships",
        "needs",
        "assessment",
        "providers",
        "resources",
        "mapping",
        "markets",
        "capacity",
        "plans",
    } <= namespaces
    assert POST_ONLY <= {name for name, _ in ROUTES}


def test_every_page_is_checked(request):
    # Outside CI the browser tests skip when there is no Chromium (conftest.browser); under CI they fail instead.
    if reason := getattr(request.config, "jointly_browser_skipped", None):
        pytest.skip(reason)
    browser_items = [item for item in request.session.items if item.get_closest_marker("browser")]
    modules_run = {item.path.name for item in browser_items}
    every_module = {path.name for path in Path(__file__).parent.glob("test_*.py")}
    if modules_run < every_module or len(browser_items) < getattr(request.config, "jointly_browser_tests_collected", 0):
        pytest.skip("only part of the browser suite ran, so not every page could have been checked")
    failed = request.session.testsfailed
    unchecked = sorted(pages() - CHECKED_PAGES)
    assert not unchecked, (
        f"{len(unchecked)} page(s) had no axe-core check in this run"
        + (f" ({failed} test(s) failed before this one, which may explain some)" if failed else "")
        + ":\n"
        + "\n".join(unchecked)
    )
