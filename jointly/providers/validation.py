"""Checking a proposed directory record before it is stored as a revision.

One set of rules for every way in: the provider's pages, the public "list your
group" form, the ORUK importer and the demo. Each function takes a plain dict
(what a form or a file gave) and returns a clean dict ready to keep as JSON, or
raises `core.errors.FieldErrors` saying what to fix in every field at fault at
once (the first problem of each field, as a form shows it). An import's report
lists every problem of every field: `service_problems`.
"""

from __future__ import annotations

import datetime
import re
import uuid
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.needs.vocabulary import Group
from jointly.partnerships.models import LegalForm, SizeBand, validate_charity_number, validate_company_number
from jointly.places.models import ONS_CODE, Area

from .models import MAX_AGE, Accreditation, DirectoryService
from .taxonomy import Approach, StaffBand, Tier, Weekday, outcome_slugs

# The shape of a UK postcode (not a check that it exists).
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$")
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(:[0-5]\d)?$")


class _Errors:
    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise FieldErrors({field: messages[0] for field, messages in self.by_field.items()})


def _text(raw: dict, key: str, *, max_length: int | None = None, errors: _Errors, label: str = "") -> str:
    value = raw.get(key)
    value = "" if value is None else str(value).strip()
    if max_length and len(value) > max_length:
        errors.add(key, f"{label or key.replace('_', ' ').capitalize()} must be {max_length} characters or fewer")
    return value


def _codes(raw: dict, key: str, allowed, *, errors: _Errors, noun: str) -> list[str]:
    """The known codes, each once. `allowed` may map other names to the code kept (an ORUK term code to a slug)."""
    values = raw.get(key) or []
    if isinstance(values, str):
        values = [values]
    names = allowed if isinstance(allowed, dict) else {code: code for code in allowed}
    codes = []
    for value in values:
        value = str(value)
        if value not in names:
            errors.add(key, f"'{value}' is not one of the {noun}")
        elif names[value] not in codes:
            codes.append(names[value])
    return codes


def _age(raw: dict, key: str, *, errors: _Errors, label: str) -> int | None:
    value = raw.get(key)
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        errors.add(key, f"{label} must be a number, like 5")
        return None
    if number != number.to_integral_value():
        errors.add(key, f"{label} must be a whole number of years")
        return None
    if not 0 <= number <= MAX_AGE:
        errors.add(key, f"{label} must be between 0 and {MAX_AGE}")
        return None
    return int(number)


def known_areas(codes=None) -> dict[str, Area]:
    """The places for these ONS codes (or every place), each in its latest boundary year."""
    areas: dict[str, Area] = {}
    places = Area.objects.all() if codes is None else Area.objects.filter(code__in=set(codes))
    for area in places.order_by("boundary_year"):
        areas[area.code] = area
    return areas


def _area_codes(raw: dict, key: str, *, errors: _Errors, required: bool, areas: dict[str, Area] | None = None) -> list[str]:
    values = raw.get(key) or []
    if isinstance(values, str):
        values = [part for part in re.split(r"[\s,]+", values) if part]
    codes = []
    for value in values:
        code = str(value).strip().upper()
        if code and code not in codes:
            codes.append(code)
    malformed = [code for code in codes if not ONS_CODE.match(code)]
    for code in malformed:
        errors.add(key, f"'{code}' is not an ONS code. An ONS code is a letter and eight digits, like E06000026")
    found = areas if areas is not None else known_areas(code for code in codes if code not in malformed)
    for code in codes:
        if code not in malformed and code not in found:
            errors.add(key, f"No place has the ONS code {code}. Check the code, or choose a place from the list")
    if required and not codes:
        errors.add(key, "Choose at least one place the service covers")
    return codes


def _email(raw: dict, key: str, *, errors: _Errors) -> str:
    value = _text(raw, key, max_length=254, errors=errors)
    if value:
        try:
            validate_email(value)
        except ValidationError:
            errors.add(key, "Enter an email address in the correct format, like name@example.org")
    return value


def _url(raw: dict, key: str, *, errors: _Errors) -> str:
    value = _text(raw, key, max_length=200, errors=errors)
    if value and not re.match(r"^https?://", value, re.IGNORECASE):
        value = f"https://{value}"
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            errors.add(key, "Enter a website address in the correct format, like https://www.example.org")
    return value


def _uuid(value) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except (TypeError, ValueError):
        return str(uuid.uuid4())


def _time(value, *, errors: _Errors, key: str, label: str) -> str:
    text = "" if value is None else str(value).strip()
    match = TIME.match(text)
    if not match:
        errors.add(key, f"{label} must be a time in 24-hour format, like 09:30 or 17:00")
        return ""
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _opening_times(raw: dict, *, errors: _Errors) -> list[dict]:
    rows = []
    for row in raw.get("opening_times") or []:
        weekday = str(row.get("weekday", "")).upper()
        if weekday not in Weekday.values:
            errors.add("opening_times", f"'{weekday}' is not a day of the week. Use MO, TU, WE, TH, FR, SA or SU")
            continue
        if not (str(row.get("opens_at") or "").strip() or str(row.get("closes_at") or "").strip()):
            errors.add("opening_times", "Enter the opening and closing times for the days you chose")
            continue
        opens = _time(row.get("opens_at"), errors=errors, key="opening_times", label="The opening time")
        closes = _time(row.get("closes_at"), errors=errors, key="opening_times", label="The closing time")
        if opens and closes and closes <= opens:
            errors.add("opening_times", f"On {Weekday(weekday).label} the closing time must be after the opening time")
            continue
        rows.append({"id": _uuid(row.get("id")), "weekday": weekday, "opens_at": opens, "closes_at": closes})
    return rows


def _coordinate(value, *, limit: int, errors: _Errors, key: str, label: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        errors.add(key, f"The {label} must be a number, like 50.3755")
        return None
    if not -limit <= number <= limit:
        errors.add(key, f"The {label} must be between -{limit} and {limit}")
        return None
    return str(number.quantize(Decimal("0.000001")))


def normal_postcode(value: str) -> str:
    """A postcode in capitals with its one space before the last three characters ("pl12aa" is "PL1 2AA")."""
    compact = re.sub(r"\s+", "", value or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 4 else compact


def _locations(raw: dict, *, errors: _Errors, service_codes: list[str], areas: dict[str, Area] | None) -> list[dict]:
    """The venues. Each problem is keyed `locations.<n>.<part>` (n from 0), so a form can show it on the venue's own box.

    A venue's place (`area_code`) is an ONS code; left empty, it is the service's place when the service covers one.
    """
    rows = []
    for index, row in enumerate(raw.get("locations") or []):
        key = f"locations.{index}."
        cleaned = {}
        for part, limit in (("name", 200), ("address_1", 300), ("address_2", 300), ("city", 100), ("county", 100)):
            value = row.get(part)
            cleaned[part] = "" if value is None else str(value).strip()
            if len(cleaned[part]) > limit:
                errors.add(key + part, f"The venue's {part.replace('_', ' ')} must be {limit} characters or fewer")
        postcode = normal_postcode(str(row.get("postcode") or ""))
        cleaned["postcode"] = postcode
        cleaned["latitude"] = _coordinate(row.get("latitude"), limit=90, errors=errors, key=key + "latitude", label="latitude")
        cleaned["longitude"] = _coordinate(row.get("longitude"), limit=180, errors=errors, key=key + "longitude", label="longitude")
        code = str(row.get("area_code") or "").strip().upper()
        if not (cleaned["name"] or cleaned["address_1"] or cleaned["address_2"] or cleaned["city"] or postcode or code):
            continue  # An empty row from a form: nothing to keep.
        name = cleaned["name"] or cleaned["address_1"] or postcode or f"venue {index + 1}"
        if not cleaned["name"]:
            cleaned["name"] = name
        if postcode and not POSTCODE.match(postcode):
            errors.add(key + "postcode", f"Enter the postcode of {name} like PL1 2AA ('{postcode}' is not a UK postcode)")
        if (cleaned["latitude"] is None) != (cleaned["longitude"] is None):
            errors.add(key + "latitude", f"Give both the latitude and the longitude of {name}, or neither")
        if cleaned["address_1"] or cleaned["address_2"] or cleaned["city"] or postcode:
            if not cleaned["address_1"]:
                errors.add(key + "address_1", f"Enter the first line of the address of {name}")
            if not cleaned["city"]:
                errors.add(key + "city", f"Enter the town or city of {name}")
            if not postcode:
                errors.add(key + "postcode", f"Enter the postcode of {name}")
        if code:
            found = areas if areas is not None else known_areas([code])
            if not ONS_CODE.match(code) or code not in found:
                errors.add(key + "area_code", f"Choose the place {name} is in from the list")
        elif len(service_codes) == 1:
            code = service_codes[0]
        cleaned["area_code"] = code
        cleaned["id"] = _uuid(row.get("id"))
        rows.append(cleaned)
    return rows


def _fee(raw: dict, *, errors: _Errors) -> tuple[str, str | None]:
    cost = str(raw.get("cost") or DirectoryService.Cost.FREE)
    if cost not in DirectoryService.Cost.values:
        errors.add("cost", "Select whether the service is free or has a fee")
        return DirectoryService.Cost.FREE, None
    value = raw.get("fee_amount")
    if value in (None, ""):
        if cost == DirectoryService.Cost.FEE:
            errors.add("fee_amount", "Enter the fee, or say the service is free")
        return cost, None
    try:
        amount = Decimal(str(value).replace("£", "").replace(",", "").strip())
    except InvalidOperation:
        errors.add("fee_amount", "The fee must be an amount of money, like 5 or 12.50")
        return cost, None
    if amount < 0:
        errors.add("fee_amount", "The fee cannot be negative. Enter 0 or more, or say the service is free")
        return cost, None
    if amount >= Decimal("100000000"):
        errors.add("fee_amount", "The fee must be less than £100,000,000")
        return cost, None
    if cost == DirectoryService.Cost.FREE:
        return cost, None
    return cost, str(amount.quantize(Decimal("0.01")))


def clean_service_data(raw: dict, *, areas: dict[str, Area] | None = None, outcomes: dict[str, str] | None = None) -> dict:
    """A service as the directory keeps it. Raises FieldErrors naming each field at fault.

    `areas` (every known place by code) and `outcomes` (`outcome_slugs()`) save
    a query each per record when checking many.
    """
    errors = _Errors()
    data = _service_data(raw, errors=errors, areas=areas, outcomes=outcomes)
    errors.raise_if_any()
    return data


def service_problems(raw: dict, *, areas: dict[str, Area] | None = None, outcomes: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Every problem with a service, field by field (an import's report lists them all); empty when there is none."""
    errors = _Errors()
    _service_data(raw, errors=errors, areas=areas, outcomes=outcomes)
    return errors.by_field


def _service_data(raw: dict, *, errors: _Errors, areas: dict[str, Area] | None, outcomes: dict[str, str] | None) -> dict:
    data = {"id": _uuid(raw.get("id"))}
    data["name"] = _text(raw, "name", max_length=300, errors=errors)
    if not data["name"]:
        errors.add("name", "Enter the name of the service")
    data["description"] = _text(raw, "description", errors=errors)
    if not data["description"]:
        errors.add("description", "Describe what the service does")
    data["status"] = str(raw.get("status") or DirectoryService.Status.ACTIVE)
    if data["status"] not in DirectoryService.Status.values:
        errors.add("status", "Select whether the service is running")
    data["tier"] = str(raw.get("tier") or "")
    if data["tier"] not in Tier.values:
        errors.add("tier", "Select whether the service is universal, targeted or specialist")
    data["approach"] = str(raw.get("approach") or "")
    if data["approach"] not in Approach.values:
        errors.add("approach", "Select whether the service is prevention and early help, or intervention")
    data["min_age"] = _age(raw, "min_age", errors=errors, label="The youngest age")
    data["max_age"] = _age(raw, "max_age", errors=errors, label="The oldest age")
    if data["min_age"] is not None and data["max_age"] is not None and data["min_age"] > data["max_age"]:
        errors.add("max_age", "The oldest age must be the same as or more than the youngest age")
    data["eligibility"] = _text(raw, "eligibility", errors=errors)
    # Slugs of shared outcome areas; the ORUK term codes the feed publishes ("be_healthy") are read as them too.
    data["outcome_areas"] = _codes(raw, "outcome_areas", outcome_slugs() if outcomes is None else outcomes, errors=errors, noun="outcome areas")
    if not data["outcome_areas"]:
        errors.add("outcome_areas", "Select at least one outcome the service helps with")
    data["groups"] = _codes(raw, "groups", Group.values, errors=errors, noun="groups")
    data["area_codes"] = _area_codes(raw, "area_codes", errors=errors, required=True, areas=areas)
    data["schedule"] = _text(raw, "schedule", errors=errors)
    data["opening_times"] = _opening_times(raw, errors=errors)
    data["cost"], data["fee_amount"] = _fee(raw, errors=errors)
    data["fee_description"] = _text(raw, "fee_description", max_length=200, errors=errors)
    data["contact_name"] = _text(raw, "contact_name", max_length=200, errors=errors)
    data["email"] = _email(raw, "email", errors=errors)
    data["phone"] = _text(raw, "phone", max_length=30, errors=errors, label="The telephone number")
    data["url"] = _url(raw, "url", errors=errors)
    data["locations"] = _locations(raw, errors=errors, service_codes=data["area_codes"], areas=areas)
    return data


def _accreditations(raw: dict, *, errors: _Errors) -> list[dict]:
    rows = []
    today = timezone.localdate()
    for row in raw.get("accreditations") or []:
        body = _text(row, "body", max_length=200, errors=errors)
        rating = _text(row, "rating", max_length=200, errors=errors)
        kind = str(row.get("kind") or Accreditation.Kind.ACCREDITATION)
        awarded = row.get("awarded_on")
        if not (body or rating or awarded):
            continue
        if not body:
            errors.add("accreditations", "Enter who gave the rating or accreditation, like Ofsted")
        if not rating:
            errors.add("accreditations", f"Enter the rating or award {body or 'given'}")
        if kind not in Accreditation.Kind.values:
            errors.add("accreditations", "Say whether it is a regulator's rating or an accreditation")
        if isinstance(awarded, datetime.date):
            awarded = awarded.isoformat()
        if awarded:
            try:
                awarded_date = datetime.date.fromisoformat(str(awarded))
            except ValueError:
                errors.add("accreditations", f"The date of the {body} award must be a real date")
                awarded = None
            else:
                if awarded_date > today:
                    errors.add("accreditations", f"The date of the {body} award must be today or in the past")
        rows.append({"kind": kind, "body": body, "rating": rating, "awarded_on": awarded or None})
    return rows


def clean_profile_data(raw: dict, *, areas: dict[str, Area] | None = None) -> dict:
    """An organisation's directory entry as the directory keeps it."""
    errors = _Errors()
    data = {
        "description": _text(raw, "description", errors=errors),
        "website": _url(raw, "website", errors=errors),
        "email": _email(raw, "email", errors=errors),
        "phone": _text(raw, "phone", max_length=30, errors=errors, label="The telephone number"),
        "income_band": str(raw.get("income_band") or ""),
        "staff_band": str(raw.get("staff_band") or ""),
        "groups": _codes(raw, "groups", Group.values, errors=errors, noun="groups"),
        "area_codes": _area_codes(raw, "area_codes", errors=errors, required=False, areas=areas),
        "accreditations": _accreditations(raw, errors=errors),
    }
    if data["income_band"] and data["income_band"] not in SizeBand.values:
        errors.add("income_band", "Select the organisation's yearly income")
    if data["staff_band"] and data["staff_band"] not in StaffBand.values:
        errors.add("staff_band", "Select how many paid staff the organisation has")
    errors.raise_if_any()
    return data


def clean_listing_organisation(raw: dict) -> dict:
    """The few facts the register needs about a new group."""
    errors = _Errors()
    data = {
        "name": _text(raw, "name", max_length=300, errors=errors, label="The name of your group"),
        "legal_form": str(raw.get("legal_form") or LegalForm.UNINCORPORATED_GROUP),
        "charity_number": _text(raw, "charity_number", errors=errors).upper().replace(" ", ""),
        "company_number": _text(raw, "company_number", errors=errors).upper().replace(" ", ""),
    }
    if not data["name"]:
        errors.add("name", "Enter the name of your group")
    if data["legal_form"] not in LegalForm.values or data["legal_form"] == LegalForm.STATUTORY_BODY:
        errors.add("legal_form", "Select what kind of group you are")
    for key, validator in (("charity_number", validate_charity_number), ("company_number", validate_company_number)):
        try:
            validator(data[key])
        except ValidationError as error:
            errors.add(key, error.messages[0])
    errors.raise_if_any()
    return data
