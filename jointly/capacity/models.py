"""Market development: the help organisations say they need, the offers and events that meet it, and finding partners.

Seed 004: small charities with no legal team, asked to form consortia without
support. Support needs are an organisation's own answer (one current answer,
earlier ones in the audit trail). Offers and events belong to a trust. A
registration is the least a person can give to book a place; its personal
details are kept out of the audit trail and erased after the event.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions
from jointly.needs.vocabulary import Group

# Personal details of a booking are erased this many days after the event ends.
REGISTRATION_RETENTION_DAYS = 30


class SupportKind(models.TextChoices):
    """Help a small organisation may need to take part in commissioning, in plain words."""

    BIDS = "bids", "Writing bids and tenders"
    FULL_COST = "full_cost", "Costing services with full cost recovery"
    SAFEGUARDING = "safeguarding", "Safeguarding policies"
    GOVERNANCE = "governance", "Governance and trustees"
    OUTCOMES = "outcomes", "Measuring outcomes and evidence"
    DATA_PROTECTION = "data_protection", "Data protection"
    LEGAL = "legal", "Contracts and legal questions"
    DIGITAL = "digital", "Digital skills"
    CONSORTIUM = "consortium", "Forming a consortium or partnership"
    PREMISES = "premises", "Finding premises"


class SupportNeed(AuditedModel):
    """An organisation's current answer to 'what help do you need?'. Earlier answers stay in the audit trail."""

    organisation = models.OneToOneField("partnerships.Organisation", on_delete=models.CASCADE, related_name="support_need")
    kinds = models.JSONField(default=list, help_text="Codes of SupportKind.")
    other = models.TextField("anything else", blank=True)
    reported_on = models.DateField()
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self):
        return f"Support needs of {self.organisation}"

    @property
    def kind_labels(self) -> list[str]:
        labels = dict(SupportKind.choices)
        return [labels[kind] for kind in self.kinds if kind in labels]


class Offer(AuditedModel):
    """Training, mentoring, 'meet the buyer' or a provider forum that a trust runs for the sector."""

    class Kind(models.TextChoices):
        TRAINING = "training", "Training"
        MENTORING = "mentoring", "Mentoring"
        MEET_THE_BUYER = "meet_the_buyer", "Meet the buyer"
        PROVIDER_FORUM = "provider_forum", "Provider forum"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="capacity_offers")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    description = models.TextField("what it covers")
    audience = models.CharField("who it is for", max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.PUBLISHED, "Publish", perm=Perm.CAPACITY_MANAGE),
        # Cancelling an offer cancels its events still to come (offer_cancel).
        Move("cancel", [Status.DRAFT, Status.PUBLISHED], Status.CANCELLED, "Cancel", perm=Perm.CAPACITY_MANAGE),
        # Changing the offer and adding its events.
        editable=[Status.DRAFT, Status.PUBLISHED],
    )

    class Meta:
        ordering = ["trust__name", "title"]
        indexes = [models.Index(fields=["trust", "status"], name="capacity_offer_trust_status")]

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.trust_id

    def get_absolute_url(self):
        return reverse("capacity:offer", args=[self.pk])

    @property
    def covers(self) -> list[str]:
        """The support-need kinds it helps with (prefetch `topics`)."""
        return [topic.kind for topic in self.topics.all()]


class OfferTopic(AuditedModel):
    """One kind of support need an offer helps with: how an organisation's needs are matched to offers."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="topics")
    kind = models.CharField(max_length=20, choices=SupportKind.choices)

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["offer", "kind"], name="one_offer_topic_each")]

    def __str__(self):
        return self.get_kind_display()

    def audit_trust_id(self):
        return self.offer.trust_id


class Event(AuditedModel):
    """One session of an offer, with places to book. Booking closes when full or at its deadline."""

    class Status(models.TextChoices):
        OPEN = "open", "Open for booking"
        FULL = "full", "Full"
        CLOSED = "closed", "Closed for booking"
        CANCELLED = "cancelled", "Cancelled"

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.TextField("venue address", blank=True)
    online = models.BooleanField("online", default=False)
    accessibility = models.TextField("accessibility information")
    places = models.PositiveIntegerField()
    booking_closes_at = models.DateTimeField("booking closes")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    cancelled_reason = models.TextField(blank=True)
    # Set when its bookings' personal details are erased, REGISTRATION_RETENTION_DAYS after it ends: the erasure job's "done".
    registrations_erased_at = models.DateTimeField(null=True, blank=True)

    TRANSITIONS = Transitions(
        # Fill and reopen follow the bookings (services._match_fullness); close follows the deadline (the scheduler).
        Move("fill", [Status.OPEN], Status.FULL, "Fill"),
        Move("reopen", [Status.FULL], Status.OPEN, "Reopen"),
        Move("close", [Status.OPEN, Status.FULL], Status.CLOSED, "Close"),
        Move("cancel", [Status.OPEN, Status.FULL, Status.CLOSED], Status.CANCELLED, "Cancel", perm=Perm.CAPACITY_MANAGE),
        # Changing the number of places, even after booking closes (people waiting still move up).
        editable=[Status.OPEN, Status.FULL, Status.CLOSED],
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        # Serve the booking-deadline and erasure jobs' queries, so each reads only the events due.
        indexes = [
            models.Index(fields=["status", "booking_closes_at"], name="capacity_event_booking_due"),
            models.Index(fields=["ends_at"], condition=models.Q(registrations_erased_at__isnull=True), name="capacity_event_erasure_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="capacity_event_ends_after_start"),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="capacity_event_has_places"),
            models.CheckConstraint(condition=~models.Q(venue="") | models.Q(online=True), name="capacity_event_venue_or_online"),
        ]

    def __str__(self):
        return f"{self.offer.title}, {self.starts_at:%-d %B %Y}"

    def audit_trust_id(self):
        return self.offer.trust_id

    @property
    def where(self) -> str:
        if self.venue and self.online:
            return f"{self.venue}, or online"
        return self.venue or "Online"

    def takes_bookings(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.FULL)

    def open_for_booking(self, now: datetime.datetime | None = None) -> bool:
        """Can a person book (or join the waiting list) now: its offer published, booking not closed, the deadline not passed?"""
        return self.offer.status == Offer.Status.PUBLISHED and self.takes_bookings() and self.booking_closes_at > (now or timezone.now())


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PersonalDetails(AuditedModel):
    """The least a person gives to book or register interest, with or without an account, and the hash of their private link."""

    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    organisation_name = models.CharField("organisation", max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey("partnerships.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Registration(PersonalDetails):
    """A booking for an event, made with or without an account.

    Only the cancel link's hash is stored, so the link works only for whoever
    holds it. Name, email, organisation and access needs are left out of the
    audit trail and erased REGISTRATION_RETENTION_DAYS after the event.
    """

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        WAITING = "waiting", "On the waiting list"
        CANCELLED = "cancelled", "Cancelled"

    audit_exclude = ("name", "email", "organisation_name", "access_needs", "token_hash")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    access_needs = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)

    TRANSITIONS = Transitions(
        Move("promote", [Status.WAITING], Status.BOOKED, "Promote"),
        # The person who booked cancels through their private link, which is the only check.
        Move("cancel", [Status.BOOKED, Status.WAITING], Status.CANCELLED, "Cancel"),
        # The organisers cancel for them; once the whole event is cancelled everyone has been told.
        Move(
            "cancel_for_person",
            [Status.BOOKED, Status.WAITING],
            Status.CANCELLED,
            "Cancel",
            perm=Perm.CAPACITY_MANAGE,
            guard=lambda registration: (
                "The whole event is cancelled: everyone booked has already been told" if registration.event.status == Event.Status.CANCELLED else None
            ),
        ),
    )

    class Meta:
        verbose_name = "booking"
        # First come, first served: the waiting list is in order of booking.
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"], name="capacity_reg_event_status")]

    def __str__(self):
        # No name here: this text is kept in the audit trail.
        return f"Registration {self.pk} for event {self.event_id}"

    def audit_trust_id(self):
        return self.event.offer.trust_id

    def erase_after(self) -> datetime.date:
        return (self.event.ends_at + datetime.timedelta(days=REGISTRATION_RETENTION_DAYS)).date()


# Details of someone who registered interest are erased this many days after they registered (at once if they withdraw).
INTEREST_RETENTION_DAYS = 180


class Interest(PersonalDetails):
    """Someone's interest in an offer that has no dates yet (mentoring, say), made with or without an account.

    The same least data as a booking, kept the same way: only the withdraw
    link's hash is stored; name, email and organisation stay out of the audit
    trail, and are erased on withdrawal or INTEREST_RETENTION_DAYS after registering.
    """

    class Status(models.TextChoices):
        REGISTERED = "registered", "Registered"
        WITHDRAWN = "withdrawn", "Withdrawn"

    audit_exclude = ("name", "email", "organisation_name", "token_hash")

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="interests")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REGISTERED)

    TRANSITIONS = Transitions(
        # Through the private link, which is the only check.
        Move("withdraw", [Status.REGISTERED], Status.WITHDRAWN, "Withdraw"),
    )

    class Meta:
        verbose_name = "registration of interest"
        verbose_name_plural = "registrations of interest"
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["offer", "status", "created_at"], name="capacity_interest_offer_status"),
            # Serves the erasure job's query: only interest not yet erased.
            models.Index(fields=["created_at"], condition=models.Q(erased_at__isnull=True), name="capacity_interest_erasure_due"),
        ]

    def __str__(self):
        # No name here: this text is kept in the audit trail.
        return f"Interest {self.pk} in offer {self.offer_id}"

    def audit_trust_id(self):
        return self.offer.trust_id

    def erase_after(self) -> datetime.date:
        return (self.created_at + datetime.timedelta(days=INTEREST_RETENTION_DAYS)).date()


class LookingFor(models.TextChoices):
    LEAD_PARTNER = "lead_partner", "A lead partner to join"
    SUB_CONTRACTING = "sub_contracting", "Sub-contracting work"
    CONSORTIUM = "consortium", "Partners to form a consortium"
    TO_LEAD = "to_lead", "Smaller partners for a bid we would lead"


class PartnerListing(AuditedModel):
    """An organisation's entry in 'find partners'. Off unless the organisation opts in."""

    class Status(models.TextChoices):
        LISTED = "listed", "Listed"
        WITHDRAWN = "withdrawn", "Not listed"

    organisation = models.OneToOneField("partnerships.Organisation", on_delete=models.CASCADE, related_name="partner_listing")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WITHDRAWN)
    can_offer = models.TextField("what you can offer a partnership")
    # One flag for each kind of arrangement (LOOKING_FOR_FIELDS), so the list filters in the database on any engine.
    wants_lead_partner = models.BooleanField(default=False)
    wants_sub_contracting = models.BooleanField(default=False)
    wants_consortium = models.BooleanField(default=False)
    wants_to_lead = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    # No permission here: the pages fetch the organisation with ORGANISATION_EDIT, and the entry is changed in either state.
    TRANSITIONS = Transitions(
        Move("list", [Status.WITHDRAWN], Status.LISTED, "List"),
        Move("withdraw", [Status.LISTED], Status.WITHDRAWN, "Withdraw"),
    )

    class Meta:
        verbose_name = "partner listing"
        ordering = ["organisation__name"]

    def __str__(self):
        return f"Find partners: {self.organisation}"

    @property
    def looking_for(self) -> list[str]:
        return [code for code, field in LOOKING_FOR_FIELDS.items() if getattr(self, field)]

    @property
    def looking_for_labels(self) -> list[str]:
        return [LookingFor(code).label for code in self.looking_for]


LOOKING_FOR_FIELDS = {
    LookingFor.LEAD_PARTNER: "wants_lead_partner",
    LookingFor.SUB_CONTRACTING: "wants_sub_contracting",
    LookingFor.CONSORTIUM: "wants_consortium",
    LookingFor.TO_LEAD: "wants_to_lead",
}


class ListingOutcome(AuditedModel):
    listing = models.ForeignKey(PartnerListing, on_delete=models.CASCADE, related_name="outcome_rows")
    # A shared outcome area, as the directory uses: a listing is seen by every trust.
    outcome = models.ForeignKey("needs.OutcomeArea", on_delete=models.PROTECT, related_name="listing_rows", limit_choices_to={"trust__isnull": True})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["listing", "outcome"], name="one_listing_outcome_each")]

    def __str__(self):
        return self.outcome.name


class ListingGroup(AuditedModel):
    listing = models.ForeignKey(PartnerListing, on_delete=models.CASCADE, related_name="group_rows")
    group = models.CharField(max_length=40, choices=Group.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["listing", "group"], name="one_listing_group_each")]

    def __str__(self):
        return self.get_group_display()
