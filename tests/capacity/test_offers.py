"""Offers and events: what they need, and the states they move through (wrong-state changes refused)."""

import datetime

import pytest
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.capacity import services
from jointly.capacity.models import Event, Offer, OfferTopic
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition

from .conftest import book, event_data, make_offer

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]  # emails are sent by a task


def test_an_offer_starts_as_a_draft_and_is_published_once(trust, commissioner):
    offer = make_offer(trust, commissioner, publish=False)
    assert offer.status == Offer.Status.DRAFT
    assert sorted(offer.covers) == ["bids", "full_cost"]
    offer = services.offer_publish(offer=offer, by=commissioner)
    assert offer.status == Offer.Status.PUBLISHED and offer.published_at is not None
    with pytest.raises(InvalidTransition) as refused:
        services.offer_publish(offer=offer, by=commissioner)
    assert str(refused.value) == "This offer is published, so you cannot publish it. You can publish it only when it is draft."
    entry = AuditEntry.objects.filter(object_type="capacity.offer", action=AuditEntry.Action.TRANSITION).get()
    assert (entry.before["status"], entry.after["status"], entry.actor_id) == ("draft", "published", commissioner.pk)


def test_an_offer_needs_a_kind_title_description_audience_and_help(trust, commissioner):
    with pytest.raises(FieldErrors) as caught:
        services.offer_create(trust=trust, by=commissioner, kind="party", title="", description="", audience="", topics=[])
    assert set(caught.value.errors) == {"kind", "title", "description", "audience", "topics"}
    with pytest.raises(FieldErrors) as caught:
        services.offer_create(trust=trust, by=commissioner, kind="training", title="T", description="D", audience="A", topics=["juggling"])
    assert "not one of the kinds of help" in caught.value.errors["topics"]
    assert not Offer.objects.exists()


def test_changing_an_offer_replaces_its_topics(trust, commissioner, offer):
    services.offer_update(
        offer=offer,
        by=commissioner,
        kind="mentoring",
        title="Bid mentoring",
        description="One to one.",
        audience="Anyone",
        topics=["consortium", "bids"],
    )
    assert sorted(OfferTopic.objects.filter(offer=offer).values_list("kind", flat=True)) == ["bids", "consortium"]


def test_cancelling_an_offer_cancels_its_events_and_cannot_happen_twice(trust, commissioner, offer, event, django_capture_on_commit_callbacks):
    from django.core import mail

    book(event, "Ann")
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_cancel(offer=offer, by=commissioner, reason="The trainer is ill")
    event.refresh_from_db()
    assert (event.status, event.cancelled_reason) == (Event.Status.CANCELLED, "The trainer is ill")
    assert mail.outbox[-1].subject.startswith("Event cancelled")
    with pytest.raises(InvalidTransition):
        services.offer_cancel(offer=Offer.objects.get(pk=offer.pk), by=commissioner, reason="Again")
    with pytest.raises(InvalidTransition, match="^This offer is cancelled, so it can no longer be changed.$"):
        services.offer_update(
            offer=Offer.objects.get(pk=offer.pk), by=commissioner, kind="training", title="x", description="x", audience="x", topics=["bids"]
        )
    with pytest.raises(InvalidTransition, match="^This offer is cancelled, so it can no longer be changed.$"):
        services.event_add(offer=Offer.objects.get(pk=offer.pk), by=commissioner, **event_data())
    assert Event.objects.filter(offer=offer).count() == 1


def test_a_cancellation_needs_a_reason(commissioner, event):
    with pytest.raises(FieldErrors) as caught:
        services.event_cancel(event=event, by=commissioner, reason="  ")
    assert caught.value.errors == {"reason": "Enter why the event is cancelled"}


def test_an_event_must_be_in_the_future_in_order_and_say_where_and_how_accessible(offer, commissioner):
    now = timezone.now()
    with pytest.raises(FieldErrors) as caught:
        services.event_add(
            offer=offer,
            by=commissioner,
            **event_data(
                starts_at=now - datetime.timedelta(hours=1),
                ends_at=now - datetime.timedelta(hours=2),
                booking_closes_at=now - datetime.timedelta(days=1),
                venue="",
                online=False,
                accessibility="",
                places=0,
            ),
        )
    assert caught.value.errors == {
        "starts_at": "The event must start in the future",
        "ends_at": "The event must end after it starts",
        "booking_closes_at": "Booking must close in the future",
        "venue": "Enter the venue's address, or say the event is online",
        "accessibility": "Enter the accessibility information: step-free access, hearing loop, toilets, or captions online",
        "places": "Enter the number of places, 1 or more",
    }
    data = event_data()
    with pytest.raises(FieldErrors) as caught:
        services.event_add(offer=offer, by=commissioner, **event_data(booking_closes_at=data["starts_at"] + datetime.timedelta(hours=1)))
    assert caught.value.errors == {"booking_closes_at": "Booking must close on or before the day the event starts"}
    online = services.event_add(offer=offer, by=commissioner, **event_data(venue="", online=True))
    assert online.where == "Online"


def test_event_states_refuse_changes_from_the_wrong_state(commissioner, event):
    services.event_close_booking(event=event)
    with pytest.raises(InvalidTransition) as refused:
        services.event_close_booking(event=event)
    assert (
        str(refused.value) == "This event is closed for booking, so you cannot close it. You can close it only when it is open for booking or full."
    )
    services.event_cancel(event=event, by=commissioner, reason="Too few bookings")
    with pytest.raises(InvalidTransition) as refused:
        services.event_cancel(event=Event.objects.get(pk=event.pk), by=commissioner, reason="Again")
    assert str(refused.value) == (
        "This event is cancelled, so you cannot cancel it. You can cancel it only when it is open for booking, full or closed for booking."
    )
    with pytest.raises(InvalidTransition, match="^This event is cancelled, so it can no longer be changed.$"):
        services.event_change_places(event=event, by=commissioner, places=5)
    assert Event.objects.get(pk=event.pk).places == 2


def test_a_draft_offers_events_cannot_be_booked(trust, commissioner):
    draft = make_offer(trust, commissioner, publish=False)
    event = services.event_add(offer=draft, by=commissioner, **event_data())
    with pytest.raises(FieldErrors, match="closed"):
        book(event, "Ann")
