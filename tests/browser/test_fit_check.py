"""The fit check itself: it must fail on a page that scrolls sideways, and say what sticks out."""

import pytest

from .helpers import NARROW, WIDE, assert_accessible, assert_fits, assert_fits_at_widths

pytestmark = pytest.mark.browser

_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Fit</title>
<style>body {{ margin: 0 }} .hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%) }}</style>
</head><body><main><h1>Fit</h1>{body}</main></body></html>"""


def _fails(page, check=assert_fits):
    with pytest.raises(pytest.fail.Exception) as failure:
        check(page)
    return str(failure.value)


def test_a_page_wider_than_the_window_fails_naming_what_sticks_out(page):
    page.set_content(_PAGE.format(body='<div id="wide" style="width: 2000px">Wide</div>'))
    report = _fails(page)
    assert "is 2000 px wide in a 1280 px window: it scrolls sideways" in report
    assert 'div#wide reaches 2000 px: "Wide"' in report


def test_a_long_word_that_overflows_its_paragraph_is_found(page):
    page.set_viewport_size({"width": NARROW, "height": 800})
    page.set_content(_PAGE.format(body=f'<p class="long">{"x" * 120}</p>'))
    assert "p.long reaches" in _fails(page)


def test_a_table_that_scrolls_in_its_own_positioned_region_fits(page):
    table = '<table><tr><td style="min-width: 2000px">Wide</td><td>End<span class="hidden"> of the row</span></td></tr></table>'
    page.set_content(_PAGE.format(body=f'<div style="overflow-x: auto; position: relative" tabindex="0">{table}</div>'))
    assert_fits(page)
    # Without `position: relative` the visually hidden text is placed against the page, not the region.
    page.set_content(_PAGE.format(body=f'<div style="overflow-x: auto" tabindex="0">{table}</div>'))
    assert "span.hidden" in _fails(page)


def test_the_page_is_tried_at_both_widths_and_given_back_its_size(page):
    # Fits at 1,280 px, not at 375 px.
    page.set_content(_PAGE.format(body='<div id="mid" style="width: 600px">Middle</div>'))
    assert_fits(page)
    assert "at 375 px" in _fails(page, assert_fits_at_widths)
    assert page.viewport_size["width"] == WIDE
    page.set_content(_PAGE.format(body="<p>Fits anywhere</p>"))
    assert_accessible(page)
    assert page.viewport_size["width"] == WIDE
