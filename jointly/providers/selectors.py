"""Reads for the provider directory. Public reads return only published records."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from jointly.accounts.permissions import trust_ids_for
from jointly.needs.vocabulary import HARD_TO_REACH
from jointly.partnerships.models import Organisation, Trust
from jointly.places.models import Area

from .models import DirectoryService, OpeningTime, ProviderProfile, Revision, ServiceGroup, ServiceOutcome
from .taxonomy import WEEKDAY_ORDER

# --- The public directory -------------------------------------------------


def published_services() -> QuerySet[DirectoryService]:
    """Services of organisations whose directory entry is published."""
    return DirectoryService.objects.filter(organisation__provider_profile__published_at__isnull=False)


def outcome_rows(lookup: str = "outcome_rows") -> Prefetch:
    """A service's outcome rows with their outcome areas, in the framework's order (one query)."""
    return Prefetch(lookup, queryset=ServiceOutcome.objects.select_related("outcome").order_by("outcome__order", "outcome__name"))


def published_profiles() -> QuerySet[ProviderProfile]:
    return ProviderProfile.objects.filter(published_at__isnull=False)


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    outcome: str = ""
    age: int | None = None
    place: str = ""
    sector: str = ""
    tier: str = ""
    group: str = ""
    hard_to_reach: bool = False


def place_and_related_ids(code: str) -> set[int]:
    """The place, the places it lies in, and the places inside it (two levels down).

    A service for a whole county is found from one of its wards, and a
    ward-level service from its county.
    """
    places = list(Area.objects.filter(code=code).select_related("parent__parent"))
    ids = set()
    for place in places:
        node = place
        while node is not None:
            ids.add(node.pk)
            node = node.parent
    children = set(Area.objects.filter(parent__in=places).values_list("pk", flat=True))
    grandchildren = set(Area.objects.filter(parent_id__in=children).values_list("pk", flat=True))
    return ids | children | grandchildren


def directory_search(filters: DirectoryFilters) -> QuerySet[DirectoryService]:
    """The public search: every filter narrows; free text must match every word."""
    services = published_services().exclude(status=DirectoryService.Status.DEFUNCT)
    for word in filters.query.split()[:10]:
        services = services.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(eligibility__icontains=word) | Q(organisation__name__icontains=word)
        )
    if filters.outcome:
        services = services.filter(Exists(ServiceOutcome.objects.filter(service=OuterRef("pk"), outcome__slug=filters.outcome)))
    if filters.group:
        services = services.filter(Exists(ServiceGroup.objects.filter(service=OuterRef("pk"), group=filters.group)))
    if filters.hard_to_reach:
        services = services.filter(Exists(ServiceGroup.objects.filter(service=OuterRef("pk"), group__in=list(HARD_TO_REACH))))
    if filters.age is not None:
        services = services.filter(Q(min_age__isnull=True) | Q(min_age__lte=filters.age)).filter(
            Q(max_age__isnull=True) | Q(max_age__gte=filters.age)
        )
    if filters.place:
        through = DirectoryService.areas.through
        services = services.filter(
            Exists(through.objects.filter(directoryservice_id=OuterRef("pk"), area_id__in=place_and_related_ids(filters.place)))
        )
    if filters.sector:
        services = services.filter(organisation__sector=filters.sector)
    if filters.tier:
        services = services.filter(tier=filters.tier)
    return services.select_related("organisation").prefetch_related("areas", outcome_rows()).order_by("name", "organisation__name", "pk")


def service_public(*, uuid) -> DirectoryService | None:
    return (
        published_services()
        .select_related("organisation__provider_profile")
        .prefetch_related(
            "areas",
            outcome_rows(),
            "group_rows",
            "locations",
            Prefetch("opening_times", queryset=OpeningTime.objects.order_by("opens_at")),
        )
        .filter(uuid=uuid)
        .first()
    )


def organisation_public(*, slug: str) -> ProviderProfile | None:
    return (
        published_profiles()
        .select_related("organisation")
        .prefetch_related(
            "areas",
            "group_rows",
            "accreditations",
            Prefetch(
                "organisation__directory_services",
                queryset=DirectoryService.objects.exclude(status=DirectoryService.Status.DEFUNCT).prefetch_related("areas").order_by("name"),
                to_attr="listed_services",
            ),
        )
        .filter(organisation__slug=slug)
        .first()
    )


def place_choices() -> list[tuple[str, str]]:
    """Places people can choose from: every area a trust covers."""
    return list(Area.objects.filter(trust__isnull=False).order_by("name").values_list("code", "name").distinct())


def sorted_opening_times(service: DirectoryService) -> list[OpeningTime]:
    return sorted(service.opening_times.all(), key=lambda row: (WEEKDAY_ORDER[row.weekday], row.opens_at))


# --- Who decides on a change ----------------------------------------------


def review_trusts_for_areas(codes) -> list[Trust]:
    """The trusts covering any of these places, whether the place is the trust's area, inside it or around it."""
    places = list(Area.objects.filter(code__in=list(codes)).select_related("parent__parent"))
    around = set()
    for place in places:
        node = place
        while node is not None:
            around.add(node.pk)
            node = node.parent
    return list(Trust.objects.filter(Q(area_id__in=around) | Q(area__parent__in=places)).distinct().order_by("name"))


def directory_scope(obj) -> tuple[int | None, set[int]]:
    """The organisation a directory record belongs to, and the trusts whose commissioners decide on it."""
    organisation_id = None
    review: set[int] = set()
    if isinstance(obj, Organisation):
        organisation_id = obj.pk
    elif isinstance(obj, (DirectoryService, ProviderProfile)):
        organisation_id = obj.organisation_id
    elif isinstance(obj, Revision):
        organisation_id = obj.organisation_id
        review = set(obj.review_trusts.values_list("pk", flat=True))
    if organisation_id is not None:
        review |= set(Trust.objects.filter(partners__organisation_id=organisation_id).values_list("pk", flat=True))
    return organisation_id, review


def revisions_to_review(*, user) -> QuerySet[Revision]:
    """Pending changes the person may decide on: their trusts' partners', and listings for their areas."""
    pending = Revision.objects.filter(status=Revision.Status.PENDING)
    ids = trust_ids_for(user)
    if ids is not None:
        partner_orgs = Organisation.objects.filter(partnerships__trust_id__in=ids).values("pk")
        listed_here = Revision.review_trusts.through.objects.filter(revision_id=OuterRef("pk"), trust_id__in=ids)
        pending = pending.filter(Q(organisation_id__in=partner_orgs) | Exists(listed_here))
    return pending.select_related("organisation", "service", "author").order_by("created_at", "pk")


def revisions_of_organisation(*, organisation: Organisation) -> QuerySet[Revision]:
    return organisation.directory_revisions.select_related("service", "author", "decided_by", "organisation").order_by("-created_at", "-pk")


def versions_of_service(*, service: DirectoryService) -> QuerySet[Revision]:
    return service.revisions.filter(status=Revision.Status.APPROVED).select_related("decided_by", "author").order_by("-version", "-pk")


def versions_of_profile(*, organisation: Organisation) -> QuerySet[Revision]:
    return (
        organisation.directory_revisions.filter(status=Revision.Status.APPROVED, kind__in=[Revision.Kind.PROFILE, Revision.Kind.LISTING])
        .select_related("decided_by", "author", "organisation")
        .order_by("-decided_at", "-pk")
    )


def organisation_services(*, organisation: Organisation) -> QuerySet[DirectoryService]:
    return organisation.directory_services.prefetch_related("areas").order_by("name")


def profile_of(organisation: Organisation) -> ProviderProfile | None:
    return ProviderProfile.objects.filter(organisation=organisation).prefetch_related("areas", "group_rows", "accreditations").first()


# --- A live record as the JSON a revision holds ---------------------------


def profile_data_of(profile: ProviderProfile) -> dict:
    return {
        "description": profile.description,
        "website": profile.website,
        "email": profile.email,
        "phone": profile.phone,
        "income_band": profile.income_band,
        "staff_band": profile.staff_band,
        "groups": [row.group for row in profile.group_rows.all()],
        "area_codes": [area.code for area in profile.areas.all()],
        "accreditations": [
            {
                "kind": row.kind,
                "body": row.body,
                "rating": row.rating,
                "awarded_on": row.awarded_on.isoformat() if row.awarded_on else None,
            }
            for row in profile.accreditations.all()
        ],
    }


def service_data_of(service: DirectoryService) -> dict:
    locations = list(service.locations.all())
    # The venues' places in one query (none when no venue has one), whether or not the venues were prefetched.
    wanted = {row.area_id for row in locations if row.area_id}
    place_codes = dict(Area.objects.filter(pk__in=wanted).values_list("pk", "code")) if wanted else {}
    return {
        "id": str(service.uuid),
        "name": service.name,
        "description": service.description,
        "status": service.status,
        "tier": service.tier,
        "approach": service.approach,
        "min_age": service.min_age,
        "max_age": service.max_age,
        "eligibility": service.eligibility,
        "outcome_areas": [row.outcome.slug for row in service.outcome_rows.all()],
        "groups": [row.group for row in service.group_rows.all()],
        "area_codes": [area.code for area in service.areas.all()],
        "schedule": service.schedule,
        "opening_times": [
            {
                "id": str(row.uuid),
                "weekday": row.weekday,
                "opens_at": row.opens_at.strftime("%H:%M"),
                "closes_at": row.closes_at.strftime("%H:%M"),
            }
            for row in service.opening_times.all()
        ],
        "cost": service.cost,
        "fee_amount": str(service.fee_amount) if service.fee_amount is not None else None,
        "fee_description": service.fee_description,
        "contact_name": service.contact_name,
        "email": service.email,
        "phone": service.phone,
        "url": service.url,
        "locations": [
            {
                "id": str(row.uuid),
                "name": row.name,
                "address_1": row.address_1,
                "address_2": row.address_2,
                "city": row.city,
                "county": row.county,
                "postcode": row.postcode,
                "latitude": str(row.latitude) if row.latitude is not None else None,
                "longitude": str(row.longitude) if row.longitude is not None else None,
                "area_code": place_codes.get(row.area_id, ""),
            }
            for row in locations
        ],
    }


def _canonical(value):
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted((_canonical(item) for item in value), key=lambda item: json.dumps(item, sort_keys=True))
    return value


def same_record(first: dict, second: dict) -> bool:
    """Do two versions say the same thing, whatever order their lists are in?"""
    return _canonical(first) == _canonical(second)
