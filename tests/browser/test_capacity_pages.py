"""Market development pages, checked with axe-core: open offers and booking (with its error state), the staff
pages (offers and events, changing and cancelling them), an organisation's support needs and find-partners
listing; and booking a place with JavaScript off."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import assert_accessible, signed_in_page, submit_empty, visit
from .snapshots import bring_to

pytestmark = pytest.mark.browser


@pytest.fixture
def capacity(demo):
    from jointly.capacity import demo as capacity_demo
    from jointly.partnerships.models import Trust

    bring_to("capacity", capacity_demo.load)  # once per run, then copied back (snapshots.py)
    return Trust.objects.get(slug="plymouth")


def _events(trust):
    from jointly.capacity.models import Event

    events = Event.objects.filter(offer__trust=trust).select_related("offer").order_by("starts_at")
    return events.filter(status=Event.Status.OPEN).first(), events.filter(status=Event.Status.FULL).first()


def test_the_open_pages_and_booking_are_accessible(capacity, new_page):
    from jointly.capacity.models import Registration

    open_event, full_event = _events(capacity)
    page = new_page()
    visit(page, reverse("capacity:offers"), heading="Training, mentoring and events for organisations")
    visit(page, reverse("capacity:offers") + f"?trust={capacity.slug}&need=bids")
    visit(page, reverse("capacity:offer", args=[open_event.offer_id]), heading=open_event.offer.title)
    visit(page, reverse("capacity:book", args=[open_event.pk]), heading="Book a place")
    submit_empty(page, "Book my place", expected_error="Enter your name")
    page.get_by_label("Your name").fill("Ann Small")
    page.get_by_label("Email address").fill("not an address")
    page.get_by_label("Organisation or group").fill("Little Charity")
    submit_empty(page, "Book my place", expected_error="Enter an email address in the correct format")
    page.get_by_label("Email address").fill("ann@little-charity.example")
    page.get_by_role("button", name="Book my place").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your place is booked")
    assert_accessible(page, "(booking confirmed)")
    assert Registration.objects.filter(event=open_event, status=Registration.Status.BOOKED).count() >= 1

    visit(page, reverse("capacity:book", args=[full_event.pk]), heading="Join the waiting list")
    page.get_by_label("Your name").fill("Wendy Waiting")
    page.get_by_label("Email address").fill("wendy@little-charity.example")
    page.get_by_label("Organisation or group").fill("Little Charity")
    page.get_by_role("button", name="Join the waiting list").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are on the waiting list")
    assert_accessible(page, "(on the waiting list)")
    page.get_by_role("button", name="Cancel my booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your booking is cancelled")
    assert_accessible(page, "(cancelled)")


def test_the_staff_pages_are_accessible(capacity, demo, new_page, live_server):
    from jointly.capacity import services
    from jointly.capacity.models import Offer

    slug = capacity.slug
    open_event, _ = _events(capacity)
    draft = services.offer_create(
        trust=capacity,
        by=demo["commissioner"],
        kind="mentoring",
        title="Governance mentoring",
        description="Six sessions with a trustee mentor.",
        audience="New trustees",
        topics=["governance"],
    )
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("capacity:home"), heading="Support for organisations")
    visit(page, reverse("capacity:manage", args=[slug]), heading="Offers and events")
    visit(page, reverse("capacity:offer-manage", args=[slug, open_event.offer_id]), heading=open_event.offer.title)
    visit(page, reverse("capacity:event-manage", args=[slug, open_event.pk]))
    expect(page.locator("table")).to_contain_text("Demo attendee 1")
    visit(page, reverse("capacity:event-places", args=[slug, open_event.pk]))
    visit(page, reverse("capacity:event-cancel", args=[slug, open_event.pk]))
    submit_empty(page, "Cancel it", expected_error="Enter why it is cancelled")
    visit(page, reverse("capacity:offer-publish", args=[slug, draft.pk]), heading="Publish: Governance mentoring")
    visit(page, reverse("capacity:offer-edit", args=[slug, draft.pk]), heading="Change: Governance mentoring")
    expect(page.get_by_label("Title")).to_have_value("Governance mentoring")
    visit(page, reverse("capacity:offer-cancel", args=[slug, open_event.offer_id]), heading=f"Cancel the offer: {open_event.offer.title}")
    visit(page, reverse("capacity:offer-add", args=[slug]), heading="Add an offer")
    submit_empty(page, "Save", expected_error="Select training, mentoring, meet the buyer or provider forum")
    visit(page, reverse("capacity:event-add", args=[slug, draft.pk]))
    submit_empty(page, "Save", expected_error="Enter the date of the event")
    visit(page, reverse("capacity:support-summary", args=[slug]), heading="Support needs of partner organisations")
    expect(page.locator("figure svg")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("Writing bids and tenders")
    visit(page, reverse("capacity:partners"), heading="Find partners for a consortium or sub-contracting")
    assert Offer.objects.get(pk=draft.pk).status == Offer.Status.DRAFT


def test_an_organisations_own_pages_are_accessible(capacity, demo, new_page, live_server):
    provider = demo["provider"]
    organisation = provider.organisation
    page = signed_in_page(new_page, live_server, provider)
    visit(page, reverse("capacity:home"))
    visit(page, reverse("capacity:support-needs", args=[organisation.slug]), heading="What help does your organisation need?")
    for box in page.locator("input[name=kinds]:checked").all():
        box.uncheck()
    page.get_by_label("Anything else (optional)").fill("")
    submit_empty(page, "Save our answer", expected_error="Select the help your organisation needs")
    page.get_by_label("Writing bids and tenders").check()
    page.get_by_role("button", name="Save our answer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.get_by_role("heading", level=3).first).to_be_visible()  # an offer that meets the need
    visit(page, reverse("capacity:listing", args=[organisation.slug]), heading="Find partners listing")
    submit_empty(page, "List us in find partners", expected_error="Enter what your organisation can offer a partnership")
    page.get_by_label("What can your organisation offer a partnership?").fill("Trusted links with young carers across the city")
    page.get_by_label("Partners to form a consortium").check()
    page.get_by_role("button", name="List us in find partners").click()
    expect(page.get_by_role("button", name="Take us out of the listing")).to_be_visible()
    visit(page, reverse("capacity:partners") + "?looking_for=consortium")
    expect(page.get_by_role("heading", name=organisation.name)).to_be_visible()


def test_a_place_is_booked_and_cancelled_with_javascript_off(capacity, new_page):
    from jointly.capacity.models import Registration

    open_event, _ = _events(capacity)
    page = new_page(java_script_enabled=False)
    page.goto(reverse("capacity:offer", args=[open_event.offer_id]))
    expect(page.locator("body")).not_to_have_class(re.compile(r"js-enabled"))
    page.get_by_role("link", name=re.compile(r"^Book a place")).first.click()
    page.get_by_role("button", name="Book my place").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your name")
    page.get_by_label("Your name").fill("Jo Nojs")
    page.get_by_label("Email address").fill("jo@nojs.example")
    page.get_by_label("Organisation or group").fill("Quiet Group")
    page.get_by_label("Access needs (optional)").fill("Large print handouts")
    page.get_by_role("button", name="Book my place").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your place is booked")
    registration = Registration.objects.get(email="jo@nojs.example")
    assert (registration.status, registration.access_needs) == (Registration.Status.BOOKED, "Large print handouts")
    page.get_by_role("button", name="Cancel my booking").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your booking is cancelled")
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_registering_interest_and_the_organisers_pages_for_it_are_accessible(capacity, demo, new_page, live_server):
    from jointly.capacity.models import Interest, Offer, Registration

    offer = Offer.objects.get(trust=capacity, title="Mentoring for new trustees")
    page = new_page()
    visit(page, reverse("capacity:offer", args=[offer.pk]), heading=offer.title)
    page.get_by_role("link", name=re.compile(r"^Register interest")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Register your interest")
    assert_accessible(page, "(register interest)")
    submit_empty(page, "Register my interest", expected_error="Enter your name")
    page.get_by_label("Your name").fill("Tess Trustee")
    page.get_by_label("Email address").fill("tess@new-board.example")
    page.get_by_label("Organisation or group").fill("New Board Charity")
    page.get_by_role("button", name="Register my interest").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Your interest is registered")
    assert_accessible(page, "(interest registered)")
    page.get_by_role("button", name="Withdraw my interest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your interest is withdrawn")
    assert_accessible(page, "(interest withdrawn)")
    assert Interest.objects.get(offer=offer, status=Interest.Status.WITHDRAWN).email == ""

    open_event, _ = _events(capacity)
    registration = Registration.objects.filter(event=open_event, status=Registration.Status.BOOKED).first()
    staff = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(staff, reverse("capacity:interest-list", args=[capacity.slug, offer.pk]), heading=f"People interested in {offer.title}")
    expect(staff.locator("table")).to_contain_text("Demo trustee 1")
    visit(staff, reverse("capacity:registration-cancel", args=[capacity.slug, registration.pk]))
    submit_empty(staff, "Cancel it", expected_error="Enter why it is cancelled")
