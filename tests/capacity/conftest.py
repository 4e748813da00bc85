"""Capacity fixtures, built through the app's own services."""

import datetime

import pytest
from django.utils import timezone

from jointly.capacity import services


def event_data(**overrides) -> dict:
    """A complete, valid event a fortnight away, booking closing the day before."""
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=14)
    data = {
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=2),
        "booking_closes_at": starts - datetime.timedelta(days=1),
        "venue": "Stonehouse Community Centre, 1 Union Street, Plymouth PL1 3EZ",
        "online": False,
        "accessibility": "Step-free entrance, hearing loop, accessible toilet on the ground floor.",
        "places": 2,
    }
    data.update(overrides)
    return data


def make_offer(trust, by, *, publish=True, **overrides):
    data = {
        "kind": "training",
        "title": "Writing your first tender",
        "description": "A morning on reading a specification and answering it.",
        "topics": ["bids", "full_cost"],
        "audience": "Small charities new to tendering",
    }
    data.update(overrides)
    offer = services.offer_create(trust=trust, by=by, **data)
    return services.offer_publish(offer=offer, by=by) if publish else offer


def book(event, name="Sam Small", email=None, **extra):
    email = email or f"{name.lower().replace(' ', '.')}@charity.example"
    data = {"name": name, "email": email, "organisation_name": "Little Charity", "access_needs": ""}
    data.update(extra)
    return services.registration_book(event=event, **data)


@pytest.fixture
def offer(trust, commissioner):
    return make_offer(trust, commissioner)


@pytest.fixture
def event(offer, commissioner):
    return services.event_add(offer=offer, by=commissioner, **event_data())
