"""Registering interest in an offer with no dates: the open form, the private withdraw link, the organisers' list, and erasure."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.capacity import services
from jointly.capacity.models import Interest, hash_token
from jointly.capacity.tasks import erase_expired_registrations
from jointly.core.errors import NON_FIELD, FieldErrors

from ..conftest import signed_in_client
from ..downloads import FORMULA, NEUTRALISED, csv_cells
from .conftest import event_data, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]  # emails are sent by a task

PERSON = {"name": "Ann Small", "email": "Ann@Charity.example", "organisation_name": "Little Charity"}


@pytest.fixture
def mentoring(trust, commissioner):
    return make_offer(trust, commissioner, kind="mentoring", title="Mentoring for new treasurers")


def test_interest_is_registered_without_an_account_and_kept_out_of_the_audit_trail(mentoring, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        interest, token = services.interest_register(offer=mentoring, **PERSON)
    assert (interest.status, interest.email, interest.user) == (Interest.Status.REGISTERED, "ann@charity.example", None)
    assert interest.token_hash == hash_token(token) and token not in interest.token_hash
    assert mail.outbox[0].to == ["ann@charity.example"] and f"/capacity/interest/{token}/" in mail.outbox[0].body
    created = AuditEntry.objects.get(object_type="capacity.interest", action=AuditEntry.Action.CREATE)
    assert "Ann" not in str(created.after) and "charity.example" not in str(created.after)


def test_the_same_email_twice_and_bad_input_are_refused(mentoring):
    services.interest_register(offer=mentoring, **PERSON)
    with pytest.raises(FieldErrors) as error:
        services.interest_register(offer=mentoring, **{**PERSON, "email": "ann@charity.EXAMPLE"})
    assert "already registered interest" in error.value.errors["email"]
    with pytest.raises(FieldErrors) as error:
        services.interest_register(offer=mentoring, name="", email="nope", organisation_name="")
    assert set(error.value.errors) == {"name", "email", "organisation_name"}
    with pytest.raises(FieldErrors) as error:
        services.interest_register(offer=mentoring, **{**PERSON, "name": ""})
    assert set(error.value.errors) == {"name", "email"}  # every problem at once
    assert Interest.objects.count() == 1


def test_an_offer_with_dates_to_book_or_not_published_takes_no_interest(trust, commissioner, mentoring):
    services.event_add(offer=mentoring, by=commissioner, **event_data())
    with pytest.raises(FieldErrors) as error:
        services.interest_register(offer=mentoring, **PERSON)
    assert "book a place on one of them instead" in error.value.errors[NON_FIELD]
    draft = make_offer(trust, commissioner, publish=False, title="Draft")
    with pytest.raises(FieldErrors):
        services.interest_register(offer=draft, **PERSON)
    assert not Interest.objects.exists()


def test_a_new_date_is_emailed_to_everyone_still_interested_with_a_full_link(commissioner, mentoring, settings, django_capture_on_commit_callbacks):
    settings.JOINTLY_SITE_URL = "https://jointly.example/"
    services.interest_register(offer=mentoring, notify=False, **PERSON)
    gone, token = services.interest_register(offer=mentoring, notify=False, **{**PERSON, "email": "gone@example.org"})
    services.interest_withdraw(interest=gone)
    with django_capture_on_commit_callbacks(execute=True):
        event = services.event_add(offer=mentoring, by=commissioner, **event_data())
    assert [message.to for message in mail.outbox] == [["ann@charity.example"]]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "A date you can book: Mentoring for new treasurers"
    assert f"https://jointly.example/capacity/offers/{mentoring.pk}/" in body and f"{event.starts_at:%-d %B %Y}" in body
    # Interest stays registered: the person may want a later date.
    assert Interest.objects.filter(status=Interest.Status.REGISTERED).count() == 1


def test_a_date_added_to_a_draft_offer_emails_nobody(trust, commissioner, django_capture_on_commit_callbacks):
    draft = make_offer(trust, commissioner, publish=False, title="Draft")
    with django_capture_on_commit_callbacks(execute=True):
        services.event_add(offer=draft, by=commissioner, **event_data())
    assert mail.outbox == []


def test_booking_and_interest_emails_carry_full_links(mentoring, settings, django_capture_on_commit_callbacks):
    settings.JOINTLY_SITE_URL = "https://jointly.example"
    with django_capture_on_commit_callbacks(execute=True):
        _, token = services.interest_register(offer=mentoring, **PERSON)
    assert f"https://jointly.example/capacity/interest/{token}/" in mail.outbox[0].body


def test_withdrawing_deletes_the_details_at_once_and_is_recorded(mentoring):
    interest, token = services.interest_register(offer=mentoring, **PERSON)
    services.interest_withdraw(interest=services.interest_for_token(token))
    interest.refresh_from_db()
    assert (interest.status, interest.name, interest.email, interest.organisation_name) == (Interest.Status.WITHDRAWN, "", "", "")
    assert interest.erased_at is not None
    assert AuditEntry.objects.filter(object_type="capacity.interest", action=AuditEntry.Action.TRANSITION).count() == 1


def test_details_are_erased_after_the_retention_period(mentoring):
    """Registered on day 0: kept through day 180, erased the day after (180 days' retention)."""
    interest, _ = services.interest_register(offer=mentoring, **PERSON)
    registered = timezone.localdate()

    def erase_on(day):
        with time_machine.travel(timezone.make_aware(datetime.datetime.combine(day, datetime.time(12))), tick=False):
            return erase_expired_registrations()

    assert erase_on(registered + datetime.timedelta(days=180)) == "0 bookings and 0 registrations of interest: personal details deleted"
    assert erase_on(registered + datetime.timedelta(days=182)) == "0 bookings and 1 registrations of interest: personal details deleted"
    interest.refresh_from_db()
    assert (interest.name, interest.email, interest.status) == ("", "", Interest.Status.REGISTERED)
    assert erase_on(registered + datetime.timedelta(days=190)).endswith("0 registrations of interest: personal details deleted")


# --- Pages ------------------------------------------------------------------------


def test_an_offer_with_no_dates_offers_register_interest_and_the_link_withdraws(anonymous_client, mentoring, django_capture_on_commit_callbacks):
    page = anonymous_client.get(mentoring.get_absolute_url()).content.decode()
    assert "No dates yet" in page and f"/capacity/offers/{mentoring.pk}/interest/" in page
    form = anonymous_client.get(f"/capacity/offers/{mentoring.pk}/interest/").content.decode()
    assert "We delete your name, email address and organisation 180 days after you register" in form
    empty = anonymous_client.post(f"/capacity/offers/{mentoring.pk}/interest/", {"name": "", "email": "", "organisation_name": ""}).content.decode()
    assert "There is a problem" in empty and "Enter your name" in empty and not Interest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_client.post(f"/capacity/offers/{mentoring.pk}/interest/", PERSON)
    assert response.status_code == 302
    link = response["Location"]
    assert link.startswith("/capacity/interest/") and link in mail.outbox[0].body
    assert "Your interest is registered" in anonymous_client.get(link).content.decode()
    assert anonymous_client.post(link).status_code == 302
    assert Interest.objects.get().status == Interest.Status.WITHDRAWN
    assert "Your interest is withdrawn" in anonymous_client.get(link).content.decode()
    assert anonymous_client.get("/capacity/interest/not-a-token/").status_code == 404


def test_an_offer_with_dates_shows_no_interest_button(anonymous_client, commissioner, offer, event):
    assert f"/capacity/offers/{offer.pk}/interest/" not in anonymous_client.get(offer.get_absolute_url()).content.decode()
    page = anonymous_client.get(f"/capacity/offers/{offer.pk}/interest/").content.decode()
    assert "This offer now has dates you can book" in page and "<form" not in page.split("<main")[1]


def test_interest_shares_the_booking_rate_limit(anonymous_client, mentoring, settings):
    settings.JOINTLY_BOOKING_LIMIT = "1/h"
    assert anonymous_client.post(f"/capacity/offers/{mentoring.pk}/interest/", PERSON).status_code == 302
    refused = anonymous_client.post(f"/capacity/offers/{mentoring.pk}/interest/", {**PERSON, "email": "ben@charity.example"})
    assert refused.status_code == 429 and "Wait an hour" in refused.content.decode()
    assert Interest.objects.count() == 1


def test_the_organisers_list_and_download_who_is_interested(commissioner_client, trust, mentoring):
    services.interest_register(offer=mentoring, **PERSON)
    withdrawn, token = services.interest_register(offer=mentoring, name="Ben", email="ben@x.example", organisation_name="B")
    services.interest_withdraw(interest=withdrawn)
    assert "1 person has registered interest" in commissioner_client.get(f"/capacity/{trust.slug}/offers/{mentoring.pk}/").content.decode()
    page = commissioner_client.get(f"/capacity/{trust.slug}/offers/{mentoring.pk}/interest/").content.decode()
    assert "Ann Small" in page and "Little Charity" in page and "Deleted" not in page
    rows = commissioner_client.get(f"/capacity/{trust.slug}/offers/{mentoring.pk}/interest/?format=csv").content.decode().splitlines()
    assert rows[0] == "name,email,organisation,registered_at" and rows[1].startswith("Ann Small,ann@charity.example,Little Charity,")
    assert len(rows) == 2


def test_the_interest_csv_neutralises_what_a_person_typed(commissioner_client, trust, mentoring):
    services.interest_register(offer=mentoring, name=FORMULA, email="eve@charity.example", organisation_name="+44 Charity")
    rows = csv_cells(commissioner_client.get(f"/capacity/{trust.slug}/offers/{mentoring.pk}/interest/?format=csv"))
    assert rows[1][:3] == [NEUTRALISED, "eve@charity.example", "'+44 Charity"]


def test_the_interest_list_does_not_grow_its_queries_with_rows(commissioner_client, trust, mentoring, django_assert_max_num_queries):
    url = f"/capacity/{trust.slug}/offers/{mentoring.pk}/interest/"
    services.interest_register(offer=mentoring, **PERSON)
    with django_assert_max_num_queries(30) as few:
        commissioner_client.get(url)
    for n in range(10):
        services.interest_register(offer=mentoring, name=f"P{n}", email=f"p{n}@x.example", organisation_name="X")
    with django_assert_max_num_queries(len(few.captured_queries)):
        commissioner_client.get(url)


@pytest.mark.parametrize("who", ["other_commissioner", "provider_user", "analyst"])
def test_the_interest_list_is_for_the_trusts_organisers_only(request, who, trust, mentoring):
    client = signed_in_client(request.getfixturevalue(who))
    expected = 404 if who == "other_commissioner" else 403
    assert client.get(f"/capacity/{trust.slug}/offers/{mentoring.pk}/interest/").status_code == expected
