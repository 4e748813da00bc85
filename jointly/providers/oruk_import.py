"""Importing an Open Referral UK file: check every record, then store all of it or none of it.

Accepted files: a JSON array of services, a single service, an ORUK page
(`{"contents": [...]}`), or an organization with its `services`. Every record
is validated against the ORUK 3.0 schema and then against the directory's own
rules (known places, no negative cost…). One bad record and nothing from the
file is stored; the report gives each bad record's position and reason.

Organisations are matched by charity or company number first, then by ORUK
id; services by ORUK id. Importing the same file again changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from jointly.partnerships import services as partnerships
from jointly.partnerships.models import LegalForm, Organisation, Sector, Trust, validate_charity_number, validate_company_number
from jointly.places.models import ONS_CODE, Area

from .models import DirectoryService, ProviderProfile, Revision
from .schemas import errors_for
from .selectors import outcome_rows, profile_data_of, service_data_of
from .services import directory_record_publish, service_publish_refusal
from .taxonomy import Term, all_terms, outcome_slugs
from .validation import service_problems

# What the directory calls a field, as an ORUK file calls it, for the report.
ORUK_NAMES = {
    "area_codes": "service_areas",
    "min_age": "minimum_age",
    "max_age": "maximum_age",
    "fee_amount": "cost_options",
    "cost": "cost_options",
    "opening_times": "schedules",
    "locations": "service_at_locations",
    "outcome_areas": "attributes (Every Child Matters outcomes)",
    "tier": "attributes (service tier)",
    "approach": "attributes (prevention or intervention)",
}
CHARITY_SCHEMES = {"GB-CHC", "GB-SC", "GB-NIC"}
COMPANY_SCHEMES = {"GB-COH"}


@dataclass(frozen=True)
class Problem:
    position: str
    reason: str

    def __str__(self):
        return f"{self.position}: {self.reason}"


class OrukImportError(Exception):
    """The file was not imported. `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found; nothing was imported.")


@dataclass
class ImportResult:
    organisations_created: int = 0
    organisations_updated: int = 0
    services_created: int = 0
    services_updated: int = 0
    unchanged: int = 0


@dataclass
class _Defaults:
    tier: str = ""
    approach: str = ""
    outcomes: list[str] = field(default_factory=list)


Progress = Callable[[Iterable, int, str], Iterable]


def _no_progress(items: Iterable, total: int, description: str) -> Iterable:
    return items


def read_oruk_file(path: Path) -> object:
    """The file's JSON, or an import error saying where it stops being JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise OrukImportError([Problem(str(path), "The file is not UTF-8 text. Save it as UTF-8 JSON.")]) from None
    except json.JSONDecodeError as error:
        raise OrukImportError([Problem(f"{path}, line {error.lineno}, column {error.colno}", f"This is not valid JSON: {error.msg}")]) from None


def _records(payload) -> tuple[list[tuple[str, dict]], dict | None]:
    """The services in the file with their positions, and the organization the file is about, if it is one."""
    if isinstance(payload, list):
        return [(f"Record {number}", item) for number, item in enumerate(payload, start=1)], None
    if isinstance(payload, dict) and isinstance(payload.get("contents"), list):
        return [(f"Record {number}", item) for number, item in enumerate(payload["contents"], start=1)], None
    if isinstance(payload, dict) and isinstance(payload.get("services"), list) and "status" not in payload:
        return [(f"Service {number}", item) for number, item in enumerate(payload["services"], start=1)], payload
    if isinstance(payload, dict):
        return [("Record 1", payload)], None
    return [], None


def _label(position: str, record) -> str:
    if isinstance(record, dict) and record.get("name"):
        return f"{position} ('{record['name']}')"
    return position


# --- From ORUK shapes to the directory's ------------------------------------


def _identifiers(organization: dict) -> dict:
    found = {"charity_number": "", "company_number": ""}
    for row in organization.get("organization_identifiers") or []:
        scheme = str(row.get("identifier_scheme") or "").upper()
        kind = str(row.get("identifier_type") or "").lower()
        value = str(row.get("identifier") or "").strip().upper().replace(" ", "")
        if scheme in CHARITY_SCHEMES or "charity" in kind:
            found["charity_number"] = value
        elif scheme in COMPANY_SCHEMES or "company" in kind:
            found["company_number"] = value
    return found


def _area_code(row: dict, names: dict[str, str]) -> str | None:
    """The ONS code of a service area: from its URI, its text, or its place name."""
    uri = str(row.get("uri") or "").rstrip("/")
    candidates = [uri.rsplit("/", 1)[-1], row.get("extent"), row.get("service_area"), row.get("name")]
    for value in candidates:
        text = str(value or "").strip().upper()
        if ONS_CODE.match(text):
            return text
    for value in (row.get("service_area"), row.get("name")):
        code = names.get(str(value or "").strip().lower())
        if code:
            return code
    return None


def term_lookup() -> dict:
    """The directory's taxonomy terms by id and by (taxonomy name, term code): read once per import (one query)."""
    lookup: dict = {}
    for term in all_terms():
        lookup[str(term.id)] = term
        lookup[(term.taxonomy.name, term.code)] = term
    return lookup


def _terms(record: dict, lookup: dict) -> dict[str, list[str]]:
    """The directory's own taxonomy terms among the record's attributes, as the directory stores them."""
    found: dict[str, list[str]] = {}
    for row in record.get("attributes") or []:
        detail = row.get("taxonomy_term") or {}
        term: Term | None = lookup.get(str(row.get("taxonomy_term_id") or detail.get("id", "")))
        if term is None:
            term = lookup.get((detail.get("taxonomy"), str(detail.get("term", ""))))
        if term is not None:
            found.setdefault(term.taxonomy.code, []).append(term.stored)
    return found


def _schedules(record: dict) -> tuple[list[dict], str]:
    times, notes = [], []
    for row in record.get("schedules") or []:
        days = [day.strip().upper() for day in str(row.get("byday") or "").split(",") if day.strip()]
        if days and row.get("opens_at") and row.get("closes_at"):
            for index, day in enumerate(days):
                times.append(
                    {"id": row.get("id") if index == 0 else None, "weekday": day, "opens_at": row["opens_at"], "closes_at": row["closes_at"]}
                )
        for key in ("description", "notes"):
            if row.get(key):
                notes.append(str(row[key]).strip())
    return times, "\n".join(dict.fromkeys(notes))


def _cost(record: dict) -> dict:
    options = record.get("cost_options") or []
    if not options:
        return {}
    first = options[0]
    amount = first.get("amount")
    if amount in (None, 0) and not first.get("amount_description"):
        return {"cost": DirectoryService.Cost.FREE, "fee_amount": None, "fee_description": ""}
    described = " ".join(str(part) for part in (first.get("option"), first.get("amount_description")) if part)
    return {"cost": DirectoryService.Cost.FEE, "fee_amount": amount, "fee_description": described[:200]}


def _locations(record: dict) -> list[dict]:
    rows = []
    for item in record.get("service_at_locations") or []:
        location = item.get("location") or {}
        address = (location.get("addresses") or [{}])[0]
        rows.append(
            {
                "id": location.get("id") or item.get("location_id"),
                "name": location.get("name") or address.get("address_1") or "",
                "address_1": address.get("address_1", ""),
                "city": address.get("city", ""),
                "county": address.get("state_province", ""),
                "postcode": address.get("postal_code", ""),
                "latitude": location.get("latitude"),
                "longitude": location.get("longitude"),
            }
        )
    return rows


def _service_data(record: dict, current: dict, defaults: _Defaults, names: dict[str, str], terms_by: dict) -> tuple[dict, list[str]]:
    """The directory's version of an ORUK service, on top of what the directory already holds."""
    unplaced = []
    codes = []
    for row in record.get("service_areas") or []:
        code = _area_code(row, names)
        if code is None:
            unplaced.append(str(row.get("name") or row.get("service_area") or row.get("id")))
        else:
            codes.append(code)
    terms = _terms(record, terms_by)
    times, schedule = _schedules(record)
    contacts = record.get("contacts") or []
    phones = record.get("phones") or []
    data = {
        **current,
        "id": record["id"],
        "name": record.get("name", ""),
        "description": record.get("description", current.get("description", "")),
        "status": record.get("status"),
        "min_age": record.get("minimum_age"),
        "max_age": record.get("maximum_age"),
        "email": record.get("email", ""),
        "url": record.get("url", ""),
        "tier": (terms.get("tier") or [current.get("tier") or defaults.tier])[0],
        "approach": (terms.get("approach") or [current.get("approach") or defaults.approach])[0],
        "outcome_areas": terms.get("outcome_area") or current.get("outcome_areas") or defaults.outcomes,
        "groups": terms.get("group") or current.get("groups") or [],
        "area_codes": codes,
        "opening_times": times,
        "schedule": schedule,
        "locations": _locations(record),
        **_cost(record),
    }
    if contacts:
        data["contact_name"] = contacts[0].get("name", "")
    if phones:
        data["phone"] = str(phones[0].get("number", ""))[:30]
    for missing in ("cost", "fee_amount", "fee_description", "contact_name", "phone", "eligibility"):
        data.setdefault(missing, current.get(missing, "" if missing not in ("fee_amount",) else None))
    return data, unplaced


# --- The import ---------------------------------------------------------------


@dataclass
class _Planned:
    position: str
    organization: dict
    data: dict
    service: DirectoryService | None


def oruk_import(
    *,
    payload,
    trust: Trust | None = None,
    tier: str = "",
    approach: str = "",
    outcomes: list[str] | None = None,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Check every record of an ORUK file, then store it all, or raise OrukImportError and store none."""
    records, organization_record = _records(payload)
    problems: list[Problem] = []
    if not records:
        raise OrukImportError(
            [Problem("The file", "No services found. Give a list of ORUK services, one service, an ORUK page or an organization with its services.")]
        )
    if organization_record is not None:
        problems += [
            Problem("The organization", reason) for reason in errors_for(_without_services(organization_record), "compiled/organization.json")
        ]
    for position, record in progress(records, len(records), "Checking against the ORUK schema"):
        problems += [Problem(_label(position, record), reason) for reason in errors_for(record, "compiled/service.json")]
    if problems:
        raise OrukImportError(problems)

    plans = _plan(records, organization_record, _Defaults(tier, approach, list(outcomes or [])), problems, progress)
    if problems:
        raise OrukImportError(problems)
    return _store(plans, trust, progress)


def _without_services(organization: dict) -> dict:
    return {key: value for key, value in organization.items() if key != "services"}


def _plan(records, organization_record, defaults: _Defaults, problems: list[Problem], progress: Progress) -> list[_Planned]:
    ids = [record["id"] for _, record in records]
    existing = {
        str(service.uuid): service
        for service in DirectoryService.objects.filter(uuid__in=ids).select_related("organisation__provider_profile").prefetch_related(outcome_rows())
    }
    terms_by, outcomes = term_lookup(), outcome_slugs()
    known_profiles = set(str(value) for value in ProviderProfile.objects.values_list("oruk_id", flat=True))
    names = {name.lower(): code for code, name in Area.objects.values_list("code", "name")}
    seen: set[str] = set()
    plans = []
    for position, record in progress(records, len(records), "Checking against the directory's rules"):
        label = _label(position, record)
        if record["id"] in seen:
            problems.append(Problem(label, f"The id {record['id']} is used by more than one service in this file."))
            continue
        seen.add(record["id"])
        organization = record.get("organization") or organization_record
        if organization is None:
            organization = {"id": record.get("organization_id")}
            if str(record.get("organization_id")) not in known_profiles:
                problems.append(Problem(label, "Its organization_id is not in this file or in the directory: include the organization."))
                continue
        else:
            problems += _organization_problems(label, organization)
        service = existing.get(str(record["id"]))
        if (
            service is not None
            and str(service.organisation.provider_profile.oruk_id) != str(organization.get("id"))
            and not _same_registered(service.organisation, organization)
        ):
            problems.append(Problem(label, f"This service is already in the directory under {service.organisation.name}, not this organization."))
            continue
        current = service_data_of(service) if service else {}
        data, unplaced = _service_data(record, current, defaults, names, terms_by)
        for name in unplaced:
            problems.append(
                Problem(
                    label,
                    f"service_areas: '{name}' has no ONS code the directory knows. Give the ONS code in the service area's uri, like {_EXAMPLE_URI}",
                )
            )
        found = service_problems(data, outcomes=outcomes)
        if found:
            for key, messages in found.items():
                problems += [Problem(label, f"{ORUK_NAMES.get(key.split('.')[0], key)}: {message}") for message in messages]
            continue
        refusal = service_publish_refusal(service=service, data=data) if service is not None else ""
        if refusal:
            problems.append(Problem(label, refusal))
            continue
        plans.append(_Planned(label, organization, data, service))
    return plans


_EXAMPLE_URI = "http://statistics.data.gov.uk/id/statistical-geography/E06000026"


def _organization_problems(label: str, organization: dict) -> list[Problem]:
    problems = []
    numbers = _identifiers(organization)
    for key, validator in (("charity_number", validate_charity_number), ("company_number", validate_company_number)):
        try:
            validator(numbers[key])
        except ValidationError as error:
            problems.append(Problem(label, f"organization_identifiers: {error.messages[0]} (not '{numbers[key]}')"))
    return problems


def _same_registered(organisation: Organisation, organization: dict) -> bool:
    numbers = _identifiers(organization)
    return bool(
        (numbers["charity_number"] and numbers["charity_number"] == organisation.charity_number)
        or (numbers["company_number"] and numbers["company_number"] == organisation.company_number)
    )


def _find_organisation(organization: dict) -> Organisation | None:
    numbers = _identifiers(organization)
    existing, _ = partnerships.find_duplicate_organisation(**numbers)
    if existing is None:
        profile = ProviderProfile.objects.filter(oruk_id=organization.get("id")).select_related("organisation").first()
        existing = profile.organisation if profile else None
    return existing


@transaction.atomic
def _store(plans: list[_Planned], trust: Trust | None, progress: Progress) -> ImportResult:
    result = ImportResult()
    organisations: dict[str, Organisation] = {}
    for plan in progress(plans, len(plans), "Importing"):
        key = str(plan.organization.get("id"))
        organisation = organisations.get(key)
        if organisation is None:
            organisation = _store_organisation(plan.organization, trust, result)
            organisations[key] = organisation
        revision = directory_record_publish(
            organisation=organisation, kind=Revision.Kind.SERVICE, data=plan.data, service=plan.service, source=Revision.Source.IMPORT
        )
        if revision is None:
            result.unchanged += 1
        elif plan.service is None:
            result.services_created += 1
        else:
            result.services_updated += 1
    return result


def _store_organisation(organization: dict, trust: Trust | None, result: ImportResult) -> Organisation:
    organisation = _find_organisation(organization)
    if organisation is None:
        numbers = _identifiers(organization)
        organisation = partnerships.organisation_create(
            name=organization.get("name", "").strip()[:300],
            sector=Sector.VCS,
            legal_form=LegalForm.OTHER,
            description=organization.get("description", ""),
            website=_plain_url(organization.get("website", "")),
            **numbers,
        )
        result.organisations_created += 1
    if not ProviderProfile.objects.filter(organisation=organisation).exists():
        ProviderProfile.objects.create(organisation=organisation, oruk_id=organization["id"])
    if trust is not None:
        partnerships.trust_partner_add(trust=trust, organisation=organisation)
    profile = ProviderProfile.objects.get(organisation=organisation)
    current = profile_data_of(profile)
    if "name" in organization:
        data = {
            **current,
            "description": organization.get("description", current["description"]),
            "email": organization.get("email", current["email"]),
            "website": _plain_url(organization.get("website", current["website"])),
        }
        revision = directory_record_publish(organisation=organisation, kind=Revision.Kind.PROFILE, data=data, source=Revision.Source.IMPORT)
        if revision is not None and profile.version > 0:
            result.organisations_updated += 1
    return organisation


def _plain_url(value: str) -> str:
    value = str(value or "").strip()
    return value if not value or re.match(r"^https?://", value, re.IGNORECASE) else f"https://{value}"
