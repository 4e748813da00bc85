"""Writes for market development. Every rule is checked here, with a message written for people.

States change only through the named functions below, each making a move of
its model's TRANSITIONS table through `core.transitions.transition()` (which
checks the current state on the locked row and records the change): offers
draft → published → cancelled; events open ⇄ full → closed, or cancelled;
bookings waiting → booked → cancelled; interest registered → withdrawn;
partner listings listed ⇄ withdrawn. Other changes to a stateful record go
through `core.transitions.edit()`, so they can never write back a stale state.
Bad input is refused with `core.errors.FieldErrors`.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.links import absolute_url
from jointly.core.mail import email_send_later
from jointly.core.transitions import edit, transition
from jointly.needs.vocabulary import Group
from jointly.providers.taxonomy import directory_outcome_areas, outcome_area_choices

from .models import (
    INTEREST_RETENTION_DAYS,
    LOOKING_FOR_FIELDS,
    REGISTRATION_RETENTION_DAYS,
    Event,
    Interest,
    ListingGroup,
    ListingOutcome,
    LookingFor,
    Offer,
    OfferTopic,
    PartnerListing,
    Registration,
    SupportKind,
    SupportNeed,
    hash_token,
    new_token,
)


def _codes(values, choices, *, field: str, what: str) -> list[str]:
    allowed = dict(choices)
    values = list(dict.fromkeys(values or []))
    unknown = [value for value in values if value not in allowed]
    if unknown:
        raise FieldErrors({field: f"'{unknown[0]}' is not one of the {what} on the list: choose from the list"})
    return values


def _text(value, *, field: str, message: str, limit: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise FieldErrors({field: message})
    if limit and len(value) > limit:
        raise FieldErrors({field: f"Keep this to {limit} characters or fewer (it has {len(value)})"})
    return value


# --- Support needs --------------------------------------------------------


@transaction.atomic
def support_need_report(*, organisation, kinds, other: str = "", by, today: datetime.date | None = None) -> SupportNeed:
    """Record the organisation's current answer; the one it replaces stays in the audit trail."""
    kinds = _codes(kinds, SupportKind.choices, field="kinds", what="kinds of help")
    other = (other or "").strip()
    if not kinds and not other:
        raise FieldErrors({"kinds": "Select the help your organisation needs, or describe it under 'anything else'"})
    ordered = [code for code, _ in SupportKind.choices if code in kinds]
    need, _ = SupportNeed.objects.update_or_create(
        organisation=organisation,
        defaults={"kinds": ordered, "other": other, "reported_on": today or timezone.localdate(), "reported_by": by},
    )
    return need


# --- Offers ---------------------------------------------------------------


def _offer_fields(data: dict) -> dict:
    errors = {}
    clean = {}
    if data.get("kind") not in Offer.Kind.values:
        errors["kind"] = "Select training, mentoring, meet the buyer or provider forum"
    else:
        clean["kind"] = data["kind"]
    for field, message, limit in (
        ("title", "Enter a title for the offer", 200),
        ("description", "Enter what the offer covers", None),
        ("audience", "Enter who the offer is for", 300),
    ):
        try:
            clean[field] = _text(data.get(field), field=field, message=message, limit=limit)
        except FieldErrors as error:
            errors.update(error.errors)
    try:
        clean["topics"] = _codes(data.get("topics"), SupportKind.choices, field="topics", what="kinds of help")
    except FieldErrors as error:
        errors.update(error.errors)
    else:
        if not clean["topics"]:
            errors["topics"] = "Select at least one kind of help the offer gives"
    if errors:
        raise FieldErrors(errors)
    return clean


def _set_topics(offer: Offer, kinds: list[str]) -> None:
    OfferTopic.objects.filter(offer=offer).exclude(kind__in=kinds).delete()
    have = set(OfferTopic.objects.filter(offer=offer).values_list("kind", flat=True))
    for kind in kinds:
        if kind not in have:
            OfferTopic.objects.create(offer=offer, kind=kind)


@transaction.atomic
def offer_create(*, trust, by, **data) -> Offer:
    clean = _offer_fields(data)
    topics = clean.pop("topics")
    offer = Offer.objects.create(trust=trust, created_by=by, **clean)
    _set_topics(offer, topics)
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, by, version: str | None = None, **data) -> Offer:
    """Change an offer, on its locked row: refused once it is cancelled, or if someone changed it since `version` was read."""
    with edit(offer, version=version) as row:
        clean = _offer_fields(data)
        _set_topics(row, clean.pop("topics"))
        for name, value in clean.items():
            setattr(row, name, value)
    return row


def offer_publish(*, offer: Offer, by) -> Offer:
    """Publishing puts the offer on the open pages, where anyone can book its events."""
    return transition(instance=offer, move="publish", by=by, reason="Published", changes={"published_at": timezone.now()})


@transaction.atomic
def offer_cancel(*, offer: Offer, by, reason: str) -> Offer:
    """Cancelling the offer cancels every event of it still to come, and tells the people booked."""
    reason = _text(reason, field="reason", message="Enter why the offer is cancelled")
    offer = transition(instance=offer, move="cancel", by=by, reason=reason, changes={"cancelled_reason": reason})
    for event in offer.events.filter(status__in=Event.TRANSITIONS["cancel"].sources):
        event_cancel(event=event, by=by, reason=reason)
    return offer


# --- Events ---------------------------------------------------------------


def _event_fields(data: dict, *, now: datetime.datetime) -> dict:
    errors = {}
    starts_at, ends_at, closes_at = data.get("starts_at"), data.get("ends_at"), data.get("booking_closes_at")
    if starts_at is None:
        errors["starts_at"] = "Enter the date and time the event starts"
    elif starts_at <= now:
        errors["starts_at"] = "The event must start in the future"
    if ends_at is None:
        errors["ends_at"] = "Enter the time the event ends"
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = "The event must end after it starts"
    if closes_at is None:
        errors["booking_closes_at"] = "Enter the date booking closes"
    elif closes_at <= now:
        errors["booking_closes_at"] = "Booking must close in the future"
    elif starts_at is not None and closes_at > starts_at:
        errors["booking_closes_at"] = "Booking must close on or before the day the event starts"
    venue = (data.get("venue") or "").strip()
    online = bool(data.get("online"))
    if not venue and not online:
        errors["venue"] = "Enter the venue's address, or say the event is online"
    accessibility = (data.get("accessibility") or "").strip()
    if not accessibility:
        errors["accessibility"] = "Enter the accessibility information: step-free access, hearing loop, toilets, or captions online"
    places = data.get("places")
    if not isinstance(places, int) or places < 1:
        errors["places"] = "Enter the number of places, 1 or more"
    elif places > 10000:
        errors["places"] = "Enter 10,000 places or fewer"
    if errors:
        raise FieldErrors(errors)
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "booking_closes_at": closes_at,
        "venue": venue,
        "online": online,
        "accessibility": accessibility,
        "places": places,
    }


@transaction.atomic
def event_add(*, offer: Offer, by, now: datetime.datetime | None = None, **data) -> Event:
    """Add a date. Once the offer is published, everyone who registered interest in it is told the date is open to book."""
    with edit(offer) as offer:  # Locks the offer and refuses once it is cancelled.
        event = Event.objects.create(offer=offer, **_event_fields(data, now=now or timezone.now()))
    if offer.status == Offer.Status.PUBLISHED:
        _tell_interested(event)
    return event


def _tell_interested(event: Event) -> None:
    """Email each person still interested in the offer that a date can now be booked; their interest stays until they withdraw it."""
    for interest in event.offer.interests.filter(status=Interest.Status.REGISTERED, erased_at__isnull=True):
        _mail(
            interest,
            event.offer,
            "A date you can book",
            f"You registered interest in this, so {event.offer.trust.name} is letting you know it now has a date you can book. "
            "To stop hearing about it, use the withdraw link in the email you had when you registered.",
            [f"{event.starts_at:%A %-d %B %Y, %H:%M}", event.where],
            ("book a place", absolute_url("capacity:offer", event.offer_id)),
        )


def _booked(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.BOOKED).count()


def _match_fullness(event: Event, *, by, reason: str) -> Event:
    """An open event with every place booked becomes full; a full one with a place free opens again."""
    booked = _booked(event)
    if event.status == Event.Status.OPEN and booked >= event.places:
        return transition(instance=event, move="fill", by=by, reason=reason)
    if event.status == Event.Status.FULL and booked < event.places:
        return transition(instance=event, move="reopen", by=by, reason=reason)
    return event


def _promote_from_waiting_list(event: Event, *, by) -> list[Registration]:
    """Give each free place to the first person on the waiting list (first come, first served)."""
    promoted = []
    free = event.places - _booked(event)
    waiting = list(event.registrations.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")[: max(free, 0)])
    for registration in waiting:
        registration = transition(instance=registration, move="promote", by=by, reason="A place became free: moved up from the waiting list")
        _email(registration, event, "You have a place", "A place became free and it is yours: you are no longer on the waiting list.")
        promoted.append(registration)
    return promoted


@transaction.atomic
def event_change_places(*, event: Event, by, places) -> Event:
    """More places move people up from the waiting list; fewer than are already booked is refused. Refused once cancelled."""
    with edit(event) as event:
        if not isinstance(places, int) or places < 1:
            raise FieldErrors({"places": "Enter the number of places, 1 or more"})
        booked = _booked(event)
        if places < booked:
            raise FieldErrors({"places": f"{booked} people already have places: enter {booked} or more, or ask people to cancel first"})
        before = event.places
        event.places = places
    if places > before:
        # Even after booking closes, people on the waiting list get new places.
        _promote_from_waiting_list(event, by=by)
    return _match_fullness(event, by=by, reason=f"Places changed from {before} to {places}")


@transaction.atomic
def event_close_booking(*, event: Event, by=None, reason: str = "Booking deadline passed") -> Event:
    return transition(instance=event, move="close", by=by, reason=reason)


@transaction.atomic
def event_cancel(*, event: Event, by, reason: str) -> Event:
    reason = _text(reason, field="reason", message="Enter why the event is cancelled")
    event = transition(instance=event, move="cancel", by=by, reason=reason, changes={"cancelled_reason": reason})
    for registration in event.registrations.exclude(status=Registration.Status.CANCELLED):
        _email(registration, event, "Event cancelled", f"The event has been cancelled. The organisers said: {reason}")
    return event


def events_past_booking_deadline(*, now: datetime.datetime):
    return Event.objects.filter(status__in=[Event.Status.OPEN, Event.Status.FULL], booking_closes_at__lte=now)


# --- Registrations --------------------------------------------------------


def _mail(person: Registration | Interest, offer: Offer, subject: str, message: str, details: list[str], link: tuple[str, str] | None) -> None:
    """Email a person who booked or registered interest, once the transaction commits; `link` is (what it does, address)."""
    email_send_later(
        to=person.email,
        subject=f"{subject}: {offer.title}",
        template="capacity/email/message.txt",
        context={"name": person.name, "message": message, "title": offer.title, "details": details, "link": link},
    )


def _email(registration: Registration, event: Event, subject: str, message: str, *, token: str | None = None) -> None:
    _mail(
        registration,
        event.offer,
        subject,
        message,
        [f"{event.starts_at:%A %-d %B %Y, %H:%M}", event.where],
        ("cancel", absolute_url("capacity:booking", token)) if token else None,
    )


def _person_fields(data: dict) -> tuple[dict, dict]:
    """The least a person gives to book or register interest, cleaned, and every problem with it."""
    errors = {}
    clean = {}
    for field, message, limit in (("name", "Enter your name", 200), ("organisation_name", "Enter your organisation's name", 300)):
        try:
            clean[field] = _text(data.get(field), field=field, message=message, limit=limit)
        except FieldErrors as error:
            errors.update(error.errors)
    email = (data.get("email") or "").strip().lower()
    if not email:
        errors["email"] = "Enter your email address"
    elif "@" not in email or len(email) > 254:
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    clean["email"] = email
    clean["access_needs"] = (data.get("access_needs") or "").strip()
    return clean, errors


@transaction.atomic
def registration_book(*, event: Event, user=None, now: datetime.datetime | None = None, notify: bool = True, **data) -> tuple[Registration, str]:
    """Book a place, or a place on the waiting list when every place is taken.

    Returns the registration and its private cancel token, which is shown once
    and emailed (unless `notify` is off, as for the demo's made-up people);
    only its hash is stored.
    """
    now = now or timezone.now()
    # Lock the event so two people booking the last place at once cannot both get it.
    event = Event.objects.select_for_update().select_related("offer").get(pk=event.pk)
    if not event.open_for_booking(now=now):
        raise FieldErrors({NON_FIELD: "Booking for this event has closed"})
    clean, errors = _person_fields(data)
    active = event.registrations.exclude(status=Registration.Status.CANCELLED)
    if "email" not in errors and active.filter(email=clean["email"]).exists():
        errors["email"] = "This email address already has a place or is on the waiting list for this event: use the link in your confirmation email"
    if errors:
        raise FieldErrors(errors)
    status = Registration.Status.BOOKED if _booked(event) < event.places else Registration.Status.WAITING
    token = new_token()
    organisation = getattr(user, "organisation", None) if user is not None and user.is_authenticated else None
    registration = Registration.objects.create(
        event=event,
        status=status,
        token_hash=hash_token(token),
        user=user if user is not None and user.is_authenticated else None,
        organisation=organisation,
        **clean,
    )
    _match_fullness(event, by=None, reason="Every place is booked")
    if not notify:
        pass
    elif status == Registration.Status.BOOKED:
        _email(registration, event, "Your place is booked", "Your place is booked.", token=token)
    else:
        _email(
            registration,
            event,
            "You are on the waiting list",
            "Every place is taken, so you are on the waiting list. If someone cancels, the first person on the list gets the place and we email them.",
            token=token,
        )
    return registration, token


def registration_for_token(token: str) -> Registration | None:
    if not token:
        return None
    return Registration.objects.select_related("event__offer__trust").filter(token_hash=hash_token(token)).first()


def _cancel(registration: Registration, *, move: str, by, reason: str) -> tuple[Registration, Event]:
    """Cancel a booking; a place it frees goes to the first person on the waiting list."""
    # The event is locked first, as booking does, so a cancellation and a booking cannot deadlock
    # (and the booking's state cannot change while it is read here).
    event = Event.objects.select_for_update().select_related("offer").get(pk=registration.event_id)
    was_booked = Registration.objects.get(pk=registration.pk).status == Registration.Status.BOOKED
    registration = transition(instance=registration, move=move, by=by, reason=reason)
    if was_booked and event.status != Event.Status.CANCELLED:
        _promote_from_waiting_list(event, by=by)
        _match_fullness(event, by=by, reason="A place became free")
    return registration, event


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None) -> Registration:
    """The person who booked cancels, through their private link."""
    return _cancel(registration, move="cancel", by=by, reason="Cancelled by the person who booked")[0]


@transaction.atomic
def registration_cancel_for_person(*, registration: Registration, by, reason: str) -> Registration:
    """The organisers cancel someone's booking for them (they asked by phone, or booked twice), saying why.

    As with a self-cancellation, a freed place goes to the first person waiting;
    the person is emailed the reason. Refused once the whole event is cancelled (the move's guard).
    """
    reason = _text(reason, field="reason", message="Enter why the booking is cancelled")
    registration, event = _cancel(registration, move="cancel_for_person", by=by, reason=f"Cancelled by the organisers: {reason}")
    _email(registration, event, "Your booking is cancelled", f"The organisers have cancelled your booking. They said: {reason}")
    return registration


def _kept_since(today: datetime.date, days: int) -> datetime.datetime:
    """The start of the day `days` before `today`: what happened before it is past its retention period."""
    return timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.min))


def events_due_registration_erasure(*, today: datetime.date):
    """Events that ended more than the retention period ago and whose bookings are not yet erased (through their index)."""
    return Event.objects.filter(registrations_erased_at__isnull=True, ends_at__lt=_kept_since(today, REGISTRATION_RETENTION_DAYS))


@transaction.atomic
def event_registrations_erase(*, event: Event, today: datetime.date) -> int:
    """Erase the personal details of an event's bookings once its retention period has passed; how many were. Safe to run twice."""
    if event.ends_at >= _kept_since(today, REGISTRATION_RETENTION_DAYS):
        raise FieldErrors({NON_FIELD: f"Bookings are kept for {REGISTRATION_RETENTION_DAYS} days after the event"})
    erased = 0
    for registration in event.registrations.select_related("event__offer").filter(erased_at__isnull=True):
        _erase(registration)
        erased += 1
    event.registrations_erased_at = timezone.now()
    event.save(update_fields=["registrations_erased_at"])
    return erased


# --- Interest in offers with no dates ----------------------------------------


def takes_interest(offer: Offer) -> bool:
    """A published offer with no date open for booking takes registrations of interest instead."""
    return offer.status == Offer.Status.PUBLISHED and not any(event.takes_bookings() for event in offer.events.all())


@transaction.atomic
def interest_register(*, offer: Offer, user=None, notify: bool = True, **data) -> tuple[Interest, str]:
    """Register someone's interest in a published offer with no dates to book (mentoring, say).

    Returns the interest and its private withdraw token, shown once and emailed;
    only its hash is stored.
    """
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.PUBLISHED:
        raise FieldErrors({NON_FIELD: "This offer is not open: it may have been cancelled"})
    if not takes_interest(offer):
        raise FieldErrors({NON_FIELD: "This offer has dates you can book: book a place on one of them instead"})
    clean, errors = _person_fields(data)
    del clean["access_needs"]  # asked when there is an event to arrange, not now
    if "email" not in errors and offer.interests.filter(status=Interest.Status.REGISTERED, email=clean["email"]).exists():
        errors["email"] = "This email address has already registered interest in this offer: use the link in your confirmation email"
    if errors:
        raise FieldErrors(errors)
    token = new_token()
    signed_in = user is not None and user.is_authenticated
    interest = Interest.objects.create(
        offer=offer,
        token_hash=hash_token(token),
        user=user if signed_in else None,
        organisation=getattr(user, "organisation", None) if signed_in else None,
        **clean,
    )
    if notify:
        _mail(
            interest,
            offer,
            "Your interest is registered",
            f"Thank you: {offer.trust.name} has your interest, and will contact you about {offer.title}.",
            [],
            ("withdraw your interest", absolute_url("capacity:interest-link", token)),
        )
    return interest, token


def interest_for_token(token: str) -> Interest | None:
    if not token:
        return None
    return Interest.objects.select_related("offer__trust").filter(token_hash=hash_token(token)).first()


def _erase(person: Registration | Interest) -> Registration | Interest:
    # On the locked row, saving only the erased fields: never the state of a stale copy.
    with edit(person) as row:
        for field in ("name", "email", "organisation_name", "access_needs"):
            if hasattr(row, field):
                setattr(row, field, "")
        row.erased_at = timezone.now()
    return row


@transaction.atomic
def interest_withdraw(*, interest: Interest, by=None) -> Interest:
    """Withdraw interest through the private link; the person's details are deleted at once."""
    interest = transition(instance=interest, move="withdraw", by=by, reason="Withdrawn by the person who registered")
    return _erase(interest)


def interests_due_erasure(*, today: datetime.date):
    """Interest registered more than the retention period ago and not yet erased (through its index)."""
    return Interest.objects.select_related("offer").filter(erased_at__isnull=True, created_at__lt=_kept_since(today, INTEREST_RETENTION_DAYS))


def interest_erase(*, interest: Interest) -> None:
    """Erase the details of one registration of interest (one save, so it is in the audit trail)."""
    _erase(interest)


# --- Find partners --------------------------------------------------------


def _listing_fields(data: dict) -> dict:
    errors = {}
    clean = {}
    try:
        clean["can_offer"] = _text(data.get("can_offer"), field="can_offer", message="Enter what your organisation can offer a partnership")
    except FieldErrors as error:
        errors.update(error.errors)
    for field, choices, what in (
        ("looking_for", LookingFor.choices, "arrangements"),
        ("outcomes", outcome_area_choices(), "outcome areas"),
        ("groups", Group.choices, "groups"),
    ):
        try:
            clean[field] = _codes(data.get(field), choices, field=field, what=what)
        except FieldErrors as error:
            errors.update(error.errors)
    if not errors and not clean["looking_for"]:
        errors["looking_for"] = "Select what your organisation is looking for"
    if errors:
        raise FieldErrors(errors)
    return clean


def _set_rows(model, listing: PartnerListing, field: str, codes: list[str]) -> None:
    model.objects.filter(listing=listing).exclude(**{f"{field}__in": codes}).delete()
    have = set(model.objects.filter(listing=listing).values_list(field, flat=True))
    for code in codes:
        if code not in have:
            model.objects.create(listing=listing, **{field: code})


def _set_outcomes(listing: PartnerListing, slugs: list[str]) -> None:
    ListingOutcome.objects.filter(listing=listing).exclude(outcome__slug__in=slugs).delete()
    have = set(ListingOutcome.objects.filter(listing=listing).values_list("outcome__slug", flat=True))
    for area in directory_outcome_areas().filter(slug__in=slugs).exclude(slug__in=have):
        ListingOutcome.objects.create(listing=listing, outcome=area)


@transaction.atomic
def partner_listing_opt_in(*, organisation, by, version: str | None = None, **data) -> PartnerListing:
    """List the organisation in 'find partners' (or change its entry). Its public directory email is the contact route.

    `version` is the entry's version_of() when the form was shown: a change someone made since is refused.
    """
    clean = _listing_fields(data)
    flags = {field: code in clean["looking_for"] for code, field in LOOKING_FOR_FIELDS.items()}
    listing = PartnerListing.objects.filter(organisation=organisation).first()
    if listing is None:
        listing = PartnerListing.objects.create(organisation=organisation, can_offer=clean["can_offer"], **flags)
    else:
        with edit(listing, version=version) as listing:
            listing.can_offer = clean["can_offer"]
            for field, value in flags.items():
                setattr(listing, field, value)
    _set_outcomes(listing, clean["outcomes"])
    _set_rows(ListingGroup, listing, "group", clean["groups"])
    if listing.status in PartnerListing.TRANSITIONS["list"].sources:
        listing = transition(instance=listing, move="list", by=by, reason="Opted in to find partners")
    return listing


def partner_listing_opt_out(*, listing: PartnerListing, by) -> PartnerListing:
    """Takes the organisation out of the listing at once. What it wrote is kept for if it opts in again."""
    return transition(instance=listing, move="withdraw", by=by, reason="Opted out of find partners")
