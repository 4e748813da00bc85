"""API for market development, with the pages' permissions.

Published offers and their events are open (auth=None), like their pages.
'Find partners' needs an account with PARTNERS_FIND; a trust's support-needs
summary needs SUPPORT_NEEDS_VIEW in that trust (another trust's is 404).
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for, has_perm
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Trust

from . import selectors
from .models import Offer

router = Router(tags=["market development"])


class EventOut(Schema):
    id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str
    online: bool
    accessibility: str
    places: int
    places_booked: int
    waiting_list: int
    booking_closes_at: datetime.datetime
    status: str
    booking_url: str

    @staticmethod
    def resolve_places_booked(event):
        return event.booked_count

    @staticmethod
    def resolve_waiting_list(event):
        return event.waiting_count

    @staticmethod
    def resolve_booking_url(event, context):
        return context["request"].build_absolute_uri(reverse("capacity:book", args=[event.pk]))


class OfferOut(Schema):
    id: int
    trust: str
    kind: str
    title: str
    description: str
    audience: str
    helps_with: list[str]
    status: str
    url: str
    events: list[EventOut]

    @staticmethod
    def resolve_trust(offer):
        return offer.trust.slug

    @staticmethod
    def resolve_helps_with(offer):
        return offer.covers

    @staticmethod
    def resolve_url(offer, context):
        return context["request"].build_absolute_uri(offer.get_absolute_url())

    @staticmethod
    def resolve_events(offer):
        return list(offer.events.all())


class ListingOut(Schema):
    organisation: str
    name: str
    can_offer: str
    looking_for: list[str]
    outcome_areas: list[str]  # outcome area slugs, as /api/v1/outcome-areas gives them
    groups: list[str]
    areas_served: list[str]
    contact_email: str

    @staticmethod
    def resolve_organisation(listing):
        return listing.organisation.slug

    @staticmethod
    def resolve_name(listing):
        return listing.organisation.name

    @staticmethod
    def resolve_outcome_areas(listing):
        return [row.outcome.slug for row in listing.outcome_rows.all()]

    @staticmethod
    def resolve_groups(listing):
        return [row.group for row in listing.group_rows.all()]

    @staticmethod
    def resolve_areas_served(listing):
        profile = getattr(listing.organisation, "provider_profile", None)
        return [area.code for area in profile.areas.all()] if profile is not None else []

    @staticmethod
    def resolve_contact_email(listing):
        return selectors.public_contact(listing.organisation)


class SupportRowOut(Schema):
    kind: str
    label: str
    organisations: int
    by_size_band: dict[str, int]
    by_sector: dict[str, int]


class SupportSummaryOut(Schema):
    trust: str
    partner_organisations: int
    organisations_reporting: int
    kinds: list[SupportRowOut]


@router.get("/capacity/offers", response=list[OfferOut], auth=None)
@paginate(PageNumberPagination, page_size=50)
def offers(request, trust: str = "", kind: str = "", need: str = ""):
    """Published capacity-building offers with their events. Open: no account needed."""
    return selectors.published_offers(trust=trust, kind=kind, need=need)


@router.get("/capacity/offers/{offer_id}", response=OfferOut, auth=None)
def offer(request, offer_id: int):
    found = selectors.with_events(
        Offer.objects.filter(pk=offer_id, status__in=[Offer.Status.PUBLISHED, Offer.Status.CANCELLED], published_at__isnull=False)
    ).first()
    if found is None:
        raise Http404("Not found.")
    return found


@router.get("/capacity/partners", response=list[ListingOut])
@paginate(PageNumberPagination, page_size=50)
def partners(request, outcome: str = "", place: str = "", group: str = "", looking_for: str = ""):
    """Organisations listed in 'find partners' (people who may find partners)."""
    if not has_perm(request.user, Perm.PARTNERS_FIND):
        raise PermissionDenied(f"Your role ({request.user.get_role_display().lower()}) cannot find partners for consortia and sub-contracting.")
    return selectors.partner_listings(outcome=outcome, place=place, group=group, looking_for=looking_for)


@router.get("/capacity/{slug}/support-needs", response=SupportSummaryOut)
def support_needs(request, slug: str):
    """How many of the trust's partner organisations need each kind of help, by size band and sector."""
    trust = get_object_for(request.user, Perm.SUPPORT_NEEDS_VIEW, Trust.objects.all(), slug=slug)
    summary = selectors.support_summary(trust=trust)
    return {
        "trust": trust.slug,
        "partner_organisations": summary.partners,
        "organisations_reporting": summary.reported,
        "kinds": [
            {
                "kind": row.kind,
                "label": row.label,
                "organisations": row.total,
                "by_size_band": {code or "not_known": count for code, count in row.by_size.items()},
                "by_sector": row.by_sector,
            }
            for row in summary.rows
        ],
    }
