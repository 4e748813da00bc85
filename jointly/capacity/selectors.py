"""Reads for market development, already narrowed to what the person may see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When

from jointly.needs.vocabulary import Group
from jointly.partnerships.models import Organisation, Sector, SizeBand, Trust
from jointly.places.models import Area
from jointly.providers.taxonomy import outcome_area_choices

from .models import (
    LOOKING_FOR_FIELDS,
    Event,
    Interest,
    ListingOutcome,
    LookingFor,
    Offer,
    PartnerListing,
    Registration,
    SupportKind,
    SupportNeed,
)

NOT_KNOWN = "Not known"


def with_counts(events):
    return events.annotate(
        booked_count=Count("registrations", filter=Q(registrations__status=Registration.Status.BOOKED)),
        waiting_count=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
    )


def with_events(queryset):
    return queryset.select_related("trust").prefetch_related(
        "topics", Prefetch("events", queryset=with_counts(Event.objects.exclude(status=Event.Status.CANCELLED)).order_by("starts_at", "pk"))
    )


def published_offers(*, trust: str = "", kind: str = "", need: str = ""):
    """The open list: every published offer, filtered by trust (slug), kind and the kind of help it gives."""
    offers = Offer.objects.filter(status=Offer.Status.PUBLISHED)
    if trust:
        offers = offers.filter(trust__slug=trust)
    if kind:
        offers = offers.filter(kind=kind)
    if need:
        offers = offers.filter(topics__kind=need)
    return with_events(offers.distinct()).order_by("trust__name", "title", "pk")


def offers_for(*, trust: Trust, status: str = ""):
    """Every offer of a trust, drafts and cancelled ones too, for its staff."""
    offers = Offer.objects.filter(trust=trust)
    if status:
        offers = offers.filter(status=status)
    return with_events(offers).order_by("-created_at", "pk")


def offers_meeting(need: SupportNeed | None):
    """Published offers, from the trusts the organisation works with, that give the help it asked for."""
    if need is None or not need.kinds:
        return Offer.objects.none()
    trusts = Trust.objects.filter(partners__organisation_id=need.organisation_id)
    offers = Offer.objects.filter(status=Offer.Status.PUBLISHED, trust__in=trusts, topics__kind__in=need.kinds).distinct()
    return with_events(offers).order_by("title", "pk")


def registrations_for(event: Event):
    """Booked first, then the waiting list in its order, then cancellations."""
    order = {Registration.Status.BOOKED: 0, Registration.Status.WAITING: 1, Registration.Status.CANCELLED: 2}
    rank = Case(*[When(status=status, then=Value(value)) for status, value in order.items()], output_field=IntegerField())
    return event.registrations.select_related("organisation").annotate(rank=rank).order_by("rank", "created_at", "pk")


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=Registration.Status.WAITING).filter(
        Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


REGISTRATION_CSV_COLUMNS = ["status", "waiting_list_position", "name", "email", "organisation", "access_needs", "booked_at"]


def registration_rows(event: Event) -> list[list]:
    """The event's registrations as its CSV file gives them (same order as REGISTRATION_CSV_COLUMNS)."""
    rows, position = [], 0
    for registration in registrations_for(event):
        if registration.status == Registration.Status.WAITING:
            position += 1
        rows.append(
            [
                registration.get_status_display(),
                position if registration.status == Registration.Status.WAITING else "",
                registration.name,
                registration.email,
                registration.organisation_name,
                registration.access_needs,
                registration.created_at.isoformat(timespec="minutes"),
            ]
        )
    return rows


def interests_for(offer: Offer):
    """People interested in an offer with no dates, first registered first. Withdrawn ones are erased and left out."""
    return offer.interests.filter(status=Interest.Status.REGISTERED).order_by("created_at", "pk")


INTEREST_CSV_COLUMNS = ["name", "email", "organisation", "registered_at"]


def interest_rows(offer: Offer) -> list[list]:
    return [
        [interest.name, interest.email, interest.organisation_name, interest.created_at.isoformat(timespec="minutes")]
        for interest in interests_for(offer)
    ]


# --- Support needs summary --------------------------------------------------


@dataclass
class SupportSummaryRow:
    kind: str
    label: str
    total: int = 0
    by_size: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    # The counts in the order of the summary's columns, for its tables and CSV.
    size_counts: list[int] = field(default_factory=list)
    sector_counts: list[int] = field(default_factory=list)


@dataclass
class SupportSummary:
    trust: Trust
    partners: int
    reported: int
    rows: list[SupportSummaryRow]
    other_answers: int
    sizes: list[tuple[str, str]]
    sectors: list[tuple[str, str]]

    @property
    def title(self) -> str:
        return f"Partner organisations needing each kind of help: {self.trust.name}"

    @property
    def csv_headings(self) -> list[str]:
        return ["kind_of_help", "organisations", *[f"size: {label}" for _, label in self.sizes], *[f"sector: {label}" for _, label in self.sectors]]

    @property
    def csv_rows(self) -> list[list]:
        return [[row.label, row.total, *row.size_counts, *row.sector_counts] for row in self.rows]


def support_summary(*, trust: Trust) -> SupportSummary:
    """How many of the trust's non-statutory partner organisations need each kind of help, by size band and sector.

    One organisation counts once for each kind it ticked; its size and sector
    are its register entry's (size "not known" when the register has none).
    """
    partners = Organisation.objects.filter(partnerships__trust=trust, partnerships__statutory=False).distinct()
    needs = list(SupportNeed.objects.filter(organisation__in=partners).select_related("organisation"))
    sizes = [*SizeBand.choices, ("", NOT_KNOWN)]
    sectors = [(code, label) for code, label in Sector.choices]
    rows = {code: SupportSummaryRow(code, label, 0, {s: 0 for s, _ in sizes}, {s: 0 for s, _ in sectors}) for code, label in SupportKind.choices}
    for need in needs:
        organisation = need.organisation
        for kind in need.kinds:
            row = rows.get(kind)
            if row is None:
                continue
            row.total += 1
            row.by_size[organisation.size_band if organisation.size_band in row.by_size else ""] += 1
            if organisation.sector in row.by_sector:
                row.by_sector[organisation.sector] += 1
    shown_sectors = [(code, label) for code, label in sectors if any(row.by_sector[code] for row in rows.values())]
    for row in rows.values():
        row.size_counts = [row.by_size[code] for code, _ in sizes]
        row.sector_counts = [row.by_sector[code] for code, _ in shown_sectors]
    return SupportSummary(
        trust=trust,
        partners=partners.count(),
        reported=len(needs),
        rows=list(rows.values()),
        other_answers=sum(1 for need in needs if need.other),
        sizes=sizes,
        sectors=shown_sectors,
    )


# --- Find partners ------------------------------------------------------------


def place_choices() -> list[tuple[str, str]]:
    """The places to filter by: the local authority areas of the trusts."""
    return [(code, name) for code, name in Area.objects.filter(trust__isnull=False).order_by("name").values_list("code", "name")]


def partner_listings(*, outcome: str = "", place: str = "", group: str = "", looking_for: str = ""):
    """Organisations listed in 'find partners', filtered. Only LISTED entries: opting out removes one at once."""
    listings = PartnerListing.objects.filter(status=PartnerListing.Status.LISTED)
    if outcome in dict(outcome_area_choices()):
        listings = listings.filter(outcome_rows__outcome__slug=outcome)
    if group in Group.values:
        listings = listings.filter(group_rows__group=group)
    if looking_for in LookingFor.values:
        listings = listings.filter(**{LOOKING_FOR_FIELDS[LookingFor(looking_for)]: True})
    if place:
        listings = listings.filter(Q(organisation__provider_profile__areas__code=place) | Q(organisation__partnerships__trust__area__code=place))
    return (
        listings.distinct()
        .select_related("organisation__provider_profile")
        .prefetch_related(
            Prefetch("outcome_rows", queryset=ListingOutcome.objects.select_related("outcome").order_by("outcome__order")),
            "group_rows",
            "organisation__provider_profile__areas",
            "organisation__partnerships__trust",
        )
        .order_by("organisation__name", "pk")
    )


def listing_defaults(organisation: Organisation) -> dict:
    """What a first listing starts from: the outcome areas and groups of the organisation's directory entry."""
    from jointly.providers.models import ProfileGroup, ServiceGroup, ServiceOutcome

    outcomes = set(ServiceOutcome.objects.filter(service__organisation=organisation).values_list("outcome__slug", flat=True))
    groups = set(ProfileGroup.objects.filter(profile__organisation=organisation).values_list("group", flat=True))
    groups |= set(ServiceGroup.objects.filter(service__organisation=organisation).values_list("group", flat=True))
    return {"outcomes": sorted(outcomes), "groups": sorted(groups)}


def public_contact(organisation: Organisation) -> str:
    """The contact route shown to partners: the public directory email, never the private register contact."""
    profile = getattr(organisation, "provider_profile", None)
    if profile is not None and profile.is_published and profile.email:
        return profile.email
    return ""
