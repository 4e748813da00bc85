"""Publishing many new directory entries at once (the demo), in a fixed number of queries.

The same rules as one-by-one publishing: every record is checked by
`validation.py` first, each published record gets its approved version-1
revision, and its creation is written to the audit trail. Only records that do
not exist yet are created: this never changes a published record.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.audit.services import snapshot
from jointly.partnerships.models import Organisation

from .models import (
    Accreditation,
    DirectoryService,
    OpeningTime,
    ProfileGroup,
    ProviderProfile,
    Revision,
    ServiceGroup,
    ServiceLocation,
    ServiceOutcome,
)
from .taxonomy import directory_outcome_areas, outcome_slugs
from .validation import clean_profile_data, clean_service_data, known_areas


@dataclass
class NewEntry:
    organisation: Organisation
    profile: dict | None = None
    services: list[dict] = field(default_factory=list)


@transaction.atomic
def directory_bulk_publish(*, entries: list[NewEntry], source: str) -> tuple[int, int]:
    """Publish new profiles and services; returns how many of each were created."""
    now = timezone.now()
    codes = {code for entry in entries for record in [entry.profile or {}, *entry.services] for code in record.get("area_codes", [])}
    codes |= {row["area_code"] for entry in entries for record in entry.services for row in record.get("locations", []) if row.get("area_code")}
    areas = known_areas(codes)
    outcomes = outcome_slugs()
    checked = [
        (
            entry.organisation,
            clean_profile_data(entry.profile, areas=areas) if entry.profile is not None else None,
            [clean_service_data(data, areas=areas, outcomes=outcomes) for data in entry.services],
        )
        for entry in entries
    ]
    profiles = ProviderProfile.objects.bulk_create(
        [
            ProviderProfile(
                organisation=organisation,
                **{name: data[name] for name in ("description", "website", "email", "phone", "income_band", "staff_band")},
                version=1,
                published_at=now,
            )
            for organisation, data, _ in checked
            if data is not None
        ]
    )
    profile_data = [data for _, data, _ in checked if data is not None]
    ProviderProfile.areas.through.objects.bulk_create(
        ProviderProfile.areas.through(providerprofile_id=profile.pk, area_id=areas[code].pk)
        for profile, data in zip(profiles, profile_data, strict=True)
        for code in data["area_codes"]
    )
    ProfileGroup.objects.bulk_create(
        ProfileGroup(profile=profile, group=group) for profile, data in zip(profiles, profile_data, strict=True) for group in data["groups"]
    )
    Accreditation.objects.bulk_create(
        Accreditation(
            profile=profile,
            kind=row["kind"],
            body=row["body"],
            rating=row["rating"],
            awarded_on=datetime.date.fromisoformat(row["awarded_on"]) if row["awarded_on"] else None,
        )
        for profile, data in zip(profiles, profile_data, strict=True)
        for row in data["accreditations"]
    )
    service_data = [(organisation, data) for organisation, _, many in checked for data in many]
    created = DirectoryService.objects.bulk_create([_service(organisation, data, now) for organisation, data in service_data])
    _service_children(created, [data for _, data in service_data], areas)
    revisions = Revision.objects.bulk_create(
        [
            Revision(kind=Revision.Kind.PROFILE, organisation=profile.organisation, data=data, **_approved(source, now))
            for profile, data in zip(profiles, profile_data, strict=True)
        ]
        + [
            Revision(kind=Revision.Kind.SERVICE, organisation=service.organisation, service=service, data=data, **_approved(source, now))
            for service, (_, data) in zip(created, service_data, strict=True)
        ]
    )
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor_label="system",
            action=AuditEntry.Action.CREATE,
            object_type=record._meta.label_lower,
            object_id=str(record.pk),
            object_repr=str(record)[:300],
            after=snapshot(record),
            reason=Revision.Source(source).label,
        )
        for record in [*profiles, *created, *revisions]
    )
    return len(profiles), len(created)


def _approved(source: str, now) -> dict:
    return {
        "status": Revision.Status.APPROVED,
        "source": source,
        "decided_at": now,
        "decision_reason": Revision.Source(source).label,
        "version": 1,
    }


def _service(organisation: Organisation, data: dict, now) -> DirectoryService:
    service = DirectoryService(uuid=uuid.UUID(data["id"]), organisation=organisation, version=1, published_at=now)
    for name in (
        "name",
        "description",
        "status",
        "tier",
        "approach",
        "min_age",
        "max_age",
        "eligibility",
        "schedule",
        "cost",
        "fee_description",
        "contact_name",
        "email",
        "phone",
        "url",
    ):
        setattr(service, name, data[name])
    service.fee_amount = Decimal(data["fee_amount"]) if data["fee_amount"] is not None else None
    return service


def _service_children(services: list[DirectoryService], data: list[dict], areas) -> None:
    pairs = list(zip(services, data, strict=True))
    DirectoryService.areas.through.objects.bulk_create(
        DirectoryService.areas.through(directoryservice_id=service.pk, area_id=areas[code].pk)
        for service, record in pairs
        for code in record["area_codes"]
    )
    outcome_ids = dict(directory_outcome_areas().values_list("slug", "pk"))
    ServiceOutcome.objects.bulk_create(
        ServiceOutcome(service=service, outcome_id=outcome_ids[slug]) for service, record in pairs for slug in record["outcome_areas"]
    )
    ServiceGroup.objects.bulk_create(ServiceGroup(service=service, group=code) for service, record in pairs for code in record["groups"])
    ServiceLocation.objects.bulk_create(
        ServiceLocation(
            service=service,
            uuid=uuid.UUID(row["id"]),
            **{name: row[name] for name in ("name", "address_1", "address_2", "city", "county", "postcode")},
            area=areas.get(row["area_code"]) if row["area_code"] else None,
            latitude=Decimal(row["latitude"]) if row["latitude"] else None,
            longitude=Decimal(row["longitude"]) if row["longitude"] else None,
        )
        for service, record in pairs
        for row in record["locations"]
    )
    OpeningTime.objects.bulk_create(
        OpeningTime(
            service=service,
            uuid=uuid.UUID(row["id"]),
            weekday=row["weekday"],
            opens_at=datetime.time.fromisoformat(row["opens_at"]),
            closes_at=datetime.time.fromisoformat(row["closes_at"]),
        )
        for service, record in pairs
        for row in record["opening_times"]
    )
