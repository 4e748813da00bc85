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

from django.db import transaction
from django.utils import timezone

from jointly.accounts.permissions import trust_ids_for
from jointly.core.errors import NON_FIELD, FieldErrors, full_clean
from jointly.core.mail import email_send_later
from jointly.core.transitions import edit, editable, state_label, transition, version_of
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

_FIELD_OF = {"charity number": "charity_number", "company number": "company_number", "PPON": "charity_number"}


# --- Proposing ------------------------------------------------------------


def _supersede_pending(*, by, **record) -> None:
    """Only the latest proposal for a record waits for a decision; earlier ones are replaced."""
    for earlier in Revision.objects.filter(status__in=Revision.TRANSITIONS["supersede"].sources, **record):
        transition(instance=earlier, move="supersede", by=by, reason="Replaced by a later proposal")


def _save_proposal(revision: Revision) -> Revision:
    full_clean(revision)
    revision.save()
    return revision


@transaction.atomic
def profile_change_propose(*, organisation: Organisation, data: dict, by, version: str | None = None) -> Revision:
    """Propose a new version of an organisation's directory entry.

    `version` is the entry's version_of() when the form was shown: a form shown before the entry last changed is refused.
    """
    cleaned = clean_profile_data(data)
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        _supersede_pending(by=by, organisation=organisation, kind=Revision.Kind.PROFILE)
        return _save_proposal(Revision(kind=Revision.Kind.PROFILE, organisation=organisation, data=cleaned, author=by))
    with edit(profile, version=version) as row:  # The entry's lock, so approving cannot publish under the proposal.
        _supersede_pending(by=by, organisation=organisation, kind=Revision.Kind.PROFILE)
        return _save_proposal(Revision(kind=Revision.Kind.PROFILE, organisation=organisation, data=cleaned, author=by, based_on=version_of(row)))


@transaction.atomic
def service_change_propose(
    *,
    organisation: Organisation,
    data: dict,
    by,
    service: DirectoryService | None = None,
    source: str = Revision.Source.PROVIDER,
    version: str | None = None,
) -> Revision:
    """Propose a new service, or a new version of one of the organisation's services.

    A change to a service closed for good is refused; so is one from a form shown before the
    service last changed (`version`, its version_of() then).
    """
    if service is None:
        cleaned = clean_service_data(data)
        if DirectoryService.objects.filter(uuid=cleaned["id"]).exists():
            cleaned["id"] = str(uuid.uuid4())
        return _save_proposal(Revision(kind=Revision.Kind.SERVICE, organisation=organisation, data=cleaned, author=by, source=source))
    if service.organisation_id != organisation.pk:
        raise FieldErrors({NON_FIELD: "This service belongs to another organisation."})
    with edit(service, version=version) as row:
        cleaned = clean_service_data(_carry_ids(row, data))
        _supersede_pending(by=by, service=row)
        return _save_proposal(
            Revision(
                kind=Revision.Kind.SERVICE,
                organisation=organisation,
                service=row,
                data=cleaned,
                author=by,
                source=source,
                based_on=version_of(row),
            )
        )


def _problems(clean, raw: dict, errors: dict, rename: dict | None = None) -> dict | None:
    """Run a validation function, adding what it refuses to `errors` (renamed where the caller names a field otherwise)."""
    try:
        return clean(raw)
    except FieldErrors as error:
        for field, message in error.errors.items():
            errors.setdefault((rename or {}).get(field, field), message)
        return None


def _listing_checked(*, organisation: dict, service: dict, submitter_name: str, existing_organisation: Organisation | None):
    """A listing's problems and, where there are none, its clean parts: (errors, organisation, service, trusts)."""
    errors: dict[str, str] = {}
    cleaned_organisation = None
    if existing_organisation is None:
        cleaned_organisation = _problems(clean_listing_organisation, organisation, errors)
        # Checked whenever the numbers themselves are well formed, whatever else is wrong.
        if "charity_number" not in errors and "company_number" not in errors:
            numbers = {key: str(organisation.get(key) or "").strip().upper().replace(" ", "") for key in ("charity_number", "company_number")}
            existing, identifier = partnerships.find_duplicate_organisation(**numbers)
            if existing:
                errors[_FIELD_OF[identifier]] = f"{existing.name} is already registered with this {identifier}."
    cleaned_service = _problems(clean_service_data, service, errors, rename={"name": "activity"})
    if not (submitter_name or "").strip():
        errors["submitter_name"] = "Enter your name"
    # The places are checked for a trust only when they are all real places (else their own problem is shown).
    codes = cleaned_service["area_codes"] if cleaned_service else None
    if cleaned_service is None and "area_codes" not in errors:
        codes = [str(code).strip().upper() for code in service.get("area_codes") or []]
    trusts = review_trusts_for_areas(codes) if codes else []
    if codes and not trusts and existing_organisation is None:
        errors["area_codes"] = (
            "None of the places you chose is covered by a children's trust using this directory yet. "
            "Choose the place where most of your members live."
        )
    return errors, cleaned_organisation, cleaned_service, trusts


def listing_problems(*, organisation: dict, service: dict, submitter_name: str, existing_organisation: Organisation | None = None) -> dict:
    """Every problem `listing_submit` would refuse, as {field: message}, writing nothing (for a form that has errors of its own)."""
    errors, *_ = _listing_checked(
        organisation=organisation, service=service, submitter_name=submitter_name, existing_organisation=existing_organisation
    )
    return errors


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
    company number) is refused with the record's name, so the form can offer
    the existing record: its service is then proposed for that organisation
    instead of a second copy of the organisation. Every problem is refused at
    once; the service's name is the listing's `activity`.
    """
    errors, cleaned_organisation, cleaned_service, trusts = _listing_checked(
        organisation=organisation, service=service, submitter_name=submitter_name, existing_organisation=existing_organisation
    )
    if errors:
        raise FieldErrors(errors)
    common = {"submitter_name": submitter_name.strip(), "submitter_email": submitter_email.strip(), "source": Revision.Source.PUBLIC}
    if existing_organisation is not None:
        revision = Revision(kind=Revision.Kind.SERVICE, organisation=existing_organisation, data=cleaned_service, **common)
    else:
        revision = Revision(kind=Revision.Kind.LISTING, data={"organisation": cleaned_organisation, "service": cleaned_service}, **common)
    _save_proposal(revision)
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
        row
        if row.get("id")
        else {**row, "id": places.get((str(row.get("name", "")).strip().lower(), str(row.get("postcode", "")).replace(" ", "").upper()))}
        for row in data.get("locations") or []
    ]
    times = [row if row.get("id") else {**row, "id": days.get(str(row.get("weekday", "")).upper())} for row in data.get("opening_times") or []]
    return {**data, "id": str(service.uuid), "locations": locations, "opening_times": times}


# --- Deciding -------------------------------------------------------------


def _approvable(revision: Revision) -> str | None:
    """Why the locked revision cannot be published now, if it cannot: its record moved on, or its group registered meanwhile."""
    if revision.kind == Revision.Kind.SERVICE and revision.service_id and revision.based_on:
        if version_of(DirectoryService.objects.get(pk=revision.service_id)) != revision.based_on:
            return (
                "The service has changed since this change was proposed, so approving it would undo that. "
                "Do not approve it: turn it down and ask the provider to propose it again from the service as it is now."
            )
    if revision.kind == Revision.Kind.PROFILE and revision.based_on:
        profile = ProviderProfile.objects.filter(organisation_id=revision.organisation_id).first()
        if profile is not None and version_of(profile) != revision.based_on:
            return (
                "The organisation's details have changed since this change was proposed, so approving it would undo that. "
                "Do not approve it: turn it down and ask the provider to propose it again from the details as they are now."
            )
    if revision.kind == Revision.Kind.LISTING:
        details = revision.data.get("organisation", {})
        existing, identifier = partnerships.find_duplicate_organisation(
            charity_number=details.get("charity_number", ""), company_number=details.get("company_number", "")
        )
        if existing:
            return (
                f"{existing.name} has been registered with this {identifier} since the group wrote. "
                "Do not approve a second copy: turn this listing down and ask the group to use the existing record."
            )
    return None


@transaction.atomic
def revision_approve(*, revision: Revision, by, reason: str = "") -> Revision:
    """Approve a proposed version: apply it to the directory and publish it."""
    reason = (reason or "").strip()
    decided = transition(
        instance=revision,
        move="approve",
        by=by,
        reason=reason or "Approved and published",
        changes={"decided_by": by, "decided_at": timezone.now(), "decision_reason": reason},
        check=_approvable,
    )
    # What publishing made (the service, the group's organisation, the version) is recorded on the decided revision.
    published = _publish(decided, by=by, reason=f"{decided.reference} approved")
    for name, value in published.items():
        setattr(decided, name, value)
    decided.save(update_fields=list(published))
    _tell_the_proposer(decided)
    return decided


@transaction.atomic
def revision_reject(*, revision: Revision, by, reason: str) -> Revision:
    """Turn a proposed version down, saying why; the published record stays as it was."""
    reason = (reason or "").strip()
    if not reason:
        raise FieldErrors({"reason": "Say why the change is not approved, so the provider can put it right"})
    decided = transition(
        instance=revision,
        move="reject",
        by=by,
        reason=reason,
        changes={"decided_by": by, "decided_at": timezone.now(), "decision_reason": reason},
    )
    _tell_the_proposer(decided)
    return decided


def _tell_the_proposer(revision: Revision) -> None:
    """Email whoever proposed the change with the decision, once it is committed."""
    approved = revision.status == Revision.Status.APPROVED
    outcome = "is now in the directory" if approved else "was not approved"
    email_send_later(
        to=revision.submitter_email or (revision.author.email if revision.author_id else ""),
        subject=f"{revision.reference}: {revision.title} {outcome}",
        template="providers/email/decision.txt",
        context={"approved": approved, "reference": revision.reference, "reason": revision.decision_reason},
    )


def _publish(revision: Revision, *, by, reason: str) -> dict:
    """Apply a revision to the live directory. Returns what the revision should record."""
    if revision.kind == Revision.Kind.PROFILE:
        profile = _apply_profile(_profile_for(revision.organisation), clean_profile_data(revision.data), version=revision.based_on or None)
        return {"version": profile.version}
    if revision.kind == Revision.Kind.SERVICE:
        service = _apply_service(
            revision.service or DirectoryService(organisation=revision.organisation),
            clean_service_data(revision.data),
            by=by,
            reason=reason,
            version=revision.based_on or None,
        )
        _ensure_published_profile(revision.organisation)
        return {"service": service, "version": service.version}
    return _publish_listing(revision, by=by, reason=reason)


def _publish_listing(revision: Revision, *, by, reason: str) -> dict:
    details = clean_listing_organisation(revision.data["organisation"])
    service_data = clean_service_data(revision.data["service"])
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
    allowed = trust_ids_for(by) if by is not None else None
    trusts = [trust for trust in revision.review_trusts.all() if allowed is None or trust.pk in allowed]
    for trust in trusts:
        partnerships.trust_partner_add(trust=trust, organisation=organisation, joined_on=timezone.localdate())
    _apply_profile(
        _profile_for(organisation),
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
    service = _apply_service(DirectoryService(organisation=organisation), service_data, by=by, reason=reason)
    return {"organisation": organisation, "service": service, "version": service.version}


def service_publish_refusal(*, service: DirectoryService, data: dict) -> str:
    """Why publishing this version over a service would be refused ('' if it would not): the importer reports it per record."""
    if editable(service) or same_record(service_data_of(service), clean_service_data(_carry_ids(service, data))):
        return ""
    return (
        f"This service is {state_label(service)} in the directory, so it can no longer be changed. If it has started again, list it as a new service."
    )


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
    changes = _publish(revision, by=by, reason=revision.decision_reason)
    for name, value in changes.items():
        setattr(revision, name, value)
    full_clean(revision, exclude=["data"])
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
    with edit(_profile_for(organisation)) as profile:
        if not profile.is_published:
            profile.version += 1
            profile.published_at = timezone.now()


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


def _apply_profile(profile: ProviderProfile, data: dict, *, version: str | None = None) -> ProviderProfile:
    """Publish a version of the entry on its locked row (refused if it changed since `version`)."""
    with edit(profile, version=version) as row:
        for name in ("description", "website", "email", "phone", "income_band", "staff_band"):
            setattr(row, name, data[name])
        row.version += 1
        row.published_at = timezone.now()
        full_clean(row, exclude=["organisation", "areas"])
    row.areas.set(known_areas(data["area_codes"]).values())
    _sync_codes(row.group_rows, "group", data["groups"])
    kept = []
    for item in data["accreditations"]:
        awarded = datetime.date.fromisoformat(item["awarded_on"]) if item["awarded_on"] else None
        accreditation, _ = Accreditation.objects.get_or_create(
            profile=row, kind=item["kind"], body=item["body"], rating=item["rating"], awarded_on=awarded
        )
        kept.append(accreditation.pk)
    for accreditation in row.accreditations.exclude(pk__in=kept):
        accreditation.delete()
    return row


# Every field of a version but the status, which changes only by a move.
_SERVICE_FIELDS = (
    "name",
    "description",
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
)


def _status_move(status: str) -> str:
    """The move to this status (each status is the target of one move); transition() checks it may be made from the current one."""
    return next(move.name for move in DirectoryService.TRANSITIONS if move.target == status)


def _apply_service(service: DirectoryService, data: dict, *, by, reason: str, version: str | None = None) -> DirectoryService:
    """Publish a version of a service. An existing one is changed on its locked row (refused once closed for good,
    or if it changed since `version`), and its status only by a move, so no version can write back a stale status."""
    now = timezone.now()
    if service.pk is None:
        service.uuid = uuid.UUID(data["id"])
        for name in (*_SERVICE_FIELDS, "status"):
            setattr(service, name, data[name])
        service.fee_amount = Decimal(data["fee_amount"]) if data["fee_amount"] is not None else None
        service.version, service.published_at = 1, now
        full_clean(service, exclude=["areas"])
        service.save()
    else:
        with edit(service, version=version) as service:
            for name in _SERVICE_FIELDS:
                setattr(service, name, data[name])
            service.fee_amount = Decimal(data["fee_amount"]) if data["fee_amount"] is not None else None
            service.version += 1
            service.published_at = now
            full_clean(service, exclude=["areas"])
        if data["status"] != service.status:
            service = transition(instance=service, move=_status_move(data["status"]), by=by, reason=reason)
    service.areas.set(known_areas(data["area_codes"]).values())
    _sync_outcomes(service, data["outcome_areas"])
    _sync_codes(service.group_rows, "group", data["groups"])
    places = known_areas(row["area_code"] for row in data["locations"] if row.get("area_code"))
    _sync_rows(
        service.locations,
        [{**row, "area": places.get(row.get("area_code") or "")} for row in data["locations"]],
        ServiceLocation,
        ("name", "address_1", "address_2", "city", "county", "postcode", "latitude", "longitude", "area"),
        service=service,
    )
    _sync_rows(service.opening_times, data["opening_times"], OpeningTime, ("weekday", "opens_at", "closes_at"), service=service)
    return service


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
        full_clean(obj, exclude=["service"])
        obj.save()
