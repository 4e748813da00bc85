"""Writes for the supplier passport. Bad input is refused with `core.errors.FieldErrors`, every problem at once.

Each save works out the item's `valid_until` from its own dates and the validity rule in force
that day (`selectors.validity_months`), raises the item's and the passport's revision (so a
buyer's copy can tell it is no longer the latest, and an earlier score no longer applies) and
clears its reminder state (a renewed item is reminded afresh).
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from jointly.accounts.models import Role
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.links import absolute_url
from jointly.core.mail import email_send_later

from . import selectors
from .models import DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, ITEM_LABELS, POLICIES, REMINDER_DAYS, Check, Item, ItemKind, Passport, kind_of

SHARE_CODE = re.compile(r"^[A-Za-z0-9]{6,12}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
# What each kind of file starts with, so a renamed file of another kind is refused.
_SIGNATURES = {".pdf": (b"%PDF",), ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",)}
_ZIPPED = (".docx", ".odt", ".xlsx", ".ods")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _today(today):
    return today or timezone.localdate()


@transaction.atomic
def passport_open(*, organisation) -> Passport:
    """The organisation's passport, started empty the first time it is needed."""
    passport, _ = Passport.objects.get_or_create(organisation=organisation)
    return passport


# --- Core information --------------------------------------------------------


@transaction.atomic
def core_save(*, organisation, by, share_code="", registered_address="", postcode="", staff=None, volunteers=None, sme=None, today=None) -> Passport:
    """Record (or confirm) what the register does not hold; accepted for the validity in force today."""
    today = _today(today)
    problems = {}
    share_code = (share_code or "").strip()
    if share_code and not SHARE_CODE.match(share_code):
        problems["share_code"] = "Enter the share code as the Central Digital Platform gave it: 6 to 12 letters and numbers"
    registered_address = (registered_address or "").strip()
    if not registered_address:
        problems["registered_address"] = "Enter your registered address"
    postcode = " ".join((postcode or "").upper().split())
    if not postcode:
        problems["postcode"] = "Enter the postcode of your registered address"
    elif not POSTCODE.match(postcode):
        problems["postcode"] = "Enter a real postcode, like PL1 2AA"
    if staff is None:
        problems["staff"] = "Enter how many paid staff you have (0 if none)"
    if volunteers is None:
        problems["volunteers"] = "Enter how many volunteers you have (0 if none)"
    if sme is None:
        problems["sme"] = "Select whether your organisation is a small or medium-sized enterprise"
    if problems:
        raise FieldErrors(problems)
    passport = Passport.objects.select_for_update().get(pk=passport_open(organisation=organisation).pk)
    passport.share_code = share_code
    passport.registered_address = registered_address
    passport.postcode = postcode
    passport.staff = staff
    passport.volunteers = volunteers
    passport.sme = sme
    passport.confirmed_on = today
    passport.valid_until = add_months(today, selectors.validity_months(today))
    passport.confirmed_by = by
    passport.revision += 1
    passport.reminded_days = None
    passport.save()
    return passport


# --- Policies, insurance and accounts -----------------------------------------


def _money(value, field, label, problems, *, required=True, positive=False):
    if value in (None, ""):
        if required:
            problems[field] = f"Enter the {label}"
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        problems[field] = f"Enter the {label} as a number of pounds, like 250000"
        return None
    if amount < 0 or (positive and amount == 0):
        problems[field] = f"The {label} must be more than £0" if positive else f"The {label} cannot be less than £0"
        return None
    return amount.quantize(Decimal("0.01"))


def document_problem(upload) -> str | None:
    """Why an uploaded file cannot be kept (type, size, content), or None."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in DOCUMENT_TYPES:
        return "The document must be a PDF, Word (DOCX), OpenDocument (ODT or ODS), Excel (XLSX), PNG or JPEG file"
    if upload.size > DOCUMENT_MAX_BYTES:
        return f"The document must be smaller than {DOCUMENT_MAX_BYTES // (1024 * 1024)} MB"
    if upload.size == 0:
        return "The document is empty"
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    expected = _SIGNATURES.get(suffix, (b"PK\x03\x04",) if suffix in _ZIPPED else ())
    if expected and not head.startswith(expected):
        return f"The document is not a real {suffix[1:].upper()} file"
    return None


def _validate(key, data, today, months, problems) -> datetime.date | None:
    """Check the item's own fields; return when it stops being accepted."""
    kind = kind_of(key)
    if kind == ItemKind.POLICY:
        adopted, review = data.get("adopted_on"), data.get("review_on")
        if adopted is None:
            problems["adopted_on"] = "Enter the date the policy was adopted or last reviewed"
        elif adopted > today:
            problems["adopted_on"] = "The date adopted must be today or in the past"
        if review is not None and adopted is not None and review <= adopted:
            problems["review_on"] = "The review date must be after the date adopted"
        if adopted is None or "adopted_on" in problems or "review_on" in problems:
            return None
        until = add_months(adopted, months)
        return min(until, review) if review else until
    if kind == ItemKind.INSURANCE:
        if not (data.get("insurer") or "").strip():
            problems["insurer"] = "Enter the name of the insurer"
        data["cover"] = _money(data.get("cover"), "cover", "cover amount", problems, positive=True)
        expires = data.get("expires_on")
        if expires is None:
            problems["expires_on"] = "Enter the date the cover ends"
            return None
        if expires <= today:
            problems["expires_on"] = "The cover has ended: enter the dates of your current cover"
            return None
        return min(expires, add_months(today, months))
    # Accounts
    year_end = data.get("year_end")
    data["income"] = _money(data.get("income"), "income", "income for the year", problems)
    data["expenditure"] = _money(data.get("expenditure"), "expenditure", "expenditure for the year", problems)
    data["reserves"] = _money(data.get("reserves"), "reserves", "unrestricted reserves", problems, required=False)
    if year_end is None:
        problems["year_end"] = "Enter the date your financial year ended"
        return None
    if year_end > today:
        problems["year_end"] = "The year end must be in the past: enter the accounts of a year that has ended"
        return None
    return add_months(year_end, months)


_FIELDS = {
    ItemKind.POLICY: ("link", "adopted_on", "review_on"),
    ItemKind.INSURANCE: ("link", "insurer", "cover", "expires_on"),
    ItemKind.ACCOUNTS: ("link", "year_end", "income", "expenditure", "reserves"),
}


@transaction.atomic
def item_save(*, organisation, key: str, by, document=None, remove_document: bool = False, today=None, **data) -> Item:
    """Add or replace one item of the passport; a new revision, so earlier scores of it no longer apply."""
    if key not in ITEM_LABELS:
        raise FieldErrors({NON_FIELD: f"'{key}' is not something a passport holds"})
    today = _today(today)
    kind = kind_of(key)
    months = selectors.validity_months(today)
    problems: dict[str, str] = {}
    data = {name: data.get(name) for name in _FIELDS[kind]}
    data["link"] = (data.get("link") or "").strip()
    data["insurer"] = (data.get("insurer") or "").strip() if kind == ItemKind.INSURANCE else ""
    valid_until = _validate(key, data, today, months, problems)
    if document is not None and (problem := document_problem(document)):
        problems["document"] = problem
    passport = Passport.objects.select_for_update().get(pk=passport_open(organisation=organisation).pk)
    item = Item.objects.filter(passport=passport, key=key).first()
    keeps_document = item is not None and item.has_document and not remove_document
    if kind != ItemKind.INSURANCE and not data["link"] and document is None and not keeps_document and "document" not in problems:
        problems["document"] = "Upload the document or give a link to it"
    if valid_until is not None and valid_until < today and not problems:
        problems[NON_FIELD] = f"This would have expired on {valid_until:%-d %B %Y}: enter the current {ITEM_LABELS[key].lower()}"
    if problems:
        raise FieldErrors(problems)
    if item is None:
        item = Item(passport=passport, key=key, kind=kind, revision=0)
    for name, value in data.items():
        if name in _FIELDS[kind]:
            setattr(item, name, value)
    if document is not None:
        item.document = document.read()
        item.document_name = PurePath(document.name).name[:200]
        item.document_type = DOCUMENT_TYPES[PurePath(document.name).suffix.lower()]
        item.document_size = len(item.document)
    elif remove_document:
        item.document, item.document_name, item.document_type, item.document_size = None, "", "", 0
    item.valid_until = valid_until
    item.revision += 1
    item.reminded_days = None
    item.updated_by = by
    item.save()
    Passport.objects.filter(pk=passport.pk).update(revision=F("revision") + 1)
    return item


# --- Scored checks -------------------------------------------------------------


@transaction.atomic
def check_record(*, organisation, key: str, by, scheme: str, reason: str, score=None, passed=None, trust=None, today=None) -> Check:
    """Score one policy once; the score stands for every trust until the policy changes or expires."""
    today = _today(today)
    if key not in POLICIES:
        raise FieldErrors({NON_FIELD: "Only the policies are scored"})
    item = Item.objects.select_for_update().filter(passport__organisation=organisation, key=key).first()
    if item is None:
        raise FieldErrors({NON_FIELD: f"{organisation.name} has not added its {ITEM_LABELS[key].lower()} yet"})
    if item.valid_until < today:
        raise FieldErrors({NON_FIELD: f"This policy expired on {item.valid_until:%-d %B %Y}: it cannot be scored until it is renewed"})
    existing = Check.objects.filter(item=item, item_revision=item.revision).select_related("checked_by").first()
    if existing is not None:
        raise FieldErrors({NON_FIELD: _already(existing)})
    problems = {}
    reason = (reason or "").strip()
    if not reason:
        problems["reason"] = "Enter the reason for the score"
    if scheme == Check.Scheme.SCALE:
        if score is None or not 0 <= int(score) <= Check.SCALE_MAX:
            problems["score"] = f"Select a score from 0 to {Check.SCALE_MAX}"
        else:
            score = int(score)
            passed = score >= Check.SCALE_PASS
    elif scheme == Check.Scheme.PASS_FAIL:
        if passed is None:
            problems["passed"] = "Select pass or fail"
        score = None
    else:
        problems["scheme"] = "Select how the policy is scored"
    if problems:
        raise FieldErrors(problems)
    try:
        with transaction.atomic():
            return Check.objects.create(
                passport=item.passport,
                item=item,
                item_revision=item.revision,
                scheme=scheme,
                score=score,
                passed=bool(passed),
                reason=reason,
                valid_until=item.valid_until,
                checked_by=by,
                checker_trust=trust,
            )
    except IntegrityError:  # Another checker scored it a moment ago: theirs stands.
        raise FieldErrors({NON_FIELD: _already(Check.objects.get(item=item, item_revision=item.revision))}) from None


def _already(check: Check) -> str:
    who = check.checked_by.full_name if check.checked_by else "a checker"
    return (
        f"This policy was already scored by {who} on {timezone.localdate(check.checked_at):%-d %B %Y}: "
        f"that score stands for every trust until {check.valid_until:%-d %B %Y} or until the policy changes"
    )


# --- Expiry reminders ------------------------------------------------------------


def reminder_step(valid_until: datetime.date, today: datetime.date) -> int | None:
    """The tightest reminder step the date has reached (60, 30 or 7 days before), or None."""
    left = (valid_until - today).days
    reached = [days for days in REMINDER_DAYS if left <= days]
    return min(reached) if reached and left >= 0 else None


def _recipients(organisation) -> list[str]:
    people = get_user_model().objects.filter(organisation=organisation, role=Role.PROVIDER_USER, is_active=True)
    addresses = [organisation.contact_email, *people.values_list("email", flat=True)]
    return list(dict.fromkeys(address for address in addresses if address))


def remind(record, *, today=None) -> int:
    """Email the organisation once for the step its item (or core information) has reached; 0 if already told.

    The step is claimed with one conditional UPDATE before the email is written, so two runs of the
    job, even at once, email at most once per item per step.
    """
    today = _today(today)
    step = reminder_step(record.valid_until, today)
    if step is None or (record.reminded_days is not None and record.reminded_days <= step):
        return 0
    model = type(record)
    claimed = model.objects.filter(pk=record.pk, reminded_days=record.reminded_days, valid_until=record.valid_until).update(reminded_days=step)
    if not claimed:
        return 0
    organisation = record.organisation if isinstance(record, Passport) else record.passport.organisation
    what = "core information" if isinstance(record, Passport) else ITEM_LABELS[record.key].lower()
    email_send_later(
        to=_recipients(organisation),
        subject=f"Your supplier passport: your {what} expires on {record.valid_until:%-d %B %Y}",
        template="passport/email/reminder.txt",
        context={
            "organisation": organisation,
            "what": what,
            "valid_until": record.valid_until,
            "days": (record.valid_until - today).days,
            "link": absolute_url("passport:detail", organisation.slug),
        },
    )
    return 1


def due_reminders(*, today=None) -> list:
    """Items and passports within the widest reminder window that have not had this step's email."""
    today = _today(today)
    horizon = today + datetime.timedelta(days=max(REMINDER_DAYS))
    items = Item.objects.filter(valid_until__gte=today, valid_until__lte=horizon).select_related("passport__organisation")
    passports = Passport.objects.filter(valid_until__gte=today, valid_until__lte=horizon).select_related("organisation")
    return [record for record in [*passports, *items] if remind_due(record, today)]


def remind_due(record, today) -> bool:
    step = reminder_step(record.valid_until, today)
    return step is not None and (record.reminded_days is None or record.reminded_days > step)
