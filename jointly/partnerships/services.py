"""Writes for partnerships. Views, the API and commands call these; nothing else writes."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jointly.accounts.models import Assignment
from jointly.accounts.services import assignment_grant, assignments_end_on
from jointly.core.transitions import transition

from . import selectors
from .models import Body, Organisation, Paper, ReportBack, Seat, Trust, TrustPartner


class PartnershipError(Exception):
    """A rule of the partnership was broken. `field` names the form field at fault, if one is."""

    def __init__(self, message: str = "", field: str | None = None):
        self.field = field
        super().__init__(message)


# How people name each identifier, and its field.
IDENTIFIER_COLUMNS = {"charity number": "charity_number", "company number": "company_number", "PPON": "ppon"}


class DuplicateOrganisation(PartnershipError):
    def __init__(self, existing: Organisation, field: str):
        super().__init__(f"{existing.name} is already registered with this {field}.")
        # Set after the base class, which would reset `field`. Here it names the
        # identifier for people ("charity number"), as the messages use it;
        # `column` is the model field, for putting the error on a form's field.
        self.existing, self.field = existing, field
        self.column = IDENTIFIER_COLUMNS.get(field, "")


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
        column = IDENTIFIER_COLUMNS[field]
        match = Organisation.objects.filter(**{column: value}).exclude(pk=exclude_pk).first()
        if match:
            return match, field
    return None, ""


_IDENTIFIERS = ("charity_number", "company_number", "ppon")


def _tidy_identifiers(details: dict) -> dict:
    """Registers print identifiers in capitals; people type them any way, with stray spaces."""
    return {
        key: (value.strip().upper() if key in _IDENTIFIERS and isinstance(value, str) else value)
        for key, value in details.items()
    }


@transaction.atomic
def organisation_create(*, name: str, sector: str, legal_form: str, **details) -> Organisation:
    details = _tidy_identifiers(details)
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
    changes = _tidy_identifiers(changes)
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


def _check_reports_to(*, trust: Trust, reports_to: Body | None, body: Body | None = None) -> None:
    """A body reports within its own trust, never to itself or to a body below it."""
    if reports_to is None:
        return
    if reports_to.trust_id != trust.pk:
        raise PartnershipError("A body can only report to another body of the same trust.", field="reports_to")
    if body is None or body.pk is None:
        return
    if reports_to.pk == body.pk:
        raise PartnershipError("A body cannot report to itself. Choose another body.", field="reports_to")
    # One query for the trust's whole chain of reporting, then walk up from the chosen body.
    parent_of = dict(Body.objects.filter(trust=trust).values_list("pk", "reports_to_id"))
    seen, current = set(), parent_of.get(reports_to.pk)
    while current is not None and current not in seen:
        if current == body.pk:
            raise PartnershipError(
                f"{reports_to.name} already reports to {body.name}, so {body.name} cannot report to it.",
                field="reports_to",
            )
        seen.add(current)
        current = parent_of.get(current)


def body_create(*, trust: Trust, name: str, kind: str, remit: str = "", reports_to: Body | None = None) -> Body:
    _check_reports_to(trust=trust, reports_to=reports_to)
    name = name.strip()
    body = Body(trust=trust, name=name, slug=_unique_slug(Body, name, trust=trust), kind=kind, remit=remit.strip(), reports_to=reports_to)
    body.full_clean()
    body.save()
    return body


def body_update(*, body: Body, name: str, kind: str, remit: str = "", reports_to: Body | None = None) -> Body:
    """Change a body's description. Its address (slug) stays the same so links keep working."""
    _check_reports_to(trust=body.trust, reports_to=reports_to, body=body)
    body.name, body.kind, body.remit, body.reports_to = name.strip(), kind, remit.strip(), reports_to
    body.full_clean()
    body.save()
    return body


def _accountable_body(*, body: Body, seat_type: str, accountable_to: Body | None) -> Body | None:
    if accountable_to is None:
        if seat_type == Seat.SeatType.VCS_FORUM_REPRESENTATIVE:
            return selectors.vcs_forum_of(trust=body.trust)
        return None
    if accountable_to.trust_id != body.trust_id:
        raise PartnershipError("A seat can only be accountable to a body of the same trust.", field="accountable_to")
    if accountable_to.pk == body.pk:
        raise PartnershipError(
            "The holder reports back to the people they represent, so choose a body other than the one the seat is on.",
            field="accountable_to",
        )
    return accountable_to


def seat_create(
    *, body: Body, title: str, sector: str, seat_type: str, represents: str = "", accountable_to: Body | None = None
) -> Seat:
    """Add a vacant seat. A VCS forum representative is accountable to the trust's VCS forum unless another body is given."""
    accountable_to = _accountable_body(body=body, seat_type=seat_type, accountable_to=accountable_to)
    seat = Seat(
        body=body, title=title.strip(), sector=sector, seat_type=seat_type, represents=represents.strip(), accountable_to=accountable_to
    )
    seat.full_clean()
    seat.save()
    return seat


def seat_update(
    *, seat: Seat, title: str, sector: str, seat_type: str, represents: str = "", accountable_to: Body | None = None
) -> Seat:
    """Change what a seat is. Who holds it changes only through seat_appoint and seat_vacate."""
    seat.accountable_to = _accountable_body(body=seat.body, seat_type=seat_type, accountable_to=accountable_to)
    seat.title, seat.sector, seat.seat_type, seat.represents = title.strip(), sector, seat_type, represents.strip()
    seat.full_clean()
    seat.save()
    return seat


def paper_create(
    *, body: Body, title: str, meeting_date: datetime.date, content: str, summary: str = "", confidential: bool = False
) -> Paper:
    paper = Paper(
        body=body,
        title=title.strip(),
        meeting_date=meeting_date,
        summary=summary.strip(),
        content=content.strip(),
        confidential=confidential,
    )
    paper.full_clean()
    paper.save()
    return paper


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
    """Fill a vacant seat for a term, with an active member of the body's trust."""
    if term_end < term_start:
        raise PartnershipError("The term must end after it starts.")
    # The form offers only the trust's people; this holds for every other caller too.
    if not holder.is_active or not holder.memberships.filter(trust_id=seat.body.trust_id).exists():
        raise PartnershipError(f"{holder} is not an active member of {seat.body.trust.name}, so cannot hold its seats.")
    seat = transition(
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
    # The assignment, not the holder column, is what lets the holder report back (permissions.KIND_GRANTS).
    assignment_grant(person=holder, kind=Assignment.Kind.SEAT_HOLDER, obj=seat, by=by, note=f"Term to {term_end:%d %B %Y}")
    return seat


def seat_vacate(*, seat: Seat, by, reason: str) -> Seat:
    """End a holder's term early or on time; the seat becomes a vacancy."""
    if not reason.strip():
        raise PartnershipError("Give a reason for ending the term.")
    seat = transition(
        instance=seat,
        to=Seat.Status.VACANT,
        allowed_from=[Seat.Status.FILLED],
        by=by,
        reason=reason,
        changes={"holder": None, "holder_organisation": None, "term_start": None, "term_end": None},
    )
    assignments_end_on(obj=seat, kind=Assignment.Kind.SEAT_HOLDER, by=by, note=reason)
    return seat


def report_back_record(*, seat: Seat, held_on: datetime.date, summary: str, by) -> ReportBack:
    if seat.status != Seat.Status.FILLED or seat.holder is None:
        raise PartnershipError("Only a filled seat can report back.")
    # The term's end is enforced here, not by the hourly job that vacates the seat (decision 0012).
    if seat.term_end and seat.term_end < timezone.localdate():
        raise PartnershipError(f"The term ended on {seat.term_end:%-d %B %Y}: only a seat holder in their term can report back.")
    report = ReportBack(
        seat=seat, holder=seat.holder, to_body=seat.accountable_to, held_on=held_on, summary=summary.strip(), recorded_by=by
    )
    report.full_clean()
    report.save()
    return report
