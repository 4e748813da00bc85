"""Role tests for every page: the right people in, another trust's people get 404, others 403, anonymous to sign in.
And the pages' own behaviour: booking without an account, the error summary, the CSV, and query counts that do not grow."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from jointly.audit.models import AuditEntry
from jointly.capacity import services
from jointly.capacity.models import Event, PartnerListing, Registration, SupportNeed

from ..conftest import signed_in_client
from ..downloads import FORMULA, NEUTRALISED, csv_cells
from ..factories import OrganisationFactory, TrustPartnerFactory
from .conftest import book, event_data, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]  # emails are sent by a task

MANAGE_PAGES = [
    "offers/",
    "offers/add/",
    "offers/{o}/",
    "offers/{o}/edit/",
    "offers/{d}/publish/",
    "offers/{o}/cancel/",
    "offers/{o}/events/add/",
    "events/{e}/",
    "events/{e}/?format=csv",
    "events/{e}/places/",
    "events/{e}/cancel/",
    "registrations/{r}/cancel/",
    "offers/{o}/interest/",
    "offers/{o}/interest/?format=csv",
]
SUMMARY_PAGES = ["support-needs/", "support-needs/?format=csv"]


@pytest.fixture
def records(trust, commissioner, offer, event):
    draft = make_offer(trust, commissioner, publish=False, title="Draft offer")
    registration, _ = book(event, "Ann")
    return {"o": offer.pk, "e": event.pk, "d": draft.pk, "r": registration.pk}


def _urls(trust, pages, records):
    return [f"/capacity/{trust.slug}/" + page.format(**records) for page in pages]


@pytest.mark.parametrize("who", ["commissioner", "administrator"])
def test_managers_open_every_staff_page(request, trust, records, who):
    client = signed_in_client(request.getfixturevalue(who))
    for url in _urls(trust, MANAGE_PAGES + SUMMARY_PAGES, records):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["analyst", "regional_lead"])
def test_analysts_and_regional_leads_see_the_summary_but_not_offer_management(request, trust, records, who):
    client = signed_in_client(request.getfixturevalue(who))
    for url in _urls(trust, SUMMARY_PAGES, records):
        assert client.get(url).status_code == 200, url
    for url in _urls(trust, MANAGE_PAGES, records):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"reason": "x", "places": "9"}).status_code == 403, url


@pytest.mark.parametrize("who", ["provider_user", "board_member", "evaluator", "participant"])
def test_providers_and_others_are_forbidden_staff_pages(request, trust, records, who):
    client = signed_in_client(request.getfixturevalue(who))
    for url in _urls(trust, MANAGE_PAGES + SUMMARY_PAGES, records):
        assert client.get(url).status_code == 403, url


def test_another_trusts_commissioner_gets_not_found(other_commissioner_client, trust, records):
    for url in _urls(trust, MANAGE_PAGES + SUMMARY_PAGES, records):
        assert other_commissioner_client.get(url).status_code == 404, url


def test_anonymous_people_are_sent_to_sign_in(anonymous_client, trust, records, provider_org):
    urls = _urls(trust, MANAGE_PAGES + SUMMARY_PAGES, records) + [
        "/capacity/",
        "/capacity/partners/",
        f"/capacity/organisations/{provider_org.slug}/support-needs/",
        f"/capacity/organisations/{provider_org.slug}/find-partners/",
    ]
    for url in urls:
        response = anonymous_client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url


def test_a_registration_list_of_another_trust_is_not_found_even_with_the_right_event_id(other_commissioner_client, other_trust, event):
    assert other_commissioner_client.get(f"/capacity/{other_trust.slug}/events/{event.pk}/").status_code == 404


# --- Open pages -----------------------------------------------------------


def test_published_offers_are_open_and_drafts_are_not(anonymous_client, trust, records):
    assert anonymous_client.get("/capacity/offers/").status_code == 200
    page = anonymous_client.get(f"/capacity/offers/?trust={trust.slug}&need=bids").content.decode()
    assert "Writing your first tender" in page and "Draft offer" not in page
    assert anonymous_client.get(f"/capacity/offers/{records['o']}/").status_code == 200
    assert anonymous_client.get(f"/capacity/offers/{records['d']}/").status_code == 404
    assert anonymous_client.get(f"/capacity/events/{records['e']}/book/").status_code == 200


def test_a_small_charity_books_without_an_account_and_cancels_with_its_private_link(anonymous_client, event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(
            f"/capacity/events/{event.pk}/book/",
            {"name": "Ann Small", "email": "ann@charity.example", "organisation_name": "Little Charity", "access_needs": "Step-free access"},
        )
    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith("/capacity/bookings/") and link in mail.outbox[0].body
    page = anonymous_client.get(link)
    assert page["Cache-Control"].startswith("max-age=0") and "Your place is booked" in page.content.decode()
    assert anonymous_client.post(link).status_code == 302
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert "Your booking is cancelled" in anonymous_client.get(link).content.decode()
    assert anonymous_client.get("/capacity/bookings/not-a-real-token/").status_code == 404


def test_bad_booking_input_shows_the_error_summary_and_saves_nothing(anonymous_client, event):
    response = anonymous_client.post(f"/capacity/events/{event.pk}/book/", {"name": "", "email": "nope", "organisation_name": ""})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and "<title>Error: " in page
    for message in ("Enter your name", "Enter an email address in the correct format", "Enter your organisation&#x27;s name"):
        assert message in page
    assert not Registration.objects.exists()


def test_bookings_from_one_address_are_limited_and_a_refused_one_writes_nothing(anonymous_client, event, settings):
    settings.JOINTLY_BOOKING_LIMIT = "2/h"
    url = f"/capacity/events/{event.pk}/book/"
    answers = [
        anonymous_client.post(url, {"name": name, "email": f"{name}@charity.example", "organisation_name": "Little Charity"})
        for name in ("ann", "ben", "cat")
    ]
    assert [answer.status_code for answer in answers] == [302, 302, 429]
    page = answers[2].content.decode()
    assert "There is a problem" in page and "You have sent a lot of bookings in the last hour. Wait an hour, then try again." in page
    assert sorted(Registration.objects.values_list("name", flat=True)) == ["ann", "ben"]
    # Another address is not held back by this one's bookings.
    other = anonymous_client.post(url, {"name": "dan", "email": "dan@charity.example", "organisation_name": "Little Charity"}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_a_booking_stands_and_shows_its_confirmation_when_the_mail_server_is_down(
    commits, mail_server_down, tasks_either_way, anonymous_client, event
):
    response = anonymous_client.post(
        f"/capacity/events/{event.pk}/book/",
        {"name": "Ann Small", "email": "ann@charity.example", "organisation_name": "Little Charity", "access_needs": ""},
    )
    assert response.status_code == 302 and response["Location"].startswith("/capacity/bookings/")
    assert Registration.objects.get().status == Registration.Status.BOOKED
    assert "Your place is booked" in anonymous_client.get(response["Location"]).content.decode()
    assert DBTaskResult.objects.exists() == (tasks_either_way == "queued for a worker")  # the email waits for a worker


def test_the_confirmation_is_sent_only_once_the_booking_commits(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        book(event, "Ann")
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert [m.subject for m in mail.outbox] == ["Your place is booked: Writing your first tender"]


def test_a_signed_in_provider_gets_their_details_filled_in(provider_client, provider_user, event):
    page = provider_client.get(f"/capacity/events/{event.pk}/book/").content.decode()
    assert f'value="{provider_user.email}"' in page and 'value="Young Carers Project"' in page


def test_the_organisers_download_the_registrations(commissioner_client, trust, event):
    book(event, "Ann")
    book(event, "Ben")
    book(event, "Cat")
    response = commissioner_client.get(f"/capacity/{trust.slug}/events/{event.pk}/?format=csv")
    rows = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0] == "status,waiting_list_position,name,email,organisation,access_needs,booked_at"
    assert [row.split(",")[:3] for row in rows[1:]] == [["Booked", "", "Ann"], ["Booked", "", "Ben"], ["On the waiting list", "1", "Cat"]]


def test_the_registrations_csv_neutralises_what_a_booker_typed(commissioner_client, trust, event):
    book(event, FORMULA, email="eve@charity.example", organisation_name="-5 children's charity", access_needs="@SUM(A1:A9)")
    rows = csv_cells(commissioner_client.get(f"/capacity/{trust.slug}/events/{event.pk}/?format=csv"))
    assert rows[1][2:6] == [NEUTRALISED, "eve@charity.example", "'-5 children's charity", "'@SUM(A1:A9)"]


def test_a_commissioner_publishes_adds_an_event_and_changes_places_through_the_pages(commissioner_client, trust, commissioner):
    offer = make_offer(trust, commissioner, publish=False)
    assert commissioner_client.post(f"/capacity/{trust.slug}/offers/{offer.pk}/publish/").status_code == 302
    starts = event_data()["starts_at"]
    response = commissioner_client.post(
        f"/capacity/{trust.slug}/offers/{offer.pk}/events/add/",
        {
            "day_0": starts.day,
            "day_1": starts.month,
            "day_2": starts.year,
            "starts": "10:00",
            "ends": "12:30",
            "venue": "",
            "online": "on",
            "accessibility": "Live captions",
            "places": "12",
            "booking_closes_0": starts.day,
            "booking_closes_1": starts.month,
            "booking_closes_2": starts.year,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = Event.objects.get(offer=offer)
    assert (event.places, event.online, event.booking_closes_at) == (12, True, event.starts_at)
    response = commissioner_client.post(f"/capacity/{trust.slug}/events/{event.pk}/places/", {"places": "0"})
    assert "Enter the number of places, 1 or more" in response.content.decode()
    bad = commissioner_client.post(f"/capacity/{trust.slug}/offers/{offer.pk}/events/add/", {"starts": "25:00"}).content.decode()
    assert "Enter the start time as a real time" in bad and "Enter the date of the event" in bad


# --- An organisation's own pages ----------------------------------------------


def test_an_organisation_reports_its_needs_and_sees_offers_that_meet_them(provider_client, provider_org, offer):
    url = f"/capacity/organisations/{provider_org.slug}/support-needs/"
    assert "Save your answer to see offers" in provider_client.get(url).content.decode()
    error = provider_client.post(url, {"other": ""}).content.decode()
    assert "There is a problem" in error
    assert provider_client.post(url, {"kinds": ["bids", "premises"], "other": "A mentor"}).status_code == 302
    assert SupportNeed.objects.get(organisation=provider_org).kinds == ["bids", "premises"]
    assert offer.title in provider_client.get(url).content.decode()


def test_support_need_pages_follow_the_object_rule(
    request, provider_org, other_provider_client, commissioner_client, administrator_client, other_commissioner_client
):
    url = f"/capacity/organisations/{provider_org.slug}/support-needs/"
    assert administrator_client.get(url).status_code == 200
    assert other_provider_client.get(url).status_code == 403  # another organisation's people
    # A partner trust's commissioner may record needs on the organisation's behalf; another trust's may not.
    # Organisations are a public register, so the refusal is a 403, not a 404.
    assert commissioner_client.get(url).status_code == 200
    assert other_commissioner_client.get(url).status_code == 403


def test_opting_in_and_out_of_find_partners_through_the_pages(
    provider_client, other_provider_client, commissioner_client, other_commissioner_client, provider_org
):
    url = f"/capacity/organisations/{provider_org.slug}/find-partners/"
    assert other_provider_client.get(url).status_code == 403
    assert other_commissioner_client.get(url).status_code == 403
    assert commissioner_client.get(url).status_code == 200  # a partner trust's staff, on the organisation's behalf
    assert "There is a problem" in provider_client.post(url, {"can_offer": ""}).content.decode()
    assert provider_client.post(url, {"can_offer": "A venue", "looking_for": ["consortium"]}).status_code == 302
    assert "Young Carers Project" in provider_client.get("/capacity/partners/").content.decode()
    assert provider_client.post(url + "opt-out/").status_code == 302
    assert PartnerListing.objects.get().status == PartnerListing.Status.WITHDRAWN
    assert '<p class="govuk-body">0 organisations.</p>' in provider_client.get("/capacity/partners/").content.decode()


@pytest.mark.parametrize(
    "who,status",
    [
        ("provider_user", 200),
        ("commissioner", 200),
        ("regional_lead", 200),
        ("other_commissioner", 200),
        ("analyst", 403),
        ("board_member", 403),
        ("evaluator", 403),
        ("participant", 403),
    ],
)
def test_find_partners_needs_the_permission(request, who, status):
    assert signed_in_client(request.getfixturevalue(who)).get("/capacity/partners/").status_code == status


def test_find_partners_shows_the_public_email_never_the_private_one(provider_client, provider_org, provider_user):
    services.partner_listing_opt_in(organisation=provider_org, by=provider_user, can_offer="A venue", looking_for=["consortium"])
    page = provider_client.get("/capacity/partners/").content.decode()
    assert provider_org.contact_email not in page


@pytest.mark.parametrize("who", ["provider_user", "commissioner", "analyst", "participant", "administrator"])
def test_everyone_signed_in_has_a_start_page(request, who):
    assert signed_in_client(request.getfixturevalue(who)).get("/capacity/").status_code == 200


def test_the_start_page_links_only_what_the_person_may_do(provider_client, commissioner, participant, provider_org):
    from jointly.accounts.models import User

    participants = signed_in_client(participant).get("/capacity/").content.decode()
    assert "/support-needs/" not in participants and "/find-partners/" not in participants

    assert f"/capacity/organisations/{provider_org.slug}/support-needs/" in provider_client.get("/capacity/").content.decode()
    User.objects.filter(pk=commissioner.pk).update(organisation=provider_org)  # a commissioner whose employer is a partner
    commissioner.refresh_from_db()
    page = signed_in_client(commissioner).get("/capacity/").content.decode()
    assert f"/capacity/organisations/{provider_org.slug}/support-needs/" in page  # on the organisation's behalf
    assert f"/capacity/organisations/{provider_org.slug}/find-partners/" in page


# --- Queries do not grow with rows ---------------------------------------------


def test_lists_do_not_grow_their_queries_with_rows(
    anonymous_client, commissioner_client, provider_client, trust, commissioner, provider_user, django_assert_max_num_queries, settings
):
    settings.JOINTLY_PAGE_SIZE = 50

    def add(n):
        for i in range(n):
            offer = make_offer(trust, commissioner, title=f"Offer {i}")
            event = services.event_add(offer=offer, by=commissioner, **event_data(places=1))
            book(event, f"Person {i}")
            book(event, f"Waiting {i}")
            organisation = OrganisationFactory()
            TrustPartnerFactory(trust=trust, organisation=organisation)
            services.support_need_report(organisation=organisation, by=commissioner, kinds=["bids"])
            services.partner_listing_opt_in(
                organisation=organisation,
                by=provider_user,
                can_offer="x",
                looking_for=["consortium"],
                outcomes=["stay-safe"],
                groups=["young_carers"],
            )
        return event

    def counts(event):
        pages = {
            "offers": (anonymous_client, "/capacity/offers/"),
            "manage": (commissioner_client, f"/capacity/{trust.slug}/offers/"),
            "registrations": (commissioner_client, f"/capacity/{trust.slug}/events/{event.pk}/"),
            "summary": (commissioner_client, f"/capacity/{trust.slug}/support-needs/"),
            "partners": (provider_client, "/capacity/partners/"),
        }
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        out = {}
        for name, (client, url) in pages.items():
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            out[name] = len(captured)
        return out

    few = counts(add(2))
    many = counts(add(8))
    assert many == few
    with django_assert_max_num_queries(16):
        anonymous_client.get("/capacity/offers/")


def test_a_full_event_offers_the_waiting_list_and_a_closed_one_no_form(anonymous_client, event):
    book(event, "Ann")
    book(event, "Ben")
    assert "Join the waiting list</h1>" in anonymous_client.get(f"/capacity/events/{event.pk}/book/").content.decode()
    services.event_close_booking(event=Event.objects.get(pk=event.pk))
    page = anonymous_client.get(f"/capacity/events/{event.pk}/book/").content.decode()
    assert "Booking for this event has closed" in page and "<form" not in page.split("<main")[1]
    posted = anonymous_client.post(f"/capacity/events/{event.pk}/book/", {"name": "Cat", "email": "cat@x.example", "organisation_name": "C"})
    assert "Booking for this event has closed" in posted.content.decode() and Registration.objects.count() == 2


def test_detail_pages_do_not_grow_their_queries_with_events_and_bookings(anonymous_client, commissioner_client, trust, commissioner, offer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts():
        out = []
        for client, url in (
            (anonymous_client, f"/capacity/offers/{offer.pk}/"),
            (commissioner_client, f"/capacity/{trust.slug}/offers/{offer.pk}/"),
            (anonymous_client, "/api/v1/capacity/offers"),
        ):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            out.append(len(captured))
        return out

    def add(n):
        for i in range(n):
            event = services.event_add(offer=offer, by=commissioner, **event_data(places=1))
            book(event, f"Person {i}")
            book(event, f"Waiting {i}")

    add(1)
    few = counts()
    add(5)
    assert counts() == few


def test_the_offer_history_link_works(commissioner_client, trust, offer):
    page = commissioner_client.get(f"/capacity/{trust.slug}/offers/{offer.pk}/").content.decode()
    link = f"/history/capacity.offer/{offer.pk}/"
    assert link in page
    assert commissioner_client.get(link).status_code == 200


def test_the_organisers_cancel_a_booking_for_someone_and_the_first_waiting_gets_the_place(
    commissioner_client, commissioner, trust, event, django_capture_on_commit_callbacks
):
    ann, _ = book(event, "Ann")
    book(event, "Ben")
    book(event, "Cat")  # two places: Cat waits
    page = commissioner_client.get(f"/capacity/{trust.slug}/events/{event.pk}/").content.decode()
    assert f"/capacity/{trust.slug}/registrations/{ann.pk}/cancel/" in page
    url = f"/capacity/{trust.slug}/registrations/{ann.pk}/cancel/"
    empty = commissioner_client.post(url, {"reason": ""}).content.decode()
    assert "There is a problem" in empty and "Enter why it is cancelled" in empty
    assert Registration.objects.get(pk=ann.pk).status == Registration.Status.BOOKED
    with django_capture_on_commit_callbacks(execute=True):
        response = commissioner_client.post(url, {"reason": "She rang to say she cannot come"})
    assert response.status_code == 302 and response["Location"] == f"/capacity/{trust.slug}/events/{event.pk}/"
    assert {r.name: r.status for r in Registration.objects.all()} == {"Ann": "cancelled", "Ben": "booked", "Cat": "booked"}
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@charity.example", "cat@charity.example"]
    told = next(m for m in mail.outbox if m.to == ["ann@charity.example"])
    assert "She rang to say she cannot come" in told.body
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION, object_id=str(ann.pk), object_type="capacity.registration").get()
    assert entry.reason == "Cancelled by the organisers: She rang to say she cannot come" and entry.actor_id == commissioner.pk
    again = commissioner_client.post(url, {"reason": "twice"})
    assert again.status_code == 200 and "There is a problem" in again.content.decode()


def test_another_trusts_commissioner_cannot_cancel_a_booking(other_commissioner_client, other_trust, event):
    registration, _ = book(event, "Ann")
    assert other_commissioner_client.post(f"/capacity/{other_trust.slug}/registrations/{registration.pk}/cancel/", {"reason": "x"}).status_code == 404
    assert Registration.objects.get().status == Registration.Status.BOOKED


def test_a_provider_and_anonymous_people_cannot_cancel_a_booking(provider_client, anonymous_client, trust, event):
    registration, _ = book(event, "Ann")
    url = f"/capacity/{trust.slug}/registrations/{registration.pk}/cancel/"
    assert provider_client.post(url, {"reason": "x"}).status_code == 403
    response = anonymous_client.post(url, {"reason": "x"})
    assert response.status_code == 302 and "/sign-in/" in response["Location"]
    assert Registration.objects.get().status == Registration.Status.BOOKED


# --- Buttons follow the moves on offer; refusals show in the error summary ------------------


def test_the_offer_page_offers_only_the_moves_its_state_allows(commissioner_client, trust, commissioner):
    draft = make_offer(trust, commissioner, publish=False)
    base = f"/capacity/{trust.slug}/offers/{draft.pk}/"
    page = commissioner_client.get(base).content.decode()
    for link in ("publish/", "cancel/", "edit/", "events/add/"):
        assert base + link in page, link
    services.offer_publish(offer=draft, by=commissioner)
    page = commissioner_client.get(base).content.decode()
    assert base + "publish/" not in page and base + "cancel/" in page and base + "edit/" in page
    services.offer_cancel(offer=draft, by=commissioner, reason="The trainer is ill")
    page = commissioner_client.get(base).content.decode()
    for link in ("publish/", "cancel/", "edit/", "events/add/"):
        assert base + link not in page, link
    assert "Cancelled: The trainer is ill" in page


def test_the_event_page_offers_changes_and_cancellations_only_while_the_event_is_on(commissioner_client, commissioner, trust, event):
    registration, _ = book(event, "Ann")
    base = f"/capacity/{trust.slug}/"
    page = commissioner_client.get(f"{base}events/{event.pk}/").content.decode()
    for link in (f"events/{event.pk}/places/", f"events/{event.pk}/cancel/", f"registrations/{registration.pk}/cancel/"):
        assert base + link in page, link
    services.event_cancel(event=event, by=commissioner, reason="Too few bookings")
    page = commissioner_client.get(f"{base}events/{event.pk}/").content.decode()
    for link in (f"events/{event.pk}/places/", f"events/{event.pk}/cancel/", f"registrations/{registration.pk}/cancel/"):
        assert base + link not in page, link


def test_the_private_booking_page_offers_cancelling_only_until_it_is_cancelled(anonymous_client, event):
    _, token = book(event, "Ann")
    link = f"/capacity/bookings/{token}/"
    assert "Cancel my booking" in anonymous_client.get(link).content.decode()
    assert anonymous_client.post(link).status_code == 302
    assert "Cancel my booking" not in anonymous_client.get(link).content.decode()
    again = anonymous_client.post(link)  # from a page opened before it was cancelled
    page = again.content.decode()
    assert again.status_code == 200 and "There is a problem" in page
    assert "This booking is cancelled, so you cannot cancel it." in page


def test_publishing_twice_shows_why_in_the_error_summary(commissioner_client, trust, commissioner):
    draft = make_offer(trust, commissioner, publish=False)
    url = f"/capacity/{trust.slug}/offers/{draft.pk}/publish/"
    assert commissioner_client.post(url).status_code == 302
    page = commissioner_client.post(url).content.decode()
    assert "There is a problem" in page and "This offer is published, so you cannot publish it." in page


def test_taking_a_listing_out_twice_shows_why_above_the_form(provider_client, provider_org, provider_user):
    services.partner_listing_opt_in(organisation=provider_org, by=provider_user, can_offer="A venue", looking_for=["consortium"])
    url = f"/capacity/organisations/{provider_org.slug}/find-partners/"
    assert "Take us out of the listing" in provider_client.get(url).content.decode()
    assert provider_client.post(url + "opt-out/").status_code == 302
    page = provider_client.get(url).content.decode()
    assert "Take us out of the listing" not in page and "List us in find partners" in page
    again = provider_client.post(url + "opt-out/").content.decode()
    assert "There is a problem" in again and "This partner listing is not listed, so you cannot withdraw it." in again
    assert "A venue</textarea>" in again  # the entry's form, as stored


def _version(client, url) -> str:
    import re

    return re.search(r'name="version" value="([0-9a-f]+)"', client.get(url).content.decode()).group(1)


def test_two_people_changing_one_offer_cannot_overwrite_each_other(commissioner_client, trust, offer):
    url = f"/capacity/{trust.slug}/offers/{offer.pk}/edit/"
    data = {
        "kind": "training",
        "title": offer.title,
        "description": offer.description,
        "topics": ["bids"],
        "audience": offer.audience,
        "version": _version(commissioner_client, url),
    }
    # Someone else saves first, from a form they opened at the same time.
    assert commissioner_client.post(url, {**data, "audience": "Their change"}).status_code == 302
    page = commissioner_client.post(url, {**data, "audience": "My change"}).content.decode()
    assert "There is a problem" in page and "Someone else changed this offer while you were editing it" in page
    offer.refresh_from_db()
    assert offer.audience == "Their change"


def test_an_offer_form_opened_before_the_offer_was_cancelled_cannot_bring_it_back(commissioner_client, commissioner, trust, offer):
    url = f"/capacity/{trust.slug}/offers/{offer.pk}/edit/"
    data = {
        "kind": "training",
        "title": "Renamed",
        "description": offer.description,
        "topics": ["bids"],
        "audience": offer.audience,
        "version": _version(commissioner_client, url),
    }
    services.offer_cancel(offer=offer, by=commissioner, reason="The trainer is ill")
    page = commissioner_client.post(url, data).content.decode()
    assert "There is a problem" in page
    offer.refresh_from_db()
    assert (offer.status, offer.title) == ("cancelled", "Writing your first tender")


def test_two_people_changing_one_listing_cannot_overwrite_each_other(provider_client, commissioner_client, provider_org, provider_user):
    services.partner_listing_opt_in(organisation=provider_org, by=provider_user, can_offer="A venue", looking_for=["consortium"])
    url = f"/capacity/organisations/{provider_org.slug}/find-partners/"
    data = {"looking_for": ["consortium"], "version": _version(provider_client, url)}
    assert commissioner_client.post(url, {**data, "can_offer": "A safeguarding lead"}).status_code == 302
    page = provider_client.post(url, {**data, "can_offer": "A hall"}).content.decode()
    assert "Someone else changed this partner listing while you were editing it" in page
    assert PartnerListing.objects.get().can_offer == "A safeguarding lead"
