"""Demo market development: support needs, offers and events with bookings, and organisations looking for partners.

About three in five of the demo's voluntary, community and social-enterprise
partners have said what help they need (the smaller the organisation, the more
it asks for help with bids, costing and contracts: seed 004). Each region has a
few offers run by one of its trusts, with events: one full with a waiting
list, one already past. Two dozen organisations are listed in find partners.
Everything runs through the services; loading twice adds nothing.
"""

from __future__ import annotations

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import User
from jointly.partnerships.models import Organisation, Sector, SizeBand, Trust

from . import services
from .models import Event, Offer, PartnerListing, SupportKind, SupportNeed
from .selectors import listing_defaults

LISTED_ORGANISATIONS = 24
DEMO_INTERESTS = 4  # people interested in the offer with no dates

# The kinds of help asked for most, by size: small groups ask about bids, costing and contracts.
LIKELY_NEEDS = {
    SizeBand.MICRO: [
        SupportKind.BIDS,
        SupportKind.FULL_COST,
        SupportKind.LEGAL,
        SupportKind.GOVERNANCE,
        SupportKind.SAFEGUARDING,
        SupportKind.PREMISES,
    ],
    SizeBand.SMALL: [SupportKind.BIDS, SupportKind.FULL_COST, SupportKind.CONSORTIUM, SupportKind.OUTCOMES, SupportKind.LEGAL, SupportKind.DIGITAL],
    SizeBand.MEDIUM: [SupportKind.CONSORTIUM, SupportKind.OUTCOMES, SupportKind.DATA_PROTECTION, SupportKind.FULL_COST, SupportKind.DIGITAL],
    SizeBand.LARGE: [SupportKind.OUTCOMES, SupportKind.DATA_PROTECTION, SupportKind.CONSORTIUM],
}
OTHER_WORDS = [
    "A volunteer coordinator for two days a month",
    "Help finding a cheaper hall for Saturday sessions",
    "Someone to read our first tender before we send it",
]

# The trust that runs each region's offers, with (kind, title, description, audience, topics, events).
# An event is (days from today, hour, places, bookings made, online).
OFFERS = {
    "plymouth": [
        (
            Offer.Kind.TRAINING,
            "Writing bids and tenders: a first step",
            "What a specification asks for, how the questions are scored, and how to write answers that show your outcomes. Bring a real tender if you have one.",
            "Small charities and community groups that have never tendered, or not for a while",
            ["bids", "outcomes"],
            [(21, 10, 12, 12 + 3, False), (49, 18, 20, 6, True)],
        ),
        (
            Offer.Kind.MEET_THE_BUYER,
            "Meet the buyer: early help and family support",
            "Commissioners explain the coming re-commissioning of early help, answer questions and hear what would help small organisations take part, alone or together.",
            "Any voluntary, community or social-enterprise organisation working with families",
            ["bids", "consortium"],
            [(35, 13, 40, 14, False), (-20, 13, 30, 22, False)],
        ),
        (
            Offer.Kind.MENTORING,
            "Costing your services with full cost recovery",
            "Six one-to-one sessions with a finance volunteer to price a service including a fair share of your overheads.",
            "Charities with an income under £100,000",
            ["full_cost", "governance"],
            [(28, 16, 6, 2, True)],
        ),
        # No dates yet: people register interest, and the trust arranges sessions when enough have.
        (
            Offer.Kind.MENTORING,
            "Mentoring for new trustees",
            "A trustee of an established charity meets you for an hour a month for six months: duties, reading the accounts, running a good board meeting.",
            "Trustees in their first year, of any size of organisation",
            ["governance"],
            [],
        ),
    ],
    "essex": [
        (
            Offer.Kind.PROVIDER_FORUM,
            "Children and young people's provider forum",
            "The quarterly forum: the forward plan, consortium news and what providers want the trust to change.",
            "Every provider of children's services in the county",
            ["consortium", "bids"],
            [(30, 10, 60, 25, False)],
        ),
        (
            Offer.Kind.TRAINING,
            "Safeguarding and data protection for small groups",
            "Writing a safeguarding policy that fits a small group, and the UK GDPR basics: what to keep, for how long, and how to keep it safe.",
            "Volunteer-led groups and trustees",
            ["safeguarding", "data_protection"],
            [(18, 19, 15, 15 + 2, True), (-35, 19, 15, 11, True)],
        ),
    ],
}


def _number(seed: str) -> int:
    return int(hashlib.sha256(seed.encode()).hexdigest(), 16)


def _vcs_partners():
    return Organisation.objects.filter(sector__in=[Sector.VCS, Sector.SOCIAL_ENTERPRISE], partnerships__statutory=False).distinct().order_by("name")


@transaction.atomic
def load(stdout=None) -> None:
    if not Trust.objects.exists():
        return
    needs = _support_needs()
    offers = _offers()
    listed = _listings()
    if stdout:
        stdout.write(f"Demo market development loaded: {needs} support needs, {offers} offers, {listed} organisations in find partners.")


def _support_needs() -> int:
    """Three in five smaller partners answer; the demo provider's own organisation always does."""
    have = set(SupportNeed.objects.values_list("organisation_id", flat=True))
    provider = User.objects.filter(email__startswith="provider@").select_related("organisation").first()
    for organisation in _vcs_partners():
        seed = _number(f"need:{organisation.slug}")
        is_persona = provider is not None and provider.organisation_id == organisation.pk
        if organisation.pk in have or not (is_persona or seed % 5 < 3):
            continue
        options = LIKELY_NEEDS.get(organisation.size_band, LIKELY_NEEDS[SizeBand.SMALL])
        count = 1 + seed % 3
        kinds = [options[(seed // 7 + step) % len(options)] for step in range(count)]
        other = OTHER_WORDS[seed % len(OTHER_WORDS)] if seed % 4 == 0 else ""
        services.support_need_report(
            organisation=organisation,
            kinds=kinds,
            other=other,
            by=provider if is_persona else None,
            today=timezone.localdate() - datetime.timedelta(days=seed % 90),
        )
    return SupportNeed.objects.count()


def _offers() -> int:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for slug, offers in OFFERS.items():
        trust = Trust.objects.filter(slug=slug).first()
        if trust is None:
            continue
        by = User.objects.filter(memberships__trust=trust, role="commissioner").order_by("pk").first()
        attendees = list(_vcs_partners().filter(partnerships__trust=trust)[:20])
        for kind, title, description, audience, topics, events in offers:
            if Offer.objects.filter(trust=trust, title=title).exists():
                continue
            offer = services.offer_create(trust=trust, by=by, kind=kind, title=title, description=description, audience=audience, topics=topics)
            offer = services.offer_publish(offer=offer, by=by)
            for days, hour, places, bookings, online in events:
                _event(offer, by, now=now, days=days, hour=hour, places=places, bookings=bookings, online=online, attendees=attendees)
            if not events:
                for index, organisation in enumerate(attendees[:DEMO_INTERESTS]):
                    services.interest_register(
                        offer=offer,
                        notify=False,
                        name=f"Demo trustee {index + 1}",
                        email=f"trustee{index + 1}.offer{offer.pk}@demo.jointly.example",
                        organisation_name=organisation.name,
                    )
    return Offer.objects.count()


def _event(offer, by, *, now, days, hour, places, bookings, online, attendees) -> None:
    starts = (now + datetime.timedelta(days=days)).replace(hour=hour)
    # A past event is entered as it was set up then, a month before it ran.
    then = starts - datetime.timedelta(days=30) if days < 0 else now
    event = services.event_add(
        offer=offer,
        by=by,
        now=then,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        booking_closes_at=starts - datetime.timedelta(days=2),
        online=online,
        venue="" if online else f"{offer.trust.area.name} Community Hub, Market Street",
        accessibility="Live captions and a phone dial-in."
        if online
        else "Step-free entrance and lift, hearing loop, accessible toilet, parking for blue badge holders.",
        places=places,
    )
    for index in range(bookings):
        organisation = attendees[index % len(attendees)] if attendees else None
        name = f"Demo attendee {index + 1}"
        services.registration_book(
            event=event,
            now=then,
            notify=False,
            name=name,
            email=f"attendee{index + 1}.event{event.pk}@demo.jointly.example",
            organisation_name=organisation.name if organisation else "Community group",
            access_needs="Step-free access, please" if index % 7 == 3 else "",
        )
    if event.booking_closes_at <= now:
        services.event_close_booking(event=Event.objects.get(pk=event.pk), by=None, reason="Booking deadline passed")


def _listings() -> int:
    """Two dozen organisations listed, taken in turn from each trust so every place has some; the demo provider's own is
    left for them to opt in."""
    provider = User.objects.filter(email__startswith="provider@").first()
    listed_ids = set(PartnerListing.objects.values_list("organisation_id", flat=True))
    queues = []
    for trust in Trust.objects.order_by("name"):
        members = _vcs_partners().filter(partnerships__trust=trust)
        queues.append(sorted(members, key=lambda org: _number(f"listing:{org.slug}")))
    looking = [["consortium"], ["lead_partner", "sub_contracting"], ["sub_contracting"], ["to_lead", "consortium"]]
    while len(listed_ids) < LISTED_ORGANISATIONS and any(queues):
        for queue in queues:
            if not queue or len(listed_ids) >= LISTED_ORGANISATIONS:
                continue
            organisation = queue.pop(0)
            if organisation.pk in listed_ids or (provider is not None and provider.organisation_id == organisation.pk):
                continue
            defaults = listing_defaults(organisation)
            services.partner_listing_opt_in(
                organisation=organisation,
                by=None,
                can_offer=f"{organisation.name} brings local knowledge, trusted links with families and volunteers who know the area.",
                looking_for=looking[_number(f"listing:{organisation.slug}") % len(looking)],
                outcomes=defaults["outcomes"],
                groups=defaults["groups"],
            )
            listed_ids.add(organisation.pk)
    return PartnerListing.objects.filter(status=PartnerListing.Status.LISTED).count()
