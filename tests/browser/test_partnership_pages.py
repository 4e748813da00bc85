"""Every partnership page, checked with axe-core as the people who use it see it.

Each test loads the demo once and walks many pages: loading it is the slow
part, so the tests are few and long. Forms are checked empty, submitted empty
(the error summary) and, where the walk needs it, submitted for real.
"""

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import assert_accessible, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


def _paper_url(paper):
    return reverse("partnerships:paper-detail", args=[paper.pk])


@pytest.fixture
def plymouth(demo):
    from jointly.partnerships.models import Body, Paper, Seat, Trust

    trust = Trust.objects.get(slug="plymouth")
    board = Body.objects.get(trust=trust, kind=Body.Kind.BOARD)
    return {
        "trust": trust,
        "board": board,
        "commissioning": Body.objects.get(trust=trust, kind=Body.Kind.COMMISSIONING_GROUP),
        "vacant_seat": Seat.objects.get(body=board, title="VCS forum representative (2)"),
        "filled_seat": Seat.objects.get(body=board, title="VCS forum representative (1)"),
        "paper": Paper.objects.get(body__trust=trust, confidential=False),
        "confidential_paper": Paper.objects.get(body__trust=trust, confidential=True),
    }


def test_a_commissioner_reads_the_partnership_pages(demo, plymouth, new_page, live_server):
    from jointly.core.models import Job

    page = signed_in_page(new_page, live_server, demo["commissioner"])
    trust, board = plymouth["trust"], plymouth["board"]

    visit(page, reverse("partnerships:region-list"), heading="Partnerships")
    page.get_by_role("link", name="Peninsula", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Peninsula")
    assert_accessible(page)

    visit(page, trust.get_absolute_url(), heading=trust.name)
    page.get_by_role("link", name=re.compile("^Representation check")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Representation check")
    assert_accessible(page)

    visit(page, board.get_absolute_url(), heading=board.name)
    visit(page, _paper_url(plymouth["paper"]), heading=plymouth["paper"].title)
    visit(page, _paper_url(plymouth["confidential_paper"]), heading=plymouth["confidential_paper"].title)
    expect(page.locator(".govuk-warning-text")).to_contain_text("Confidential")

    # History: a trust's, and a body's with the record of the confidential paper's reading.
    visit(page, reverse("audit:history", args=["partnerships.trust", trust.pk]))
    visit(page, reverse("audit:history", args=["partnerships.paper", plymouth["confidential_paper"].pk]))
    visit(page, reverse("audit:history", args=["partnerships.seat", plymouth["filled_seat"].pk]))

    visit(page, reverse("accounts:account"), heading="Your account")
    submit_empty(page, "Create a token", expected_error="Enter what will use this token")
    page.get_by_label("What will use this token?").fill("Monthly upload script")
    page.get_by_role("button", name="Create a token", exact=True).click()
    expect(page.locator(".govuk-panel")).to_contain_text("Token created")
    assert_accessible(page, "(token just created)")

    job = Job.objects.create(
        kind="demo",
        title="Importing indicators",
        status=Job.Status.RUNNING,
        progress_done=40,
        progress_total=100,
        created_by=demo["commissioner"],
        trust=trust,
    )
    visit(page, reverse("core:job-detail", args=[job.pk]), heading="Importing indicators")

    # Another trust's records are not found; a page that does not exist neither.
    visit(page, reverse("partnerships:trust-detail", args=["essex"]), status=404, heading="Page not found")
    visit(page, "/no-such-page/", status=404, heading="Page not found")


def test_a_commissioner_uses_the_seat_forms(demo, plymouth, new_page, live_server):
    from jointly.partnerships.models import Seat

    page = signed_in_page(new_page, live_server, demo["commissioner"])
    vacant, filled, board = plymouth["vacant_seat"], plymouth["filled_seat"], plymouth["board"]

    visit(page, reverse("partnerships:seat-appoint", args=[vacant.pk]), heading=f"Appoint to {vacant.title}")
    submit_empty(page, "Appoint", expected_error="Select who will hold the seat")
    # The people drop-down is an autocomplete: type, then pick.
    page.get_by_role("combobox", name="Who will hold the seat?").fill(demo["participant"].full_name)
    page.get_by_role("option", name=demo["participant"].full_name, exact=True).click()
    start = page.get_by_role("group", name="Term starts")
    start.get_by_label("Day").fill("1")
    start.get_by_label("Month").fill("9")
    start.get_by_label("Year").fill("2026")
    end = page.get_by_role("group", name="Term ends")
    end.get_by_label("Day").fill("31")
    end.get_by_label("Month").fill("2")
    end.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Appoint", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The date the term ends must be a real date")
    assert_accessible(page, "(a date that does not exist)")

    visit(page, reverse("partnerships:seat-vacate", args=[filled.pk]), heading=f"End the term in {filled.title}")
    submit_empty(page, "End the term", expected_error="Enter why the term is ending")
    page.get_by_label("Why is the term ending?").fill("Stepped down from the forum.")
    page.get_by_role("button", name="End the term", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(board.get_absolute_url()) + "$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("is now vacant")
    assert_accessible(page, "(term just ended)")
    filled.refresh_from_db()
    assert filled.status == Seat.Status.VACANT

    held = Seat.objects.get(body=plymouth["commissioning"], title="VCS forum representative")
    visit(page, reverse("partnerships:report-back-create", args=[held.pk]), heading=f"Record a report-back for {held.title}")
    submit_empty(page, "Record report-back", expected_error="Enter what was reported")
    # The error summary's link takes the keyboard to the field.
    page.locator(".govuk-error-summary").get_by_role("link", name="Enter what was reported").click()
    expect(page.get_by_label("What was reported")).to_be_focused()

    visit(page, reverse("audit:history", args=["partnerships.seat", filled.pk]), state="(after the term ended)")


def test_a_commissioner_manages_organisations_and_the_trust(demo, plymouth, new_page, live_server):
    from jointly.partnerships.models import Organisation

    page = signed_in_page(new_page, live_server, demo["commissioner"])
    trust, board = plymouth["trust"], plymouth["board"]
    organisation = Organisation.objects.get(name="Plymouth Young Carers Project")

    visit(page, reverse("partnerships:organisation-list"), heading="Organisations")
    page.get_by_label("Name, charity or company number").fill("Plymouth")
    page.get_by_label("Sector").select_option(label="Voluntary and community sector")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name=organisation.name)).to_be_visible()
    assert_accessible(page, "(search results)")
    visit(page, reverse("partnerships:organisation-list") + "?page=2", state="(second page)")

    visit(page, organisation.get_absolute_url(), heading=organisation.name)
    visit(page, reverse("partnerships:organisation-people", args=[organisation.slug]), heading="People")
    visit(page, reverse("partnerships:organisation-edit", args=[organisation.slug]), heading=f"Change {organisation.name}")
    page.get_by_label("Organisation name").fill("")
    submit_empty(page, "Save", expected_error="Enter the organisation's name")
    visit(page, reverse("partnerships:organisation-create"), heading="Add an organisation")
    submit_empty(page, "Save", expected_error="Enter the organisation's name")
    visit(page, reverse("audit:history", args=["partnerships.organisation", organisation.pk]))

    # Managing the trust's bodies, seats, partners and papers.
    visit(page, reverse("partnerships:body-create", args=[trust.slug]), heading="Add a body")
    submit_empty(page, "Add the body", expected_error="Enter the name of the body")
    visit(page, reverse("partnerships:body-edit", args=[trust.slug, board.slug]), heading=f"Change {board.name}")
    page.get_by_label("Name of the body").fill("")
    submit_empty(page, "Save changes", expected_error="Enter the name of the body")
    visit(page, reverse("partnerships:seat-create", args=[trust.slug, board.slug]), heading="Add a seat")
    submit_empty(page, "Add the seat", expected_error="Enter the seat's title")
    visit(page, reverse("partnerships:seat-edit", args=[plymouth["vacant_seat"].pk]))
    page.get_by_label("Seat title").fill("")
    submit_empty(page, "Save changes", expected_error="Enter the seat's title")
    visit(page, reverse("partnerships:trust-partner-add", args=[trust.slug]), heading="Add a partner organisation")
    page.get_by_label("Search for an organisation").fill("Cornwall")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("heading", name=re.compile("Organisations matching"))).to_be_visible()
    assert_accessible(page, "(search results)")
    submit_empty(page, "Add the partner", expected_error="Select")
    visit(page, reverse("partnerships:paper-list", args=[trust.slug, board.slug]))
    visit(page, reverse("partnerships:paper-create", args=[trust.slug, board.slug]), heading="Add a paper")
    submit_empty(page, "Add the paper", expected_error="Enter")


def test_each_role_sees_its_own_pages(demo, plymouth, new_page, live_server):
    from jointly.partnerships.models import Organisation

    # A provider: their own organisation, which they may change, and the seat they hold.
    provider = demo["provider"]
    page = signed_in_page(new_page, live_server, provider)
    visit(page, provider.organisation.get_absolute_url(), heading=provider.organisation.name)
    page.get_by_role("link", name="Change details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Change {provider.organisation.name}")
    assert_accessible(page)
    visit(page, plymouth["board"].get_absolute_url())
    page.get_by_role("link", name=f"Record report-back for {plymouth['filled_seat'].title}").click()
    submit_empty(page, "Record report-back", expected_error="Enter the date of the report-back")
    # Another provider's private details are not theirs: the public record only.
    other = Organisation.objects.get(name="Plymouth Youth Clubs Network")
    visit(page, other.get_absolute_url(), heading=other.name)
    expect(page.get_by_role("heading", name="Private details")).to_have_count(0)
    visit(page, reverse("partnerships:organisation-edit", args=[other.slug]), status=403, heading="You cannot do this")

    # A participant may not see the representation check: a 403 with the reason.
    page = signed_in_page(new_page, live_server, demo["participant"])
    visit(page, plymouth["trust"].get_absolute_url(), heading=plymouth["trust"].name)
    visit(page, reverse("partnerships:representation", args=["plymouth"]), status=403, heading="You cannot do this")
    expect(page.get_by_role("main")).to_contain_text("cannot see the representation check")

    # A board member reads the confidential paper; an evaluator may not.
    page = signed_in_page(new_page, live_server, demo["board"])
    visit(page, _paper_url(plymouth["confidential_paper"]), heading=plymouth["confidential_paper"].title)
    page = signed_in_page(new_page, live_server, demo["evaluator"])
    visit(page, _paper_url(plymouth["confidential_paper"]), status=403, heading="You cannot do this")

    # A regional lead sees every trust in the region.
    page = signed_in_page(new_page, live_server, demo["regional-lead"])
    visit(page, reverse("partnerships:region-detail", args=["peninsula"]), heading="Peninsula")
    visit(page, reverse("partnerships:representation", args=["cornwall"]))

    # An administrator manages people.
    page = signed_in_page(new_page, live_server, demo["admin"])
    visit(page, reverse("accounts:user-list"), heading="People")
    visit(page, reverse("accounts:user-list") + "?page=2", state="(second page)")


def test_the_public_pages(demo, page):
    for path, heading in [
        (reverse("core:home"), "Plan and commission children's services together"),
        (reverse("core:accessibility"), None),
        (reverse("core:privacy"), None),
        (reverse("core:cookies"), None),
        (reverse("accounts:sign-in"), "Sign in to Jointly"),
    ]:
        visit(page, path, heading=heading)
    visit(page, "/no-such-page/", status=404, heading="Page not found")
    # The error page stands alone (it must render when everything else fails): serve it as the server would.
    error_page = render_to_string("core/500.html")
    page.route("**/server-error/", lambda route: route.fulfill(status=500, content_type="text/html; charset=utf-8", body=error_page))
    visit(page, "/server-error/", status=500, heading="Sorry, there is a problem with the service")
    # Signed-out visitors to a private page are asked to sign in.
    page.goto(reverse("partnerships:region-list"))
    expect(page).to_have_url(re.compile(r"/sign-in/\?next="))
