"""The demo directory: every organisation of the two demo regions, plus small community groups.

Built on the partnerships demo (councils, NHS, police, youth justice, schools
forums and illustrative providers for 15 trusts). Each organisation gets a
directory entry and services chosen deterministically from its kind: a
statutory body runs every service of its kind, other organisations one to
three, so loading twice gives the same directory and changes nothing.

Statutory services cover the whole area. Local ones (community groups, family
hubs and holiday clubs, and about half of the local charities' services) serve
three wards of their authority, so the service map shows provision varying by
ward: every local service in a trust meets in one shared ward (so services
overlap there), and the two wards with the highest illustrative need (see
`jointly/needs/demo.py`) are left without local services (so gaps show). Regulator
ratings are given only to illustrative organisations, never to real public
bodies. A few changes are left waiting for approval in Plymouth, for the
commissioner persona to decide.
"""

from __future__ import annotations

import hashlib
import uuid

from django.db import transaction
from django.utils.text import slugify

from jointly.accounts.models import User
from jointly.accounts.selectors import DEMO_EMAIL_DOMAIN
from jointly.partnerships.models import LegalForm, Organisation, Sector, SizeBand, Trust, TrustPartner

from . import demo_venues, services
from .bulk import NewEntry, directory_bulk_publish
from .demo_catalogue import ABOUT, COMMUNITY_GROUPS, SERVICES_BY_KIND, kind_of
from .models import DirectoryService, ProviderProfile, Revision
from .taxonomy import DIRECTORY_NAMESPACE, StaffBand

GROUPS_PER_TRUST = 8
# Kinds of organisation that are statutory bodies: they run every service of their kind, across their whole area.
STATUTORY_KINDS = frozenset({"council", "nhs", "police", "youth_justice", "schools"})
# Council services that run from local venues, each serving a few wards.
LOCAL_COUNCIL_SERVICES = frozenset({"Family hub", "Holiday activities and food programme"})
# Kinds of charity whose services are local about half the time (by a hash of the service's id).
LOCAL_KINDS = frozenset({"play", "youth_clubs", "healthy", "young_carers", "parent_carers", "cvs"})
WARDS_PER_SERVICE = 3
# The wards with the highest illustrative need that no local service serves.
UNSERVED_WARDS = 2
# Local services choose from the next six wards by need and the two with the least.
POOL_BY_NEED, POOL_LEAST = 6, 2
STAFF_FOR_INCOME = {
    SizeBand.MICRO: StaffBand.VOLUNTEERS,
    SizeBand.SMALL: StaffBand.ONE_TO_NINE,
    SizeBand.MEDIUM: StaffBand.TEN_TO_49,
    SizeBand.LARGE: StaffBand.FIFTY_TO_249,
    SizeBand.MAJOR: StaffBand.OVER_250,
}


def _pick(seed: str, options: list, count: int) -> list:
    """`count` options chosen by a stable hash of `seed`: the same every load."""
    digest = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    start = digest % len(options)
    return [options[(start + step) % len(options)] for step in range(min(count, len(options)))]


def _number(seed: str, low: int, high: int) -> int:
    return low + int(hashlib.sha256(seed.encode()).hexdigest(), 16) % (high - low + 1)


def _service_id(organisation: Organisation, name: str) -> str:
    return str(uuid.uuid5(DIRECTORY_NAMESPACE, f"demo-service:{organisation.slug}:{name}"))


@transaction.atomic
def load(stdout=None) -> None:
    trusts = list(Trust.objects.select_related("area").order_by("name"))
    if not trusts:
        return
    groups = _community_groups(trusts)
    areas_of = _areas_by_organisation()
    wards = _wards_by_need()
    ward_places = _ward_places()
    published = set(ProviderProfile.objects.filter(published_at__isnull=False).values_list("organisation_id", flat=True))
    existing = {str(value) for value in DirectoryService.objects.values_list("uuid", flat=True)}
    entries = []
    for organisation in Organisation.objects.filter(pk__in=areas_of).order_by("name"):
        codes = areas_of[organisation.pk]
        entry = NewEntry(organisation, profile=None if organisation.pk in published else _profile_data(organisation, codes))
        for template in _templates_for(organisation):
            service_id = _service_id(organisation, template["name"])
            if service_id not in existing:
                served = _served_codes(organisation, template, codes, service_id, wards)
                entry.services.append(_service_data(organisation, template, served, service_id, codes[0], ward_places))
        if entry.profile is not None or entry.services:
            entries.append(entry)
    _, made = directory_bulk_publish(entries=entries, source=Revision.Source.DEMO)
    _waiting_changes()
    if stdout:
        stdout.write(
            f"Demo directory loaded: {ProviderProfile.objects.count()} organisations, "
            f"{DirectoryService.objects.count()} services ({made} new), {len(groups)} community groups."
        )


def _community_groups(trusts: list[Trust]) -> list[Organisation]:
    """Small groups that listed themselves, eight per trust, some with a charity number."""
    made = []
    for trust_index, trust in enumerate(trusts):
        for step, template in enumerate(_pick(trust.slug, COMMUNITY_GROUPS, GROUPS_PER_TRUST)):
            name = template["group"].format(place=trust.area.name)
            index = trust_index * GROUPS_PER_TRUST + step
            registered = template["legal_form"] in (LegalForm.UNINCORPORATED_CHARITY, LegalForm.CIO)
            organisation, _ = Organisation.objects.get_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "sector": Sector.VCS,
                    "legal_form": template["legal_form"],
                    "size_band": template["size"],
                    # Illustrative numbers in a range the Charity Commission has not issued.
                    "charity_number": f"19{index:05d}" if registered else "",
                    "description": template["about"],
                    "contact_name": "Illustrative contact",
                    "contact_email": f"hello@{slugify(name)}.example",
                },
            )
            TrustPartner.objects.get_or_create(trust=trust, organisation=organisation, defaults={"statutory": False})
            made.append(organisation)
    return made


def _areas_by_organisation() -> dict[int, list[str]]:
    """The areas of the trusts each organisation works with: where its services run."""
    areas: dict[int, list[str]] = {}
    for organisation_id, code in TrustPartner.objects.order_by("trust__name").values_list("organisation_id", "trust__area__code"):
        areas.setdefault(organisation_id, []).append(code)
    return areas


def _templates_for(organisation: Organisation) -> list[dict]:
    kind = kind_of(organisation)
    if kind == "community":
        template = next((row for row in COMMUNITY_GROUPS if row["group"].split("{place} ")[-1] in organisation.name), None)
        return [template["service"]] if template else []
    options = SERVICES_BY_KIND.get(kind, [])
    if not options:
        return []
    if kind in STATUTORY_KINDS:
        return list(options)
    return _pick(organisation.slug, options, _number(organisation.slug, 1, min(3, len(options))))


def _wards_by_need() -> dict[str, list[str]]:
    """Each demo trust area's ward codes, highest illustrative need first (empty without the ward shapes)."""
    from jointly.needs.demo import demo_wards, ward_need_factor

    # Within an authority the estimate is the authority's rate times the ward's factor, so the factor ranks the need.
    return {code: sorted((ward.code for ward in wards), key=lambda ward: (-ward_need_factor(ward), ward)) for code, wards in demo_wards().items()}


def _ward_places() -> dict[str, tuple[str, str]]:
    """Each demo ward's name and the code of the area it lies in (a district, or a unitary authority)."""
    from jointly.needs.demo import demo_wards

    return {ward.code: (ward.name, ward.parent.code) for wards in demo_wards().values() for ward in wards}


def _venues(template: dict, codes: list[str], service_id: str, authority: str, ward_places: dict[str, tuple[str, str]]) -> list[dict]:
    """The service's venues, with made-up addresses in real towns: a local service meets in the first of its
    wards (and, for one with `venues`: 2, the next), named after the ward; an area-wide one in one of the area's towns."""
    if not template.get("venue"):
        return []
    local = [code for code in codes if code in ward_places][: template.get("venues", 1)]
    places = [(code, ward_places[code][0], [ward_places[code][1], authority]) for code in local] or [("", "", [authority])]
    venues = []
    for code, ward_name, around in places:
        seed = f"{service_id}:{code}"
        found = demo_venues.address(around, seed, town_seed=code)
        name = template["venue"].format(place=ward_name or (found["city"] if found else authority))
        venues.append({"id": str(uuid.uuid5(uuid.UUID(service_id), f"venue:{code}")), "name": name, "area_code": code, **(found or {})})
    return venues


def _served_codes(organisation: Organisation, template: dict, codes: list[str], service_id: str, wards: dict[str, list[str]]) -> list[str]:
    """Where a service runs: its organisation's whole area, or, for a local service, three wards of it."""
    ranked = wards.get(codes[0], []) if len(codes) == 1 else []
    if len(ranked) < UNSERVED_WARDS + POOL_BY_NEED + POOL_LEAST:
        return codes
    kind = kind_of(organisation)
    local = (
        kind == "community"
        or (kind == "council" and template["name"] in LOCAL_COUNCIL_SERVICES)
        or (kind in LOCAL_KINDS and _number(service_id, 0, 1) == 0)
    )
    if not local:
        return codes
    pool = ranked[UNSERVED_WARDS : UNSERVED_WARDS + POOL_BY_NEED] + ranked[-POOL_LEAST:]
    # Every local service meets in the pool's first ward (a town centre, say): that is where they overlap.
    shared, others = pool[0], pool[1:]
    start = _number(service_id, 0, len(others) - 1)
    return [shared, *(others[(start + step) % len(others)] for step in range(WARDS_PER_SERVICE - 1))]


def _profile_data(organisation: Organisation, codes: list[str]) -> dict:
    kind = kind_of(organisation)
    statutory = organisation.legal_form == LegalForm.STATUTORY_BODY
    accreditations = []
    if kind == "fostering":
        accreditations.append({"kind": "regulator", "body": "Ofsted", "rating": "Good", "awarded_on": "2024-11-12"})
    elif kind in ("youth_clubs", "cvs"):
        accreditations.append({"kind": "accreditation", "body": "Investing in Volunteers", "rating": "Accredited", "awarded_on": "2023-06-01"})
    elif kind == "community" and _number(organisation.slug, 0, 3) == 0:
        accreditations.append({"kind": "accreditation", "body": "Safe Network", "rating": "Safeguarding standards met", "awarded_on": "2025-02-14"})
    groups = sorted({group for template in _templates_for(organisation) for group in template.get("groups", [])})
    income = organisation.size_band or (SizeBand.MAJOR if statutory else "")
    described = organisation.description and "Illustrative" not in organisation.description
    return {
        "description": organisation.description if described else ABOUT.get(kind, "An illustrative organisation."),
        "website": "",
        "email": "" if statutory else _public_email(organisation),
        "phone": "",
        "income_band": income,
        "staff_band": STAFF_FOR_INCOME.get(income, ""),
        "area_codes": codes,
        "groups": groups,
        "accreditations": accreditations,
    }


def _public_email(organisation: Organisation) -> str:
    # The register's contact email is private; the directory shows a separate public address.
    return f"info@{organisation.slug}.example"


def _service_data(
    organisation: Organisation, template: dict, codes: list[str], service_id: str, authority: str, ward_places: dict[str, tuple[str, str]]
) -> dict:
    data = {
        "id": service_id,
        "status": DirectoryService.Status.ACTIVE,
        "eligibility": "",
        "groups": [],
        "schedule": "",
        "opening_times": [],
        "cost": DirectoryService.Cost.FREE,
        "fee_amount": None,
        "fee_description": "",
        "contact_name": "",
        "email": _public_email(organisation),
        "phone": "",
        "url": "",
        **{key: value for key, value in template.items() if key not in ("venue", "venues")},
        "area_codes": codes,
        "locations": _venues(template, codes, service_id, authority, ward_places),
    }
    data["opening_times"] = [{"id": str(uuid.uuid5(uuid.UUID(service_id), f"open:{row['weekday']}")), **row} for row in data["opening_times"]]
    return data


def _waiting_changes() -> None:
    """Leave some decisions for the Plymouth commissioner: a provider's change and a new group's listing."""
    if Revision.objects.filter(source__in=[Revision.Source.PROVIDER, Revision.Source.PUBLIC]).exists():
        return
    provider = User.objects.filter(email=f"provider{DEMO_EMAIL_DOMAIN}").select_related("organisation").first()
    trust = Trust.objects.filter(slug="plymouth").select_related("area").first()
    if provider is None or trust is None or provider.organisation is None:
        return
    from .selectors import service_data_of

    service = provider.organisation.directory_services.order_by("name").first()
    if service is not None:
        data = service_data_of(service)
        data["schedule"] = "Tuesdays in term time, and a summer trip in August"
        data["description"] += " In the summer holidays we run a day trip for the whole group."
        services.service_change_propose(organisation=provider.organisation, service=service, data=data, by=provider)
    services.listing_submit(
        organisation={"name": "Stonehouse Saturday Football", "legal_form": LegalForm.UNINCORPORATED_GROUP},
        service={
            "name": "Saturday football for 7 to 11 year olds",
            "description": "Friendly football every Saturday morning. No need to be good at it. Boots to borrow.",
            "tier": "universal",
            "approach": "prevention",
            "min_age": 7,
            "max_age": 11,
            "outcome_areas": ["be-healthy", "enjoy-and-achieve"],
            "area_codes": [trust.area.code],
            "schedule": "Saturdays 10am to 11:30am",
            "cost": "free",
            "email": "coach@stonehouse-football.example",
        },
        submitter_name="Illustrative coach",
        submitter_email="coach@stonehouse-football.example",
    )
