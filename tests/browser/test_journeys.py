"""Each persona's main journey, from the home page, by links alone.

Every page a journey reaches is checked at 375 px and 1,280 px: it fits without
scrolling sideways and passes axe-core (helpers.check_at_widths). After the first
page.goto (the home page, or the sign-in form) every move is a click on a link or
a button, as a person would make it.
"""

from __future__ import annotations

import io

import pytest

from .configuration import restore_seeded_configuration
from .helpers import WIDE

pytestmark = pytest.mark.browser


@pytest.fixture
def whole_demo(demo):
    """Every app's demo, as `jointly load_demo` builds it (the partnerships part is the `demo` fixture's)."""
    from django.core.management import call_command

    restore_seeded_configuration()
    call_command("load_demo", stdout=io.StringIO())
    return demo


def navigation_rows(page) -> int:
    """How many rows the service navigation's entries take."""
    return page.evaluate(
        "() => new Set([...document.querySelectorAll('.govuk-service-navigation__item')].map(item => item.getBoundingClientRect().top)).size"
    )


def test_measure(whole_demo, new_page, live_server):
    from .helpers import signed_in_page

    for who in [None, "commissioner", "analyst", "board", "provider", "participant", "regional-lead", "admin"]:
        page = new_page() if who is None else signed_in_page(new_page, live_server, whole_demo[who])
        page.set_viewport_size({"width": WIDE, "height": 800})
        page.goto("/")
        print(who, [i.inner_text() for i in page.locator(".govuk-service-navigation__item").all()], navigation_rows(page))
        print(
            page.evaluate(
                "() => { const l = [...document.querySelectorAll('.govuk-service-navigation__item')].pop(); return l && l.getBoundingClientRect().right }"
            )
        )
        print(page.locator("main").inner_text()[:1500])
