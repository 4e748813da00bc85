"""The accessibility check itself: it must fail on a page that breaks the rules."""

import pytest

from .helpers import assert_accessible

pytestmark = pytest.mark.browser

# A 1x1 transparent GIF, so the page loads nothing from the network.
_PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"


def test_the_check_lists_each_violation_with_where_it_is(page):
    page.set_content(
        f"""<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>
        <h1>Broken</h1>
        <img id="no-alt" src="{_PIXEL}">
        <p id="faint" style="color:#bbbbbb;background:#ffffff">Hard to read</p>
        </main></body></html>"""
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    report = str(failure.value)
    assert "image-alt (WCAG, critical)" in report
    assert "#no-alt" in report
    assert "color-contrast (WCAG, serious)" in report
    assert "#faint" in report


def test_the_check_passes_a_page_that_keeps_the_rules(page):
    page.set_content(
        f"""<!DOCTYPE html><html lang="en"><head><title>Fine</title></head><body><main>
        <h1>Fine</h1><img src="{_PIXEL}" alt="A dot"><p>Easy to read</p></main></body></html>"""
    )
    assert_accessible(page)
