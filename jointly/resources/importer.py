"""The spend CSV importer: every row checked first, then all stored or none.

Columns (a header row, any order): year, partner, provider, kind, service,
outcome, priority, tier, purpose, place, amount, and optionally service_id.
Organisations are named by their slug or their exact name; the outcome by its
slug or name; the priority by its title; the place by its ONS code; the
directory service by its Open Referral UK id (a UUID), which must be one of
the provider's services. Each stored row keeps a hash of its meaning, so
importing the same file twice stores it once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from jointly.assessment.models import Priority
from jointly.core.errors import FieldErrors
from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import Organisation, Trust, TrustPartner
from jointly.places.models import Area
from jointly.providers.models import DirectoryService

from .models import Purpose, SpendKind, SpendRecord, Tier
from .services import money, spend_record_problems

COLUMNS = ("year", "partner", "provider", "kind", "service", "outcome", "priority", "tier", "purpose", "place", "amount")
OPTIONAL_COLUMNS = ("service_id",)
REQUIRED = ("year", "partner", "provider", "kind", "service", "tier", "purpose", "amount")
# People write "In-house" or "Commissioned service"; accept the label as well as the code.
_KINDS = {
    **{v: v for v in SpendKind.values},
    **{label.lower(): v for v, label in SpendKind.choices},
    "in-house": SpendKind.IN_HOUSE,
    "commissioned": SpendKind.COMMISSIONED,
}
_TIERS = {**{v: v for v in Tier.values}, **{label.lower(): v for v, label in Tier.choices}}
_PURPOSES = {**{v: v for v in Purpose.values}, **{label.lower(): v for v, label in Purpose.choices}}


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    already_there: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if self.errors:
            return f"The file was not imported: {len(self.errors)} problem{'s' if len(self.errors) != 1 else ''} found, nothing was stored."
        return f"Imported {self.created} spend record{'s' if self.created != 1 else ''}; {self.already_there} were already there."


def _row_hash(trust: Trust, values: dict) -> str:
    key = "|".join(str(values[name]) for name in COLUMNS)
    if values.get("service_id"):
        # Only when given, so rows imported before the column existed keep their hashes.
        key += f"|{values['service_id']}"
    return hashlib.sha256(f"{trust.pk}|{key}".encode()).hexdigest()


def spend_import(*, trust: Trust, text: str, progress: Callable[[int, int | None], None] | None = None) -> ImportResult:
    """Check every row of a spend CSV, then store them all in one transaction, or store nothing."""
    progress = progress or (lambda done, total=None: None)
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in headers]
    if missing:
        result.errors.append(f"Row 1: the header is missing the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
        return result
    raw_rows = [{(k or "").strip().lower(): (v or "").strip() for k, v in row.items()} for row in reader]
    total = len(raw_rows)
    result.rows = total

    # Bounded lookups: a handful of queries whatever the file's length.
    organisations = {}
    for organisation in Organisation.objects.only("id", "name", "slug", "sector"):
        organisations[organisation.slug.lower()] = organisation
        organisations.setdefault(organisation.name.lower(), organisation)
    partner_ids = set(TrustPartner.objects.filter(trust=trust).values_list("organisation_id", flat=True))
    outcomes = {}
    for outcome in OutcomeArea.objects.filter(Q(trust__isnull=True) | Q(trust=trust)):
        outcomes[outcome.slug.lower()] = outcome
        outcomes.setdefault(outcome.name.lower(), outcome)
    priorities = {p.title.lower(): p for p in Priority.objects.filter(trust=trust)}
    codes = {row.get("place", "").upper() for row in raw_rows} - {""}
    places = {area.code: area for area in Area.objects.filter(code__in=codes).order_by("code", "-boundary_year")}
    service_ids = {}
    for row in raw_rows:
        if row.get("service_id"):
            try:
                service_ids[row["service_id"]] = uuid.UUID(row["service_id"])
            except ValueError:
                pass
    directory = {
        service.uuid: service for service in DirectoryService.objects.filter(uuid__in=set(service_ids.values())).select_related("organisation")
    }
    existing = set(SpendRecord.objects.filter(trust=trust).exclude(row_hash="").values_list("row_hash", flat=True))

    to_store: list[SpendRecord] = []
    seen: set[str] = set()
    for index, row in enumerate(raw_rows):
        number = index + 2  # The header is row 1.
        problems = []
        partner = organisations.get(row.get("partner", "").lower())
        provider = organisations.get(row.get("provider", "").lower())
        if not partner:
            problems.append(f"unknown organisation '{row.get('partner', '')}' in the partner column")
        elif partner.pk not in partner_ids:
            problems.append(f"{partner.name} is not a partner in {trust.name}")
        if not provider:
            problems.append(f"unknown organisation '{row.get('provider', '')}' in the provider column")
        outcome = None
        if row.get("outcome"):
            outcome = outcomes.get(row["outcome"].lower())
            if not outcome:
                problems.append(f"unknown outcome area '{row['outcome']}'")
        priority = None
        if row.get("priority"):
            priority = priorities.get(row["priority"].lower())
            if not priority:
                problems.append(f"unknown priority '{row['priority']}'")
        place = None
        if row.get("place"):
            place = places.get(row["place"].upper())
            if not place:
                problems.append(f"unknown area code '{row['place']}'")
        service = None
        if row.get("service_id"):
            if row["service_id"] not in service_ids:
                problems.append(f"the service_id '{row['service_id']}' is not an Open Referral UK id (a UUID)")
            else:
                service = directory.get(service_ids[row["service_id"]])
                if not service:
                    problems.append(f"no service in the directory has the id '{row['service_id']}'")
        kind = _KINDS.get(row.get("kind", "").lower(), row.get("kind", ""))
        tier = _TIERS.get(row.get("tier", "").lower(), row.get("tier", ""))
        purpose = _PURPOSES.get(row.get("purpose", "").lower(), row.get("purpose", ""))
        checks = spend_record_problems(
            trust=trust,
            year=row.get("year", ""),
            partner=None,
            kind=kind,
            service_name=row.get("service", ""),
            tier=tier,
            purpose=purpose,
            outcome_area=outcome,
            budget=None,
            funding_stream=None,
            pooled_fund=None,
            provider=provider,
            service=service,
        )
        # The service rule starts with the service's own name, which keeps its capital.
        problems.extend(message if field == "service" else _lower_first(message) for field, message in checks.items())
        amount = None
        try:
            amount = money(row.get("amount", ""), what="the amount spent")
        except FieldErrors as error:
            problems.append(_lower_first(error.errors["amount"]))
        if problems:
            result.errors.append(f"Row {number}: " + "; ".join(problems))
        else:
            values = {
                "year": row["year"],
                "partner": partner.pk,
                "provider": provider.pk,
                "kind": kind,
                "service": row["service"].strip(),
                "outcome": outcome.pk if outcome else "",
                "priority": priority.pk if priority else "",
                "tier": tier,
                "purpose": purpose,
                "place": place.pk if place else "",
                "amount": amount,
                "service_id": service.uuid if service else "",
            }
            digest = _row_hash(trust, values)
            if digest in existing or digest in seen:
                result.already_there += 1
            else:
                seen.add(digest)
                to_store.append(
                    SpendRecord(
                        trust=trust,
                        year=row["year"],
                        partner=partner,
                        provider=provider,
                        kind=kind,
                        service_name=values["service"],
                        outcome_area=outcome,
                        priority=priority,
                        tier=tier,
                        purpose=purpose,
                        place=place,
                        amount=amount,
                        provider_sector=provider.sector,
                        service=service,
                        row_hash=digest,
                    )
                )
        if number % 100 == 0:
            progress(index + 1, total * 2)
    progress(total, total * 2)
    if result.errors:
        return result

    with transaction.atomic():
        # One by one, not bulk_create, so each record is written to the audit trail.
        for done, record in enumerate(to_store, start=1):
            record.save()
            if done % 100 == 0:
                progress(total + done, total * 2)
    result.created = len(to_store)
    progress(total * 2, total * 2)
    return result


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]
