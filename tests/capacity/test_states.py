"""The capacity tables of moves, and edits that can never write back a state someone else changed."""

import pytest

from jointly.capacity import services
from jointly.capacity.models import Event, Interest, Offer, PartnerListing, Registration
from jointly.core.transitions import InvalidTransition, StaleEdit, version_of

from ..transitions import assert_moves_go_between_real_states, assert_services_make_only_table_moves
from .conftest import book, event_data, make_offer

pytestmark = pytest.mark.django_db

STATEFUL = [Offer, Event, Registration, Interest, PartnerListing]
OFFER = {
    "kind": "training",
    "title": "Writing your first tender",
    "description": "A morning on specifications.",
    "audience": "Small charities",
    "topics": ["bids"],
}


@pytest.mark.parametrize("model", STATEFUL, ids=lambda model: model.__name__)
def test_every_move_goes_between_real_states(model):
    assert_moves_go_between_real_states(model)


def test_every_move_the_services_make_is_in_a_table_and_none_names_its_states():
    assert_services_make_only_table_moves([services], STATEFUL)


def _stored(instance):
    return type(instance).objects.get(pk=instance.pk)


def test_a_stale_copy_of_an_offer_cannot_undo_its_cancellation(offer, commissioner, event):
    stale = Offer.objects.get(pk=offer.pk)
    services.offer_cancel(offer=offer, by=commissioner, reason="The trainer is ill")
    assert stale.status == Offer.Status.PUBLISHED  # the copy still says published
    with pytest.raises(InvalidTransition, match="This offer is cancelled, so it can no longer be changed"):
        services.offer_update(offer=stale, by=commissioner, **{**OFFER, "title": "Renamed"})
    stored = _stored(offer)
    assert (stored.status, stored.cancelled_reason, stored.title) == (Offer.Status.CANCELLED, "The trainer is ill", "Writing your first tender")
    assert _stored(event).status == Event.Status.CANCELLED


def test_a_stale_copy_of_a_draft_cannot_unpublish_the_offer(trust, commissioner):
    draft = make_offer(trust, commissioner, publish=False)
    stale = Offer.objects.get(pk=draft.pk)
    services.offer_publish(offer=draft, by=commissioner)
    changed = services.offer_update(offer=stale, by=commissioner, **{**OFFER, "title": "Renamed"})
    stored = _stored(draft)
    assert changed.title == stored.title == "Renamed"
    assert stored.status == Offer.Status.PUBLISHED and stored.published_at is not None  # not written back to draft


def test_an_offer_changed_since_its_form_was_shown_is_refused(offer, commissioner):
    version = version_of(offer)
    services.offer_update(offer=offer, by=commissioner, **{**OFFER, "title": "Their title"})
    with pytest.raises(StaleEdit, match="Someone else changed this offer while you were editing it"):
        services.offer_update(offer=offer, by=commissioner, version=version, **{**OFFER, "title": "My title"})
    assert _stored(offer).title == "Their title"
    services.offer_update(offer=offer, by=commissioner, version=version_of(_stored(offer)), **{**OFFER, "title": "My title"})
    assert _stored(offer).title == "My title"


def test_a_stale_copy_of_an_event_cannot_change_places_once_cancelled(event, commissioner):
    stale = Event.objects.get(pk=event.pk)
    services.event_cancel(event=event, by=commissioner, reason="Too few bookings")
    with pytest.raises(InvalidTransition, match="This event is cancelled, so it can no longer be changed"):
        services.event_change_places(event=stale, by=commissioner, places=9)
    stored = _stored(event)
    assert (stored.status, stored.places) == (Event.Status.CANCELLED, 2)


def test_changing_places_keeps_the_state_the_bookings_gave_the_event(event, commissioner):
    stale = Event.objects.get(pk=event.pk)  # open
    book(event, "Ann")
    book(event, "Ben")
    assert _stored(event).status == Event.Status.FULL
    services.event_change_places(event=stale, by=commissioner, places=2)
    assert _stored(event).status == Event.Status.FULL  # not written back to open


def test_a_stale_listing_form_cannot_undo_an_opt_out(provider_org, provider_user):
    listing = services.partner_listing_opt_in(organisation=provider_org, by=provider_user, can_offer="A venue", looking_for=["consortium"])
    version = version_of(listing)
    services.partner_listing_opt_out(listing=listing, by=provider_user)
    with pytest.raises(StaleEdit):
        services.partner_listing_opt_in(organisation=provider_org, by=provider_user, version=version, can_offer="A hall", looking_for=["consortium"])
    stored = _stored(listing)
    assert (stored.status, stored.can_offer) == (PartnerListing.Status.WITHDRAWN, "A venue")


def test_the_organisers_cannot_cancel_a_booking_once_the_whole_event_is_cancelled(event, commissioner):
    registration, _ = book(event, "Ann")
    services.event_cancel(event=event, by=commissioner, reason="Too few bookings")
    with pytest.raises(InvalidTransition, match="^The whole event is cancelled: everyone booked has already been told$"):
        services.registration_cancel_for_person(registration=_stored(registration), by=commissioner, reason="She rang")
    assert _stored(registration).status == Registration.Status.BOOKED


def test_a_booking_cancelled_twice_is_refused_in_words(event):
    registration, _ = book(event, "Ann")
    services.registration_cancel(registration=registration)
    with pytest.raises(InvalidTransition) as refused:
        services.registration_cancel(registration=registration)
    assert str(refused.value) == (
        "This booking is cancelled, so you cannot cancel it. You can cancel it only when it is booked or on the waiting list."
    )


def test_a_draft_offer_takes_new_events_and_a_cancelled_one_does_not(trust, commissioner):
    draft = make_offer(trust, commissioner, publish=False)
    services.event_add(offer=draft, by=commissioner, **event_data())
    services.offer_cancel(offer=draft, by=commissioner, reason="Not needed")
    with pytest.raises(InvalidTransition):
        services.event_add(offer=draft, by=commissioner, **event_data())
    assert Event.objects.filter(offer=draft).count() == 1
