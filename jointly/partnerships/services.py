"""Writes for partnerships. Views, the API and commands call these; nothing else writes.

Bad input is refused with `core.errors.FieldErrors`, every problem at once. Who holds a seat
changes only by its moves (`Seat.TRANSITIONS`); other changes go through `core.transitions.edit`,
which locks the row and saves only the fields it changes.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jointly.accounts.models import Assignment
from jointly.accounts.services import assignment_grant, assignments_end_on
from jointly.core.errors import FieldErrors, full_clean
from jointly.core.transitions import edit, transition

from . import selectors
from .models import Body, Organisation, Paper, ReportBack, Seat, Trust, TrustPartner

# How people name each identifier, and its field.
IDENTIFIER_COLUMNS = {"charity number": "charity_number", "company number": "company_number", "PPON": "ppon"}


class DuplicateOrganisation(FieldErrors):
    """An identifier is already registered: an error on its field, carrying the organisation that has it.

    `existing` is that organisation and `field` the identifier as people name it ("charity number"),
    so a caller can point to the record; `column` is the identifier's model field.
    """

    def __init__(self, existing: Organisation, field: str, errors: dict[str, str] | None = None):
        self.existing, self.field, self.column = existing, field, IDENTIFIER_COLUMNS[field]
        super().__init__(errors or {self.column: duplicate_message(existing, field)})


def duplicate_message(existing: Organisation, field: str) -> str:
    return f"{existing.name} is already registered with this {field}. Use that record instead of adding it again."


def _refuse(instance=None, problems: dict[str, str] | None = None, **clean) -> None:
    """The model's own rules and the service's, refused together, so a form shows every error in one submit."""
    errors = {}
    if instance is not None:
        try:
            full_clean(instance, **clean)
        except FieldErrors as error:
            errors.update(error.errors)
    errors.update(problems or {})
    if errors:
        raise FieldErrors(errors)


def _unique_slug(model, base: str, **scope) -> str:
    base = slugify(base)[:180] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug, **scope).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def duplicates_of(*, charity_number="", company_number="", ppon="", exclude_pk=None) -> list[tuple[Organisation, str]]:
    """Each organisation already registered with one of these identifiers, with the identifier that matched."""
    values = {"charity_number": charity_number, "company_number": company_number, "ppon": ppon}
    found = []
    for field, column in IDENTIFIER_COLUMNS.items():
        if not values[column]:
            continue
        match = Organisation.objects.filter(**{column: values[column]}).exclude(pk=exclude_pk).first()
        if match:
            found.append((match, field))
    return found


def find_duplicate_organisation(*, charity_number="", company_number="", ppon="", exclude_pk=None):
    """The organisation already registered with any of these identifiers, and which one matched."""
    found = duplicates_of(charity_number=charity_number, company_number=company_number, ppon=ppon, exclude_pk=exclude_pk)
    return found[0] if found else (None, "")


_IDENTIFIERS = ("charity_number", "company_number", "ppon")


def _tidy_identifiers(details: dict) -> dict:
    """Registers print identifiers in capitals; people type them any way, with stray spaces."""
    return {key: (value.strip().upper() if key in _IDENTIFIERS and isinstance(value, str) else value) for key, value in details.items()}


def _check_organisation(organisation: Organisation) -> None:
    """Every problem with an organisation's details; a duplicate identifier names the record that has it."""
    errors = {}
    try:
        # The unique identifiers are checked below, naming the organisation that has each.
        full_clean(organisation, validate_constraints=False)
    except FieldErrors as error:
        errors.update(error.errors)
    duplicates = [
        (existing, field)
        for existing, field in duplicates_of(
            charity_number=organisation.charity_number,
            company_number=organisation.company_number,
            ppon=organisation.ppon,
            exclude_pk=organisation.pk,
        )
        if IDENTIFIER_COLUMNS[field] not in errors
    ]
    for existing, field in duplicates:
        errors[IDENTIFIER_COLUMNS[field]] = duplicate_message(existing, field)
    if duplicates:
        raise DuplicateOrganisation(*duplicates[0], errors)
    if errors:
        raise FieldErrors(errors)


@transaction.atomic
def organisation_create(*, name: str, sector: str, legal_form: str, **details) -> Organisation:
    details = _tidy_identifiers(details)
    organisation = Organisation(name=name.strip(), slug=_unique_slug(Organisation, name), sector=sector, legal_form=legal_form, **details)
    _check_organisation(organisation)
    organisation.save()
    return organisation


def organisation_update(*, organisation: Organisation, version: str | None = None, **changes) -> Organisation:
    """Change an organisation's details; `version` (its version_of() when the form was shown) refuses a change overtaken by another."""
    changes = _tidy_identifiers(changes)
    if isinstance(changes.get("name"), str):
        changes["name"] = changes["name"].strip()
    with edit(organisation, version=version) as row:
        for key, value in changes.items():
            setattr(row, key, value)
        _check_organisation(row)
    return row


def trust_partner_add(*, trust: Trust, organisation: Organisation, statutory: bool = False, joined_on=None) -> TrustPartner:
    partner, _ = TrustPartner.objects.get_or_create(trust=trust, organisation=organisation, defaults={"statutory": statutory, "joined_on": joined_on})
    return partner


def _reports_to_problems(*, trust: Trust, reports_to: Body | None, body: Body | None = None) -> dict[str, str]:
    """A body reports within its own trust, never to itself or to a body below it."""
    if reports_to is None:
        return {}
    if reports_to.trust_id != trust.pk:
        return {"reports_to": "A body can only report to another body of the same trust"}
    if body is None or body.pk is None:
        return {}
    if reports_to.pk == body.pk:
        return {"reports_to": "A body cannot report to itself. Choose another body"}
    # One query for the trust's whole chain of reporting, then walk up from the chosen body.
    parent_of = dict(Body.objects.filter(trust=trust).values_list("pk", "reports_to_id"))
    seen, current = set(), parent_of.get(reports_to.pk)
    while current is not None and current not in seen:
        if current == body.pk:
            return {"reports_to": f"{reports_to.name} already reports to {body.name}, so {body.name} cannot report to it"}
        seen.add(current)
        current = parent_of.get(current)
    return {}


def body_create(*, trust: Trust, name: str, kind: str, remit: str = "", reports_to: Body | None = None) -> Body:
    name = name.strip()
    body = Body(trust=trust, name=name, slug=_unique_slug(Body, name, trust=trust), kind=kind, remit=remit.strip(), reports_to=reports_to)
    _refuse(body, _reports_to_problems(trust=trust, reports_to=reports_to))
    body.save()
    return body


def body_update(*, body: Body, name: str, kind: str, remit: str = "", reports_to: Body | None = None, version: str | None = None) -> Body:
    """Change a body's description. Its address (slug) stays the same so links keep working."""
    with edit(body, version=version) as row:
        row.name, row.kind, row.remit, row.reports_to = name.strip(), kind, remit.strip(), reports_to
        _refuse(row, _reports_to_problems(trust=row.trust, reports_to=reports_to, body=row))
    return row


def _accountable_body(*, body: Body, seat_type: str, accountable_to: Body | None) -> tuple[Body | None, dict[str, str]]:
    """The body a seat's holder reports back to, or the problem with the one chosen."""
    if accountable_to is None:
        if seat_type == Seat.SeatType.VCS_FORUM_REPRESENTATIVE:
            return selectors.vcs_forum_of(trust=body.trust), {}
        return None, {}
    if accountable_to.trust_id != body.trust_id:
        return None, {"accountable_to": "A seat can only be accountable to a body of the same trust"}
    if accountable_to.pk == body.pk:
        return None, {"accountable_to": "The holder reports back to the people they represent, so choose a body other than the one the seat is on"}
    return accountable_to, {}


def seat_create(*, body: Body, title: str, sector: str, seat_type: str, represents: str = "", accountable_to: Body | None = None) -> Seat:
    """Add a vacant seat. A VCS forum representative is accountable to the trust's VCS forum unless another body is given."""
    accountable_to, problems = _accountable_body(body=body, seat_type=seat_type, accountable_to=accountable_to)
    seat = Seat(body=body, title=title.strip(), sector=sector, seat_type=seat_type, represents=represents.strip(), accountable_to=accountable_to)
    _refuse(seat, problems)
    seat.save()
    return seat


def seat_update(
    *,
    seat: Seat,
    title: str,
    sector: str,
    seat_type: str,
    represents: str = "",
    accountable_to: Body | None = None,
    version: str | None = None,
) -> Seat:
    """Change what a seat is. Who holds it changes only through seat_appoint and seat_vacate.

    The change is made on the locked row and saves only these fields, so a copy read before
    the seat was vacated (or filled) cannot put its old holder back.
    """
    with edit(seat, version=version) as row:
        row.accountable_to, problems = _accountable_body(body=row.body, seat_type=seat_type, accountable_to=accountable_to)
        row.title, row.sector, row.seat_type, row.represents = title.strip(), sector, seat_type, represents.strip()
        _refuse(row, problems)
    return row


def paper_create(*, body: Body, title: str, meeting_date: datetime.date, content: str, summary: str = "", confidential: bool = False) -> Paper:
    paper = Paper(
        body=body,
        title=title.strip(),
        meeting_date=meeting_date,
        summary=summary.strip(),
        content=content.strip(),
        confidential=confidential,
    )
    _refuse(paper)
    paper.save()
    return paper


@transaction.atomic
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
    problems = {}
    if term_end < term_start:
        problems["term_end"] = "The term must end after it starts"
    # The form offers only the trust's people; this holds for every other caller too.
    if not holder.is_active or not holder.memberships.filter(trust_id=seat.body.trust_id).exists():
        problems["holder"] = f"{holder} is not an active member of {seat.body.trust.name}, so cannot hold its seats"
    _refuse(problems=problems)
    seat = transition(
        instance=seat,
        move="appoint",
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


@transaction.atomic
def seat_vacate(*, seat: Seat, by, reason: str) -> Seat:
    """End a holder's term early or on time; the seat becomes a vacancy."""
    _refuse(problems={} if reason.strip() else {"reason": "Enter why the term is ending"})
    seat = transition(
        instance=seat,
        move="vacate",
        by=by,
        reason=reason.strip(),
        changes={"holder": None, "holder_organisation": None, "term_start": None, "term_end": None},
    )
    assignments_end_on(obj=seat, kind=Assignment.Kind.SEAT_HOLDER, by=by, note=reason.strip())
    return seat


def report_back_refusal(seat: Seat) -> str | None:
    """Why the seat cannot report back now, or None: only a holder in their term reports back.

    Pages ask it to decide whether to offer the report-back; the service asks it again on the locked seat.
    """
    if seat.status != Seat.Status.FILLED or seat.holder_id is None:
        return "This seat is vacant. Only a filled seat can report back."
    # The term's end is enforced here, not by the hourly job that vacates the seat (decision 0012).
    if seat.term_end and seat.term_end < timezone.localdate():
        return f"The term ended on {seat.term_end:%-d %B %Y}: only a seat holder in their term can report back."
    return None


def report_back_record(*, seat: Seat, held_on: datetime.date, summary: str, by) -> ReportBack:
    """Record a report-back, under the seat's lock, so the holder recorded is the one holding it now."""
    with edit(seat, check=report_back_refusal) as row:
        report = ReportBack(seat=row, holder=row.holder, to_body=row.accountable_to, held_on=held_on, summary=summary.strip(), recorded_by=by)
        _refuse(report)
        report.save()
    return report
