"""The directory in Open Referral UK 3.0 shapes (HSDS 3.0 UK profile).

Every id is a stable UUID: stored ones for organisations, services, locations
and opening times; derived ones (UUID 5 of the owner's id and a name) for
things the directory does not keep as rows, such as a service's cost option.
Optional fields are left out when empty, since the schema checks the format
of any value that is present (an empty email is not an email).
"""

from __future__ import annotations

import uuid

from django.db.models import Prefetch, QuerySet

from jointly.partnerships.models import Organisation

from .models import DirectoryService, OpeningTime, ProviderProfile, ServiceLocation
from .selectors import outcome_rows, published_profiles, published_services
from .taxonomy import OUTCOME_TAXONOMY, TAXONOMIES, TAXONOMY_BY_CODE, Taxonomy, Term

ORUK_VERSION = "3.0"
PROFILE_URL = "https://openreferral.org.uk/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"
ONS_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
# org-id.guide schemes for the identifiers the register holds.
IDENTIFIER_SCHEMES = {
    "charity_number": ("GB-CHC", "Charity number"),
    "company_number": ("GB-COH", "Company number"),
    "ppon": ("GB-PPON", "Public procurement organisation number"),
}


def derived_id(owner, name: str) -> str:
    return str(uuid.uuid5(uuid.UUID(str(owner)), name))


def _compact(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "", [])}


# --- Querysets with everything each shape needs, in a fixed number of queries ---


def services_for_list() -> QuerySet[DirectoryService]:
    return published_services().select_related("organisation__provider_profile").order_by("name", "pk")


def services_in_full() -> QuerySet[DirectoryService]:
    return services_for_list().prefetch_related(
        "areas",
        outcome_rows(),
        "group_rows",
        Prefetch("locations", queryset=ServiceLocation.objects.select_related("area")),
        Prefetch("opening_times", queryset=OpeningTime.objects.order_by("weekday", "opens_at")),
        "organisation__provider_profile__accreditations",
    )


def profiles_for_list() -> QuerySet[ProviderProfile]:
    return published_profiles().select_related("organisation").order_by("organisation__name", "pk")


def profiles_in_full() -> QuerySet[ProviderProfile]:
    return profiles_for_list().prefetch_related(
        "accreditations",
        Prefetch("organisation__directory_services", queryset=services_in_full(), to_attr="oruk_services"),
    )


# --- Taxonomies -----------------------------------------------------------


def taxonomy_term(term: Term) -> dict:
    return {
        "id": str(term.id),
        "name": term.label,
        "description": f"{term.taxonomy.name}: {term.label}",
        "taxonomy": term.taxonomy.name,
        "taxonomy_id": str(term.taxonomy.id),
        "term": term.code,
    }


def taxonomy(item: Taxonomy) -> dict:
    return {
        "id": str(item.id),
        "name": item.name,
        "description": item.description,
        "version": "1",
        "taxonomy_terms": [taxonomy_term(term) for term in item.terms],
    }


def taxonomies() -> list[dict]:
    return [taxonomy(item) for item in TAXONOMIES]


def _attributes(service: DirectoryService) -> list[dict]:
    terms = [OUTCOME_TAXONOMY.term_for(row.outcome) for row in service.outcome_rows.all()]
    terms.append(TAXONOMY_BY_CODE["tier"].term(service.tier))
    terms.append(TAXONOMY_BY_CODE["approach"].term(service.approach))
    terms += [TAXONOMY_BY_CODE["group"].term(row.group) for row in service.group_rows.all()]
    return [
        {
            "id": derived_id(service.uuid, f"attribute:{term.id}"),
            "link_id": str(service.uuid),
            "link_type": "service",
            "taxonomy_term_id": str(term.id),
            "taxonomy_term": taxonomy_term(term),
        }
        for term in terms
        if term is not None
    ]


# --- Organisations --------------------------------------------------------


def organization_brief(profile: ProviderProfile) -> dict:
    organisation = profile.organisation
    # The description is required by the schema, even when it is empty.
    record = {
        "id": str(profile.oruk_id),
        "name": organisation.name,
        "description": profile.description or organisation.description or "",
    }
    record.update(_compact({"email": profile.email, "website": profile.website or organisation.website}))
    return record


def organization_identifiers(profile: ProviderProfile) -> list[dict]:
    organisation: Organisation = profile.organisation
    identifiers = []
    for field, (scheme, label) in IDENTIFIER_SCHEMES.items():
        value = getattr(organisation, field)
        if value:
            identifiers.append(
                {
                    "id": derived_id(profile.oruk_id, f"identifier:{scheme}"),
                    "organization_id": str(profile.oruk_id),
                    "identifier_scheme": scheme,
                    "identifier_type": label,
                    "identifier": value,
                }
            )
    return identifiers


def organization(profile: ProviderProfile, *, with_services: bool = False) -> dict:
    record = organization_brief(profile)
    record["organization_identifiers"] = organization_identifiers(profile)
    if with_services:
        record["services"] = [service_full(service, profile=profile) for service in profile.organisation.oruk_services]
    return record


# --- Services -------------------------------------------------------------


def _accreditations_text(profile: ProviderProfile) -> str:
    return "; ".join(
        f"{row.body}: {row.rating}" + (f" ({row.awarded_on:%d %B %Y})" if row.awarded_on else "") for row in profile.accreditations.all()
    )


def service_brief(service: DirectoryService, *, profile: ProviderProfile | None = None) -> dict:
    profile = profile or service.organisation.provider_profile
    return _compact(
        {
            "id": str(service.uuid),
            "organization_id": str(profile.oruk_id),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "minimum_age": service.min_age,
            "maximum_age": service.max_age,
            "last_modified": service.updated_at.isoformat(),
        }
    ) | {"organization": organization_brief(profile)}


def _schedules(service: DirectoryService) -> list[dict]:
    schedules = [
        {
            "id": str(row.uuid),
            "service_id": str(service.uuid),
            "freq": "WEEKLY",
            "interval": 1,
            "byday": row.weekday,
            "opens_at": row.opens_at.strftime("%H:%M"),
            "closes_at": row.closes_at.strftime("%H:%M"),
        }
        for row in service.opening_times.all()
    ]
    if service.schedule:
        schedules.append({"id": derived_id(service.uuid, "schedule"), "service_id": str(service.uuid), "description": service.schedule})
    return schedules


def _service_areas(service: DirectoryService) -> list[dict]:
    return [
        {
            "id": derived_id(service.uuid, f"area:{area.code}"),
            "service_id": str(service.uuid),
            "name": area.name,
            "service_area": area.name,
            "uri": ONS_URI + area.code,
        }
        for area in service.areas.all()
    ]


def _service_at_locations(service: DirectoryService) -> list[dict]:
    records = []
    for location in service.locations.all():
        address = []
        if location.address_1:
            address = [
                {
                    "id": derived_id(location.uuid, "address"),
                    "location_id": str(location.uuid),
                    # ORUK's address has one street line: the second line goes on it.
                    "address_1": ", ".join(part for part in (location.address_1, location.address_2) if part),
                    "city": location.city,
                    "state_province": location.county or location.city,
                    "postal_code": location.postcode,
                    "country": "GB",
                    "address_type": "physical",
                }
            ]
        place = _compact(
            {
                "id": str(location.uuid),
                "location_type": "physical" if address else "virtual",
                "name": location.name,
                "description": f"In {location.area.name}" if location.area_id else "",
                "latitude": float(location.latitude) if location.latitude is not None else None,
                "longitude": float(location.longitude) if location.longitude is not None else None,
                "addresses": address,
            }
        )
        records.append(
            {
                "id": derived_id(service.uuid, f"at:{location.uuid}"),
                "service_id": str(service.uuid),
                "location_id": str(location.uuid),
                "location": place,
            }
        )
    return records


def _cost_options(service: DirectoryService) -> list[dict]:
    option = {"id": derived_id(service.uuid, "cost"), "service_id": str(service.uuid)}
    if service.cost == DirectoryService.Cost.FREE:
        return [option | {"option": "Free", "amount": 0}]
    return [
        _compact(
            option
            | {
                "option": "Fee",
                "amount": float(service.fee_amount) if service.fee_amount is not None else None,
                "amount_description": service.fee_description,
            }
        )
    ]


def _contacts(service: DirectoryService) -> list[dict]:
    if not service.contact_name:
        return []
    return [{"id": derived_id(service.uuid, "contact"), "service_id": str(service.uuid), "name": service.contact_name}]


def service_full(service: DirectoryService, *, profile: ProviderProfile | None = None) -> dict:
    profile = profile or service.organisation.provider_profile
    record = service_brief(service, profile=profile)
    record.update(_compact({"accreditations": _accreditations_text(profile)}))
    record["organization"] = organization(profile)
    record["schedules"] = _schedules(service)
    record["service_areas"] = _service_areas(service)
    record["service_at_locations"] = _service_at_locations(service)
    record["cost_options"] = _cost_options(service)
    record["contacts"] = _contacts(service)
    record["attributes"] = _attributes(service)
    return record


def page(items: list, *, total: int, number: int, per_page: int) -> dict:
    """ORUK's page wrapper around a list of records."""
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": items,
    }
