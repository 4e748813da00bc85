"""Writes for the provider directory. Views, the importer, the demo and commands call these.

Nothing reaches the published directory except through a revision: a provider
(or a small group, or an import) proposes a whole record, a commissioner of a
trust the organisation works with approves it, and only then is it applied.
Imports and the demo publish through the same path, as revisions that are
approved as they are made.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jointly.accounts.permissions import trust_ids_for
from jointly.core.mail import email_send_later
from jointly.core.transitions import transition
from jointly.partnerships import services as partnerships
from jointly.partnerships.models import Organisation, Sector

from .models import (
    Accreditation,
    DirectoryService,
    OpeningTime,
    ProviderProfile,
    Revision,
    ServiceLocation,
)
from .selectors import profile_data_of, review_trusts_for_areas, same_record, service_data_of
from .taxonomy import directory_outcome_areas
from .validation import clean_listing_organisation, clean_profile_data, clean_service_data, known_areas


class DirectoryError(Exception):
    """A directory rule was broken. `field` names the form field at fault, if one is."""

    def __init__(self, message: str, field: str | None = None):
        self.field = field
        super().__init__(message)


class DuplicateListing(DirectoryError):
    """The group is already registered: offer the existing record rather than doubling it."""

    def __init__(self, existing: Organisation, identifier: str):
        self.existing, self.identifier = existing, identifier
        super().__init__(f"{existing.name} is already registered with this {identifier}.", field=_FIELD_OF[identifier])


_FIELD_OF = {"charity number": "charity_number", "company number": "company_number", "PPON": "charity_number"}


# --- Proposing ------------------------------------------------------------


def _supersede_pending(*, by, **record) -> None:
    """Only the latest proposal for a record waits for a decision; earlier ones are replaced."""
    for earlier in Revision.objects.filter(status=Revision.Status.PENDING, **record):
        transition(
            instance=earlier,
            to=Revision.Status.SUPERSEDED,
            allowed_from=[Revision.Status.PENDING],
            by=by,
            reason="Replaced by a later proposal",
        )


@transaction.atomic
def profile_change_propose(*, organisation: Organisation, data: dict, by) -> Revision:
    """Propose a new version of an organisation's directory entry."""
    cleaned = clean_profile_data(data)
    _supersede_pending(by=by, organisation=organisation, kind=Revision.Kind.PROFILE)
    revision = Revision(kind=Revision.Kind.PROFILE, organisation=organisation, data=cleaned, author=by)
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def service_change_propose(
    *, organisation: Organisation, data: dict, by, service: DirectoryService | None = None, source: str = Revision.Source.PROVIDER
) -> Revision:
    """Propose a new service, or a new version of one of the organisation's services."""
    if service is not None:
        if service.organisation_id != organisation.pk:
            raise DirectoryError("This service belongs to another organisation.")
        data = _carry_ids(service, data)
    cleaned = clean_service_data(data)
    if service is None and DirectoryService.objects.filter(uuid=cleaned["id"]).exists():
        cleaned["id"] = str(uuid.uuid4())
    if service is not None:
        _supersede_pending(by=by, service=service)
    revision = Revision(
        kind=Revision.Kind.SERVICE, organisation=organisation, service=service, data=cleaned, author=by, source=source
    )
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def listing_submit(
    *,
    organisation: dict,
    service: dict,
    submitter_name: str,
    submitter_email: str,
    existing_organisation: Organisation | None = None,
) -> Revision:
    """A small group lists itself and one service, without an account.

    Nothing is published until a commissioner of a trust covering one of the
    chosen places approves it. A group already registered (same charity or
    company number) is offered its existing record: its service is proposed
    for that organisation instead of a second copy of the organisation.
    """
    cleaned_service = clean_service_data(service)
    if existing_organisation is None:
        cleaned_organisation = clean_listing_organisation(organisation)
        existing, identifier = partnerships.find_duplicate_organisation(
            charity_number=cleaned_organisation["charity_number"], company_number=cleaned_organisation["company_number"]
        )
        if existing:
            raise DuplicateListing(existing, identifier)
    if not submitter_name.strip():
        raise DirectoryError("Enter your name", field="submitter_name")
    trusts = review_trusts_for_areas(cleaned_service["area_codes"])
    if not trusts and existing_organisation is None:
        raise DirectoryError(
            "None of the places you chose is covered by a children's trust using this directory yet. "
            "Choose the place where most of your members live.",
            field="area_codes",
        )
    common = {"submitter_name": submitter_name.strip(), "submitter_email": submitter_email.strip(), "source": Revision.Source.PUBLIC}
    if existing_organisation is not None:
        revision = Revision(kind=Revision.Kind.SERVICE, organisation=existing_organisation, data=cleaned_service, **common)
    else:
        revision = Revision(
            kind=Revision.Kind.LISTING, data={"organisation": cleaned_organisation, "service": cleaned_service}, **common
        )
    revision.full_clean()
    revision.save()
    revision.review_trusts.set(trusts)
    return revision


def _carry_ids(service: DirectoryService, data: dict) -> dict:
    """Keep the ORUK ids of the rows a new version still has, when the proposal did not give them.

    A location is the same place if it has the same name and postcode; an
    opening time is the same if it is on the same day.
    """
    places = {(row.name.strip().lower(), row.postcode.replace(" ", "").upper()): str(row.uuid) for row in service.locations.all()}
    days = {row.weekday: str(row.uuid) for row in service.opening_times.all()}
    locations = [
        row if row.get("id") else {**row, "id": places.get((str(row.get("name", "")).strip().lower(), str(row.get("postcode", "")).replace(" ", "").upper()))}
        for row in data.get("locations") or []
    ]
    times = [row if row.get("id") else {**row, "id": days.get(str(row.get("weekday", "")).upper())} for row in data.get("opening_times") or []]
    return {**data, "id": str(service.uuid), "locations": locations, "opening_times": times}


# --- Deciding -------------------------------------------------------------


@transaction.atomic
def revision_approve(*, revision: Revision, by, reason: str = "") -> Revision:
    """Approve a proposed version: apply it to the directory and publish it."""
    locked = Revision.objects.select_for_update().get(pk=revision.pk)
    if locked.status != Revision.Status.PENDING:
        raise DirectoryError(f"This change is already {locked.get_status_display().lower()}.")
    changes = _publish(locked, by=by)
    decided = transition(
        instance=locked,
        to=Revision.Status.APPROVED,
        allowed_from=[Revision.Status.PENDING],
        by=by,
        reason=reason.strip() or "Approved and published",
        changes={"decided_by": by, "decided_at": timezone.now(), "decision_reason": reason.strip(), **changes},
    )
    _tell_the_proposer(decided)
    return decided


def revision_reject(*, revision: Revision, by, reason: str) -> Revision:
    """Turn a proposed version down, saying why; the published record stays as it was."""
    if not reason.strip():
        raise DirectoryError("Say why the change is not approved, so the provider can put it right", field="reason")
    decided = transition(
        instance=revision,
        to=Revision.Status.REJECTED,
        allowed_from=[Revision.Status.PENDING],
        by=by,
        reason=reason.strip(),
        changes={"decided_by": by, "decided_at": timezone.now(), "decision_reason": reason.strip()},
    )
    _tell_the_proposer(decided)
    return decided


def _tell_the_proposer(revision: Revision) -> None:
    """Email whoever proposed the change with the decision, once it is committed."""
    approved = revision.status == Revision.Status.APPROVED
    outcome = "is now in the directory" if approved else "was not approved"
    email_send_later(
        to=revision.submitter_email or (revision.author.email if revision.author_id else ""),
        subject=f"{revision.reference}: {revision.title} {outcome}", template="providers/email/decision.txt",
        context={"approved": approved, "reference": revision.reference, "reason": revision.decision_reason},
    )


def _publish(revision: Revision, *, by) -> dict:
    """Apply an approved revision to the live directory. Returns what the revision should record."""
    if revision.kind == Revision.Kind.PROFILE:
        profile = _profile_for(revision.organisation)
        _apply_profile(profile, clean_profile_data(revision.data))
        return {"version": profile.version}
    if revision.kind == Revision.Kind.SERVICE:
        service = revision.service or DirectoryService(organisation=revision.organisation)
        _apply_service(service, clean_service_data(revision.data))
        _ensure_published_profile(revision.organisation)
        return {"service": service, "version": service.version}
    return _publish_listing(revision, by=by)


def _publish_listing(revision: Revision, *, by) -> dict:
    details = clean_listing_organisation(revision.data["organisation"])
    service_data = clean_service_data(revision.data["service"])
    try:
        organisation = partnerships.organisation_create(
            name=details["name"],
            sector=Sector.VCS,
            legal_form=details["legal_form"],
            charity_number=details["charity_number"],
            company_number=details["company_number"],
            description=service_data["description"],
            website=service_data["url"],
            contact_name=revision.submitter_name,
            contact_email=revision.submitter_email,
        )
    except partnerships.DuplicateOrganisation as duplicate:
        raise DirectoryError(
            f"{duplicate.existing.name} has been registered with this {duplicate.field} since the group wrote. "
            "Do not approve a second copy: turn this listing down and ask the group to use the existing record."
        ) from duplicate
    allowed = trust_ids_for(by) if by is not None else None
    trusts = [trust for trust in revision.review_trusts.all() if allowed is None or trust.pk in allowed]
    for trust in trusts:
        partnerships.trust_partner_add(trust=trust, organisation=organisation, joined_on=timezone.localdate())
    profile = _profile_for(organisation)
    _apply_profile(
        profile,
        {
            "description": service_data["description"],
            "website": service_data["url"],
            "email": service_data["email"],
            "phone": service_data["phone"],
            "income_band": "",
            "staff_band": "",
            "groups": service_data["groups"],
            "area_codes": service_data["area_codes"],
            "accreditations": [],
        },
    )
    service = DirectoryService(organisation=organisation)
    _apply_service(service, service_data)
    return {"organisation": organisation, "service": service, "version": service.version}


def directory_record_publish(
    *,
    organisation: Organisation,
    kind: str,
    data: dict,
    source: str,
    by=None,
    service: DirectoryService | None = None,
) -> Revision | None:
    """Publish a record straight away, as an approved revision (imports and the demo).

    Returns None, and records nothing, when the record is already published as given.
    """
    if kind == Revision.Kind.PROFILE:
        cleaned = clean_profile_data(data)
        profile = ProviderProfile.objects.filter(organisation=organisation).first()
        if profile and profile.is_published and same_record(profile_data_of(profile), cleaned):
            return None
    else:
        cleaned = clean_service_data(_carry_ids(service, data) if service else data)
        if service and service.version and same_record(service_data_of(service), cleaned):
            return None
    revision = Revision(
        kind=kind,
        organisation=organisation,
        service=service,
        data=cleaned,
        author=by,
        source=source,
        status=Revision.Status.APPROVED,
        decided_by=by,
        decided_at=timezone.now(),
        decision_reason=Revision.Source(source).label,
    )
    changes = _publish(revision, by=by)
    for name, value in changes.items():
        setattr(revision, name, value)
    revision.full_clean(exclude=["data"])
    revision.save()
    return revision


# --- Applying a version to the live rows ----------------------------------


def _profile_for(organisation: Organisation) -> ProviderProfile:
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        profile = ProviderProfile(
            organisation=organisation,
            description=organisation.description,
            website=organisation.website,
            income_band=organisation.size_band,
        )
        profile.save()
    return profile


def _ensure_published_profile(organisation: Organisation) -> None:
    """A service is listed under its organisation, so the organisation's entry goes live with it."""
    profile = _profile_for(organisation)
    if not profile.is_published:
        profile.version += 1
        profile.published_at = timezone.now()
        profile.save()


def _sync_codes(manager, field: str, codes: list[str]) -> None:
    existing = {getattr(row, field): row for row in manager.all()}
    for code, row in existing.items():
        if code not in codes:
            row.delete()
    for code in codes:
        if code not in existing:
            manager.create(**{field: code})


def _sync_outcomes(service: DirectoryService, slugs: list[str]) -> None:
    """Make the service's outcome rows name these shared outcome areas (by slug)."""
    service.outcome_rows.exclude(outcome__slug__in=slugs).delete()
    have = set(service.outcome_rows.values_list("outcome__slug", flat=True))
    for area in directory_outcome_areas().filter(slug__in=slugs).exclude(slug__in=have):
        service.outcome_rows.create(outcome=area)


def _apply_profile(profile: ProviderProfile, data: dict) -> None:
    for name in ("description", "website", "email", "phone", "income_band", "staff_band"):
        setattr(profile, name, data[name])
    profile.version += 1
    profile.published_at = timezone.now()
    profile.full_clean(exclude=["organisation", "areas"])
    profile.save()
    profile.areas.set(known_areas(data["area_codes"]).values())
    _sync_codes(profile.group_rows, "group", data["groups"])
    kept = []
    for row in data["accreditations"]:
        awarded = datetime.date.fromisoformat(row["awarded_on"]) if row["awarded_on"] else None
        accreditation, _ = Accreditation.objects.get_or_create(
            profile=profile, kind=row["kind"], body=row["body"], rating=row["rating"], awarded_on=awarded
        )
        kept.append(accreditation.pk)
    for accreditation in profile.accreditations.exclude(pk__in=kept):
        accreditation.delete()


def _apply_service(service: DirectoryService, data: dict) -> None:
    if service.pk is None:
        service.uuid = uuid.UUID(data["id"])
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
    service.version += 1
    service.published_at = timezone.now()
    try:
        service.full_clean(exclude=["areas"])
    except ValidationError as error:
        raise DirectoryError("; ".join(error.messages)) from error
    service.save()
    service.areas.set(known_areas(data["area_codes"]).values())
    _sync_outcomes(service, data["outcome_areas"])
    _sync_codes(service.group_rows, "group", data["groups"])
    _sync_rows(
        service.locations,
        data["locations"],
        ServiceLocation,
        ("name", "address_1", "city", "county", "postcode", "latitude", "longitude"),
        service=service,
    )
    _sync_rows(service.opening_times, data["opening_times"], OpeningTime, ("weekday", "opens_at", "closes_at"), service=service)


def _sync_rows(manager, rows: list[dict], model, fields: tuple[str, ...], **parent) -> None:
    """Make a service's child rows match the version, keeping each row's ORUK id."""
    wanted = {row["id"]: row for row in rows}
    existing = {str(obj.uuid): obj for obj in manager.all()}
    for key, obj in existing.items():
        if key not in wanted:
            obj.delete()
    for key, row in wanted.items():
        obj = existing.get(key)
        if obj is None:
            if model.objects.filter(uuid=key).exists():
                key = str(uuid.uuid4())  # Taken by another service's row: this one gets its own id.
            obj = model(uuid=key, **parent)
        for name in fields:
            setattr(obj, name, row[name])
        obj.full_clean(exclude=["service"])
        obj.save()
