"""Writes for partnerships. Views, the API and commands call these; nothing else writes."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.text import slugify

from jointly.core.transitions import transition

from .models import Body, Organisation, ReportBack, Seat, Trust, TrustPartner


class PartnershipError(Exception):
    pass


class DuplicateOrganisation(PartnershipError):
    def __init__(self, existing: Organisation, field: str):
        self.existing, self.field = existing, field
        super().__init__(f"{existing.name} is already registered with this {field}.")


def _unique_slug(model, base: str, **scope) -> str:
    base = slugify(base)[:180] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def find_duplicate_organisation(*, charity_number="", company_number="", ppon="", exclude_pk=None):
    """The organisation already registered with any of these identifiers, and which one matched."""
    for field, value in (("charity number", charity_number), ("company number", company_number), ("PPON", ppon)):
        if not value:
            continue
        column = {"charity number": "charity_number", "company number": "company_number", "PPON": "ppon"}[field]
        match = Organisation.objects.filter(**{column: value}).exclude(pk=exclude_pk).first()
        if match:
            return match, field
    return None, ""


@transaction.atomic
def organisation_create(*, name: str, sector: str, legal_form: str, **details) -> Organisation:
    details = {key: (value.strip().upper() if key in {"company_number", "ppon"} and value else value) for key, value in details.items()}
    existing, field = find_duplicate_organisation(
        charity_number=details.get("charity_number", ""),
        company_number=details.get("company_number", ""),
        ppon=details.get("ppon", ""),
    )
    if existing:
        raise DuplicateOrganisation(existing, field)
    organisation = Organisation(
        name=name.strip(), slug=_unique_slug(Organisation, name), sector=sector, legal_form=legal_form, **details
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **changes) -> Organisation:
    existing, field = find_duplicate_organisation(
        charity_number=changes.get("charity_number", organisation.charity_number),
        company_number=changes.get("company_number", organisation.company_number),
        ppon=changes.get("ppon", organisation.ppon),
        exclude_pk=organisation.pk,
    )
    if existing:
        raise DuplicateOrganisation(existing, field)
    for key, value in changes.items():
        setattr(organisation, key, value)
    organisation.full_clean()
    organisation.save()
    return organisation


def trust_partner_add(*, trust: Trust, organisation: Organisation, statutory: bool = False, joined_on=None) -> TrustPartner:
    partner, _ = TrustPartner.objects.get_or_create(
        trust=trust, organisation=organisation, defaults={"statutory": statutory, "joined_on": joined_on}
    )
    return partner


def body_create(*, trust: Trust, name: str, kind: str, remit: str = "", reports_to: Body | None = None) -> Body:
    body = Body(trust=trust, name=name, slug=_unique_slug(Body, name, trust=trust), kind=kind, remit=remit, reports_to=reports_to)
    body.full_clean()
    body.save()
    return body


def seat_create(
    *, body: Body, title: str, sector: str, seat_type: str, represents: str = "", accountable_to: Body | None = None
) -> Seat:
    seat = Seat(body=body, title=title, sector=sector, seat_type=seat_type, represents=represents, accountable_to=accountable_to)
    seat.full_clean()
    seat.save()
    return seat


def seat_appoint(
    *,
    seat: Seat,
    holder,
    holder_organisation: Organisation | None,
    term_start: datetime.date,
    term_end: datetime.date,
    by,
    reason: str = "",
) -> Seat:
    """Fill a vacant seat for a term."""
    if term_end < term_start:
        raise PartnershipError("The term must end after it starts.")
    return transition(
        instance=seat,
        to=Seat.Status.FILLED,
        allowed_from=[Seat.Status.VACANT],
        by=by,
        reason=reason or f"Appointed {holder} until {term_end:%d %B %Y}",
        changes={
            "holder": holder,
            "holder_organisation": holder_organisation,
            "term_start": term_start,
            "term_end": term_end,
        },
    )


def seat_vacate(*, seat: Seat, by, reason: str) -> Seat:
    """End a holder's term early or on time; the seat becomes a vacancy."""
    if not reason.strip():
        raise PartnershipError("Give a reason for ending the term.")
    return transition(
        instance=seat,
        to=Seat.Status.VACANT,
        allowed_from=[Seat.Status.FILLED],
        by=by,
        reason=reason,
        changes={"holder": None, "holder_organisation": None, "term_start": None, "term_end": None},
    )


def report_back_record(*, seat: Seat, held_on: datetime.date, summary: str, by) -> ReportBack:
    if seat.status != Seat.Status.FILLED or seat.holder is None:
        raise PartnershipError("Only a filled seat can report back.")
    report = ReportBack(
        seat=seat, holder=seat.holder, to_body=seat.accountable_to, held_on=held_on, summary=summary.strip(), recorded_by=by
    )
    report.full_clean()
    report.save()
    return report
