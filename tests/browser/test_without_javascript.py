"""The service works with JavaScript switched off (GOV.UK: progressive enhancement).

axe-core cannot run in a page with scripts off; the same pages are checked
with scripts on in test_partnership_pages.py.
"""

import re

import pytest
from playwright.sync_api import expect

from .helpers import sign_in

pytestmark = pytest.mark.browser


def test_a_commissioner_appoints_someone_to_a_vacant_seat_without_javascript(demo, new_page, live_server):
    from jointly.partnerships.models import Body, Seat

    page = new_page(java_script_enabled=False)
    sign_in(page, demo["commissioner"], demo.password)
    expect(page).to_have_url(f"{live_server.url}/")
    # The page's own scripts never ran: GOV.UK Frontend's marker class is missing.
    expect(page.locator("body")).not_to_have_class(re.compile(r"js-enabled"))

    board = Body.objects.get(trust__slug="plymouth", kind=Body.Kind.BOARD)
    seat = Seat.objects.get(body=board, title="VCS forum representative (2)")
    assert seat.status == Seat.Status.VACANT
    page.goto(board.get_absolute_url())
    page.get_by_role("link", name=f"Appoint to {seat.title}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Appoint to {seat.title}")

    holder = demo["participant"]
    page.get_by_label("Who will hold the seat?").select_option(label=holder.full_name)
    for legend, (day, month, year) in {"Term starts": ("1", "9", "2026"), "Term ends": ("31", "8", "2029")}.items():
        dates = page.get_by_role("group", name=legend)
        dates.get_by_label("Day").fill(day)
        dates.get_by_label("Month").fill(month)
        dates.get_by_label("Year").fill(year)
    page.get_by_role("button", name="Appoint", exact=True).click()

    expect(page).to_have_url(re.compile(re.escape(board.get_absolute_url()) + "$"))
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(f"{holder.full_name} now holds the seat '{seat.title}'")
    seat.refresh_from_db()
    assert (seat.status, seat.holder_id, str(seat.term_start), str(seat.term_end)) == (Seat.Status.FILLED, holder.pk, "2026-09-01", "2029-08-31")
