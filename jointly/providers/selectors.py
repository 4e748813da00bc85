"""Reads for the provider directory. Public reads return only published records."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, Case, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from jointly.accounts.permissions import trust_ids_for
from jointly.needs.vocabulary import HARD_TO_REACH
from jointly.partnerships.models import Organisation, Trust
from jointly.places.models import Area

from .models import DirectoryService, OpeningTime, ProviderProfile, Revision, ServiceGroup, ServiceLocation, ServiceOutcome
from .taxonomy import WEEKDAY_ORDER

# --- The public directory -------------------------------------------------


def published_services() -> QuerySet[DirectoryService]:
    """Services of organisations whose directory entry is published.

    An IN over the published entries, not a join through the organisation: a search's count then
    reads only the matching services, not every service with its organisation and entry.
    """
    published = ProviderProfile.objects.filter(published_at__isnull=False).values("organisation_id")
    return DirectoryService.objects.filter(organisation_id__in=published)


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
    # A postcode, a postcode district (PL4) or the name of a place or town.
    near: str = ""


# A whole postcode or just its district (outward code): "PL4 8AA", "pl48aa", "PL4".
_POSTCODE_OR_DISTRICT = re.compile(r"^([A-Z]{1,2})([0-9][A-Z0-9]?)(?:\s*([0-9][A-Z]{2}))?$")
# How many places a place name may match before the search stops adding more (keeps the query bounded).
MAX_PLACES_NAMED = 50


@dataclass(frozen=True)
class Near:
    """What a "near" search asked for, in words the page can show."""

    text: str
    district: str = ""  # "PL4", when a postcode or district was given
    postcode_area: str = ""  # "PL"

    @property
    def is_postcode(self) -> bool:
        return bool(self.district)


def parse_near(text: str) -> Near | None:
    text = " ".join((text or "").split())[:100]
    if not text:
        return None
    match = _POSTCODE_OR_DISTRICT.match(text.upper())
    if match:
        return Near(text=text.upper(), district=match.group(1) + match.group(2), postcode_area=match.group(1))
    return Near(text=text)


def _places_within(place_ids) -> set[int]:
    """These places and the places inside them (two levels down)."""
    ids = set(place_ids)
    children = set(Area.objects.filter(parent_id__in=ids).values_list("pk", flat=True)) if ids else set()
    grandchildren = set(Area.objects.filter(parent_id__in=children).values_list("pk", flat=True)) if children else set()
    return ids | children | grandchildren


def _places_around(place_ids) -> set[int]:
    """The places these lie in (their county, region, England)."""
    ids = set()
    for place in Area.objects.filter(pk__in=set(place_ids)).select_related("parent__parent"):
        node = place.parent
        while node is not None:
            ids.add(node.pk)
            node = node.parent
    return ids


def _near(services: QuerySet[DirectoryService], near: Near) -> QuerySet[DirectoryService]:
    """Services near a postcode or a named place, nearest first (`near_rank`: 0 nearest).

    There is no postcode lookup file, so "near" is by postcode and place, not distance. For a postcode:
    a venue in its district (PL4), then a venue elsewhere in its postcode area (PL), then a service
    covering the place of one of the district's venues (or a place inside it), then one covering a
    place around it (the whole city, say). For a place name: a venue in a town or place of that name,
    then a venue in a place inside it, then a service covering the place or one inside it, then one
    covering a place around it. Each step is one query (places named are capped), whatever the results.
    """
    venues = ServiceLocation.objects.filter(service=OuterRef("pk"))
    covers = DirectoryService.areas.through.objects.filter(directoryservice_id=OuterRef("pk"))
    if near.is_postcode:
        in_district = ServiceLocation.objects.filter(postcode__startswith=f"{near.district} ")
        named = list(in_district.exclude(area=None).values_list("area_id", flat=True).distinct()[:MAX_PLACES_NAMED])
        within = _places_within(named)
        first = Exists(venues.filter(postcode__startswith=f"{near.district} "))
        second = Exists(venues.filter(postcode__regex=rf"^{near.postcode_area}[0-9]"))
    else:
        named = list(Area.objects.filter(name__icontains=near.text).values_list("pk", flat=True)[:MAX_PLACES_NAMED])
        within = _places_within(named)
        first = Exists(venues.filter(Q(city__icontains=near.text) | Q(area__name__icontains=near.text)))
        second = Exists(venues.filter(area_id__in=within))
    third = Exists(covers.filter(area_id__in=within))
    fourth = Exists(covers.filter(area_id__in=_places_around(named)))
    return services.filter(first | second | third | fourth).annotate(
        near_rank=Case(
            When(first, then=Value(0)),
            When(second, then=Value(1)),
            When(third, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
    )


def place_and_related_ids(code: str) -> set[int]:
    """The place, the places it lies in, and the places inside it (two levels down).

    A service for a whole county is found from one of its wards, and a
    ward-level service from its county.
    """
    ids = set(Area.objects.filter(code=code).values_list("pk", flat=True))
    return _places_within(ids) | _places_around(ids)


_LIKE_SPECIALS = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


def _word_matches(word: str) -> Q:
    """A service whose name, description, eligibility or organisation's name contains `word`, in any case.

    From the search index (migration 0008) when the word has a trigram to look up; a
    shorter word is matched by a scan, as every word was before the index.
    """
    if len(word) >= 3 and connection.vendor == "sqlite":
        phrase = '"' + word.replace('"', '""') + '"'
        return Q(pk__in=RawSQL("SELECT rowid FROM providers_service_search WHERE providers_service_search MATCH %s", [phrase]))
    if len(word) >= 3 and connection.vendor == "postgresql":
        pattern = "%" + word.translate(_LIKE_SPECIALS) + "%"
        # The stored lower-cased text of migration 0009, with its trigram index: LIKE on it is several times cheaper
        # than ILIKE on the fields, and on the searched rows themselves it is one pass, not a second scan in a subquery.
        # The organisations' ids as one array (an init plan), so a rare word can be answered by both indexes at once.
        matches = RawSQL(
            '("providers_directoryservice"."search_text" LIKE lower(%s) OR "providers_directoryservice"."organisation_id" = ANY(ARRAY('
            "SELECT id FROM partnerships_organisation WHERE name ILIKE %s)))",
            [pattern, pattern],
            output_field=BooleanField(),
        )
        return Q(matches)
    return Q(name__icontains=word) | Q(description__icontains=word) | Q(eligibility__icontains=word) | Q(organisation__name__icontains=word)


def directory_search(filters: DirectoryFilters) -> QuerySet[DirectoryService]:
    """The public search: every filter narrows; free text must match every word."""
    services = published_services().exclude(status=DirectoryService.Status.DEFUNCT)
    words = filters.query.split()[:10]
    if connection.vendor == "sqlite" and any(len(word) >= 3 for word in words):
        # One MATCH for every indexed word: FTS5 intersects them itself, faster than one IN per word.
        indexed = [word for word in words if len(word) >= 3]
        phrase = " AND ".join('"' + word.replace('"', '""') + '"' for word in indexed)
        services = services.filter(pk__in=RawSQL("SELECT rowid FROM providers_service_search WHERE providers_service_search MATCH %s", [phrase]))
        words = [word for word in words if len(word) < 3]
    for word in words:
        services = services.filter(_word_matches(word))
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
        # An IN over the link table, not a correlated EXISTS: SQLite then reads the few links of
        # these places through their index rather than probing once per service (issue 13 measured 573 ms against 7.5 ms at 50k services).
        services = services.filter(pk__in=through.objects.filter(area_id__in=place_and_related_ids(filters.place)).values("directoryservice_id"))
    if filters.sector:
        services = services.filter(organisation__sector=filters.sector)
    if filters.tier:
        services = services.filter(tier=filters.tier)
    order = ["name", "organisation__name", "pk"]
    near = parse_near(filters.near)
    if near is not None:
        services = _near(services, near)
        order.insert(0, "near_rank")
    return (
        services.select_related("organisation")
        .prefetch_related("areas", outcome_rows(), Prefetch("locations", queryset=ServiceLocation.objects.order_by("name", "pk")))
        .order_by(*order)
    )


def service_public(*, uuid) -> DirectoryService | None:
    return (
        published_services()
        .select_related("organisation__provider_profile")
        .prefetch_related(
            "areas",
            outcome_rows(),
            "group_rows",
            Prefetch("locations", queryset=ServiceLocation.objects.select_related("area")),
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
