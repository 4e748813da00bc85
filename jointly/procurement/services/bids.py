"""Bids: start, answer, price, attach, form a consortium, submit, withdraw and replace.

Every write is the bidder's own (its organisation's people with BID_SUBMIT) and happens before
the closing time, checked on the LOCKED opportunity row against the database's clock at the
moment of the write (decision 0012: the write enforces the deadline, not the timer). The lock
order is always opportunity, then bid, as the closing clock takes the opportunity's lock.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone

from jointly.accounts.permissions import Perm, has_perm
from jointly.audit.models import AuditEntry
from jointly.audit.services import audit_record
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.mail import email_send_later
from jointly.core.transitions import InvalidTransition, edit, transition
from jointly.passport import selectors as passport_read
from jointly.plans import fcr
from jointly.plans.services import money

from ..models import Bid, BidAnswer, BidAttachment, BidOverhead, ConsortiumMember, Lot, Opportunity
from ..sealing import is_bidder

# Files: kept in the database with the bid, so these limits keep a bid's rows a sensible size.
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 10
# Extension → (content type stored, the file's first bytes, any of them).
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "odt": ("application/vnd.oasis.opendocument.text", (b"PK\x03\x04",)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", (b"PK\x03\x04",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "txt": ("text/plain", ()),
    "csv": ("text/csv", ()),
}
ALLOWED_NAMES = "PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS), PNG, JPEG, text or CSV"


class LateBid(InvalidTransition):
    """The closing time has passed (or the opportunity is not open): nothing about a bid can change."""


def words(text: str) -> int:
    return len((text or "").split())


def may_bid(user) -> bool:
    return bool(has_perm(user, Perm.BID_SUBMIT) and user.organisation_id)


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%-I:%M%p on %-d %B %Y").replace("AM", "am").replace("PM", "pm")


def _locked_open(opportunity_id: int) -> tuple[Opportunity, object]:
    """The opportunity's row, locked, and the database's clock read after the lock was granted."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity_id)
    # A second statement, begun once the lock is held, so time spent waiting for it counts.
    now = Opportunity.objects.filter(pk=opportunity_id).annotate(db_now=Now()).values_list("db_now", flat=True).get()
    if opportunity.status != Opportunity.Status.OPEN:
        raise LateBid(f"This opportunity is {opportunity.get_status_display().lower()}, so bids cannot be made or changed.")
    if opportunity.closes_at is None or now >= opportunity.closes_at:
        closed = _when(opportunity.closes_at) if opportunity.closes_at else "its closing time"
        raise LateBid(f"This opportunity closed for bids at {closed}. Bids cannot be made, changed, submitted or withdrawn after that.")
    return opportunity, now


def _require_bidder(by, bid: Bid) -> None:
    if not (may_bid(by) and is_bidder(by, bid)):
        raise PermissionDenied("Only the bidding organisation's own people can change its bid.")


def _locked_draft(bid: Bid, by) -> tuple[Bid, object]:
    """The bid's row locked (after its opportunity's), open for changes: a draft, before the deadline, the person's own."""
    _require_bidder(by, bid)
    _opportunity, now = _locked_open(bid.opportunity_id)
    locked = Bid.objects.select_for_update().select_related("opportunity").get(pk=bid.pk)
    if locked.status != Bid.Status.DRAFT:
        raise InvalidTransition(
            f"This bid is {locked.get_status_display().lower()}, so it cannot be changed. "
            "To change a submitted bid before the deadline, replace it with a new version."
        )
    return locked, now


def _touch(bid: Bid) -> None:
    # A change to the bid's parts is a change to the bid: its updated time says when it was last saved.
    Bid.objects.filter(pk=bid.pk).update(updated_at=timezone.now())


# --- starting ------------------------------------------------------------------


@transaction.atomic
def bid_start(*, opportunity: Opportunity, by, lot: Lot | None = None) -> Bid:
    if not may_bid(by):
        raise PermissionDenied("Only people of a provider organisation can make bids.")
    opportunity, _now = _locked_open(opportunity.pk)
    has_lots = opportunity.lots.exists()
    if lot is not None and lot.opportunity_id != opportunity.pk:
        raise FieldErrors({"lot": "Select a lot of this opportunity"})
    if has_lots and lot is None:
        raise FieldErrors({"lot": "Select the lot you are bidding for"})
    if not has_lots:
        lot = None
    live = Bid.objects.filter(
        opportunity=opportunity, lot=lot, organisation_id=by.organisation_id, status__in=[Bid.Status.DRAFT, Bid.Status.SUBMITTED]
    )
    if live.exists():
        raise FieldErrors(
            {NON_FIELD: "Your organisation already has a bid for this" + (" lot" if lot else " opportunity") + ": open it from your bids."}
        )
    return Bid.objects.create(opportunity=opportunity, lot=lot, organisation_id=by.organisation_id, created_by=by)


# --- answers -----------------------------------------------------------------------


@transaction.atomic
def bid_answers_save(*, bid: Bid, by, answers: dict) -> Bid:
    """Save the answers given ({question id: text}); refuse any over its word limit, keeping what was saved before."""
    bid, _now = _locked_draft(bid, by)
    questions = {question.pk: question for question in bid.opportunity.questions.all()}
    errors = {}
    for question_id, text in answers.items():
        question = questions.get(int(question_id))
        if question is None:
            errors[NON_FIELD] = "Answer only this opportunity's questions"
            continue
        if question.word_limit and words(text) > question.word_limit:
            errors[f"answer_{question.pk}"] = f"Answer in {question.word_limit} words or fewer: this answer has {words(text)}"
    if errors:
        raise FieldErrors(errors)
    existing = {answer.question_id: answer for answer in bid.answers.all()}
    for question_id, text in answers.items():
        text = (text or "").strip()
        answer = existing.get(int(question_id))
        if answer is None:
            if text:
                BidAnswer.objects.create(bid=bid, question_id=int(question_id), text=text)
        elif answer.text != text:
            answer.text = text
            answer.save(update_fields=["text"])
    _touch(bid)
    return bid


# --- pricing -------------------------------------------------------------------------


def _units(value, errors) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        units = money(value, field="units", what="the number of units")
    except FieldErrors:
        errors["units"] = "Enter the number of units as a number, like 1200"
        return None
    if units <= 0:
        errors["units"] = "Enter the number of units, more than 0"
        return None
    return units


@transaction.atomic
def bid_pricing_save(
    *,
    bid: Bid,
    by,
    price=None,
    direct_staff=None,
    direct_running=None,
    direct_non_cash=None,
    units=None,
    unit_name: str = "",
    overheads: dict | None = None,
) -> Bid:
    """Save the full cost recovery template. Every figure may be left for later (a draft), but each
    one given must be sound, and each overhead pool given needs all three of its figures."""
    bid, _now = _locked_draft(bid, by)
    errors: dict[str, str] = {}
    amounts = {}
    for field, value, what in (
        ("price", price, "your price"),
        ("direct_staff", direct_staff, "the staff costs"),
        ("direct_running", direct_running, "the running costs"),
        ("direct_non_cash", direct_non_cash, "the non-cash costs"),
    ):
        if value in (None, ""):
            amounts[field] = None
            continue
        try:
            amounts[field] = money(value, field=field, what=what)
        except FieldErrors as error:
            errors.update(error.errors)
    counted = _units(units, errors)
    pools = []
    for key, figures in (overheads or {}).items():
        if key not in fcr.POOLS:
            errors[NON_FIELD] = f"There is no overhead pool called {key}"
            continue
        cost, total, share = figures
        if all(part in (None, "") for part in figures):
            continue
        if any(part in (None, "") for part in figures):
            errors[key] = f"{fcr.POOLS[key][0]}: enter the pool's cost, the organisation's whole {fcr.POOLS[key][1]} and the service's share of it"
            continue
        try:
            pool = fcr.Pool(
                key=key,
                cost=money(cost, field=key, what="the pool's cost"),
                driver_total=money(total, field=key, what="the organisation's driver"),
                driver_service=money(share, field=key, what="the service's driver"),
            )
            fcr.pool_share(pool)
            pools.append(pool)
        except (FieldErrors, fcr.CostingError) as error:
            errors[key] = str(error) if isinstance(error, fcr.CostingError) else f"{fcr.POOLS[key][0]}: {next(iter(error.errors.values()))}"
    if errors:
        raise FieldErrors(errors)
    bid.price = amounts["price"]
    bid.direct_staff = amounts["direct_staff"]
    bid.direct_running = amounts["direct_running"]
    bid.direct_non_cash = amounts["direct_non_cash"]
    bid.units = counted
    bid.unit_name = (unit_name or "").strip()[:100]
    bid.save(update_fields=["price", "direct_staff", "direct_running", "direct_non_cash", "units", "unit_name", "updated_at"])
    kept = {pool.key for pool in pools}
    for row in bid.overheads.all():
        if row.pool not in kept:
            row.delete()
    current = {row.pool: row for row in bid.overheads.all()}
    for pool in pools:
        row = current.get(pool.key)
        values = {"pool_cost": pool.cost, "driver_total": pool.driver_total, "driver_service": pool.driver_service}
        if row is None:
            BidOverhead.objects.create(bid=bid, pool=pool.key, **values)
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
    return bid


def bid_full_cost(bid: Bid) -> fcr.FullCost | None:
    """The bid's full cost by its own template, or None while the template is incomplete."""
    if bid.direct_costs is None or not bid.units:
        return None
    pools = [
        fcr.Pool(key=row.pool, cost=row.pool_cost, driver_total=row.driver_total, driver_service=row.driver_service) for row in bid.overheads.all()
    ]
    try:
        return fcr.full_cost(direct=bid.direct_costs, pools=pools, units=bid.units)
    except fcr.CostingError:
        return None


def price_below_full_cost(bid: Bid, cost: fcr.FullCost | None = None) -> Decimal | None:
    """By how much the price falls short of the bid's own full cost (a warning, never a refusal)."""
    cost = cost if cost is not None else bid_full_cost(bid)
    if cost is None or bid.price is None or bid.price >= cost.total:
        return None
    return cost.total - bid.price


# --- attachments -------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()\-]+")


def _clean_name(name: str) -> str:
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("-", name).strip(" .-")
    return name[-200:] or "file"


@transaction.atomic
def bid_attachment_add(*, bid: Bid, by, name: str, content: bytes) -> BidAttachment:
    bid, _now = _locked_draft(bid, by)
    name = _clean_name(name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    errors = {}
    if extension not in ALLOWED_TYPES:
        errors["file"] = f"The file must be a {ALLOWED_NAMES} file"
    elif ALLOWED_TYPES[extension][1] and not content.startswith(ALLOWED_TYPES[extension][1]):
        errors["file"] = f"The file is not a real {extension.upper()} file: check it opens, then choose it again"
    elif not ALLOWED_TYPES[extension][1] and b"\x00" in content[:4096]:
        errors["file"] = f"The file is not a real {extension.upper()} file: it is not text"
    if not content:
        errors["file"] = "The file is empty"
    elif len(content) > MAX_ATTACHMENT_BYTES:
        errors["file"] = f"The file must be smaller than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"
    if bid.attachments.count() >= MAX_ATTACHMENTS:
        errors["file"] = f"A bid can have up to {MAX_ATTACHMENTS} files: remove one first"
    if errors:
        raise FieldErrors(errors)
    attachment = BidAttachment.objects.create(
        bid=bid, name=name, content_type=ALLOWED_TYPES[extension][0], size=len(content), content=content, uploaded_by=by
    )
    _touch(bid)
    return attachment


@transaction.atomic
def bid_attachment_remove(*, attachment: BidAttachment, by) -> None:
    _locked_draft(attachment.bid, by)
    attachment.delete()
    _touch(attachment.bid)


# --- consortium ----------------------------------------------------------------------


def _percent(value, field: str, what: str, errors: dict) -> Decimal | None:
    try:
        amount = money(value, field=field, what=what)
    except FieldErrors:
        errors[field] = f"Enter {what} as a percentage, like 25"
        return None
    if amount > 100:
        errors[field] = f"Enter {what} as a percentage from 0 to 100"
        return None
    return amount


def lead_shares(members) -> tuple[Decimal, Decimal]:
    """The lead's share of the work and of the money: what the members leave of 100%."""
    members = list(members)
    return (
        Decimal(100) - sum((member.work_share for member in members), Decimal(0)),
        Decimal(100) - sum((member.money_share for member in members), Decimal(0)),
    )


@transaction.atomic
def consortium_member_add(*, bid: Bid, by, organisation, role: str, work_share, money_share, years_experience=0) -> ConsortiumMember:
    bid, _now = _locked_draft(bid, by)
    errors: dict[str, str] = {}
    if organisation is None:
        errors["organisation"] = "Select the member organisation"
    elif organisation.pk == bid.organisation_id:
        errors["organisation"] = "Your organisation leads the bid: select another organisation"
    elif bid.members.filter(organisation=organisation).exists():
        errors["organisation"] = f"{organisation.name} is already a member"
    if not (role or "").strip():
        errors["role"] = "Enter the member's role in the consortium"
    work = _percent(work_share, "work_share", "the share of the work", errors)
    cash = _percent(money_share, "money_share", "the share of the money", errors)
    try:
        years = int(years_experience or 0)
        if years < 0 or years > 200:
            raise ValueError
    except (TypeError, ValueError):
        errors["years_experience"] = "Enter the years of experience as a whole number, like 5"
        years = 0
    lead_work, lead_money = lead_shares(bid.members.all())
    if work is not None and work > lead_work:
        errors["work_share"] = f"The shares of the work would add up to more than 100%: the lead has {lead_work.normalize():f}% left to share"
    if cash is not None and cash > lead_money:
        errors["money_share"] = f"The shares of the money would add up to more than 100%: the lead has {lead_money.normalize():f}% left to share"
    if errors:
        raise FieldErrors(errors)
    member = ConsortiumMember.objects.create(
        bid=bid, organisation=organisation, role=role.strip()[:300], work_share=work, money_share=cash, years_experience=years
    )
    _touch(bid)
    return member


@transaction.atomic
def consortium_member_remove(*, member: ConsortiumMember, by) -> None:
    _locked_draft(member.bid, by)
    member.delete()
    _touch(member.bid)


@transaction.atomic
def consortium_lead_role_save(*, bid: Bid, by, lead_role: str) -> Bid:
    _require_bidder(by, bid)
    _locked_open(bid.opportunity_id)
    with edit(bid) as row:
        row.lead_role = (lead_role or "").strip()[:300]
    return row


# --- submitting, withdrawing, replacing -------------------------------------------------


def _closing_day(bid: Bid):
    return timezone.localtime(bid.opportunity.closes_at).date() if bid.opportunity.closes_at else None


def passport_problems(bid: Bid) -> dict[str, str]:
    """What the bidder's supplier passport lacks of what the opportunity asks, valid on its closing day.

    The opportunity asks for these once, through the passport, never again in the bid: the bid's
    only question about them is whether the passport holds them. The bidder adds what is missing
    to its passport (once, for every trust in the region) and submits.
    """
    required = bid.opportunity.passport_requirements or []
    gaps = passport_read.missing_for(bid.organisation, required, on=_closing_day(bid)) if required else []
    if not gaps:
        return {}
    return {"passport": f"Your supplier passport needs, valid on the closing date: {'; '.join(gap.message for gap in gaps)}"}


def member_passport_gaps(bid: Bid) -> dict:
    """Each consortium member's passport gaps, {organisation: [Gap]}, shown to the bidder and the panel, not a bar:
    the lead answers for the contract, and a small member is not shut out for a policy it shares with the lead."""
    required = bid.opportunity.passport_requirements or []
    members = [member.organisation for member in bid.members.select_related("organisation")]
    if not (required and members):
        return {}
    return {organisation: gaps for organisation, gaps in passport_read.missing_for_each(members, required, on=_closing_day(bid)).items() if gaps}


def bid_problems(bid: Bid) -> dict[str, str]:
    """What stops the bid being submitted, every problem at once ({field: message})."""
    problems: dict[str, str] = {}
    answers = {answer.question_id: answer.text for answer in bid.answers.all()}
    for number, question in enumerate(bid.opportunity.questions.all(), start=1):
        text = answers.get(question.pk, "")
        if question.required and not text.strip():
            problems[f"answer_{question.pk}"] = f"Answer question {number}"
        elif question.word_limit and words(text) > question.word_limit:
            problems[f"answer_{question.pk}"] = f"Answer question {number} in {question.word_limit} words or fewer"
    if bid.price is None:
        problems["price"] = "Enter your price"
    if bid.direct_costs is None:
        problems["direct_staff"] = "Enter the direct costs of the service in the pricing template"
    if not bid.units:
        problems["units"] = "Enter the number of units the price buys"
    if not bid.unit_name:
        problems["unit_name"] = "Say what a unit is (an hour of support, a family supported)"
    problems.update(passport_problems(bid))
    members = list(bid.members.all())
    if members:
        lead_work, lead_money = lead_shares(members)
        if lead_work < 0 or lead_money < 0:
            problems["members"] = "The consortium's shares add up to more than 100%"
        if not bid.lead_role:
            problems["lead_role"] = "Enter your organisation's role as the consortium's lead"
    return problems


def content_digest(bid: Bid) -> str:
    """A fingerprint of what was submitted, printed on the receipt, so the bidder can show what it sent."""
    digest = hashlib.sha256()
    for answer in bid.answers.order_by("question_id"):
        digest.update(f"a{answer.question_id}:{answer.text}\n".encode())
    for field in ("price", "direct_staff", "direct_running", "direct_non_cash", "units", "unit_name", "lead_role"):
        digest.update(f"{field}:{getattr(bid, field)}\n".encode())
    for row in bid.overheads.order_by("pool"):
        digest.update(f"o{row.pool}:{row.pool_cost}:{row.driver_total}:{row.driver_service}\n".encode())
    for member in bid.members.order_by("organisation_id"):
        digest.update(f"m{member.organisation_id}:{member.role}:{member.work_share}:{member.money_share}\n".encode())
    for attachment in bid.attachments.order_by("pk"):
        digest.update(f"f{attachment.name}:".encode() + hashlib.sha256(bytes(attachment.content)).digest())
    return digest.hexdigest()


@transaction.atomic
def bid_submit(*, bid: Bid, by) -> Bid:
    bid, now = _locked_draft(bid, by)
    problems = bid_problems(bid)
    if problems:
        raise FieldErrors(problems)
    receipt = f"BID-{bid.pk}-{bid.version}-{content_digest(bid)[:8].upper()}"
    if bid.supersedes_id and Bid.objects.filter(pk=bid.supersedes_id, status=Bid.Status.SUBMITTED).exists():
        # First, so there is never a moment with two submitted bids from one organisation. (A
        # replaced bid the bidder withdrew meanwhile stays withdrawn.)
        transition(instance=bid.supersedes, move="supersede", by=by, reason=f"Replaced by version {bid.version} (bid {bid.pk})")
    submitted = transition(instance=bid, move="submit", by=by, changes={"submitted_at": now, "submitted_by": by, "receipt": receipt})
    _send_receipt(submitted, by)
    return submitted


def _send_receipt(bid: Bid, by) -> None:
    opportunity = bid.opportunity
    details = [
        f"Receipt: {bid.receipt}",
        f"Submitted: {_when(bid.submitted_at)} by {by.get_full_name()}",
        f"Opportunity: {opportunity.title} ({opportunity.ocid})",
        *([f"Lot: {bid.lot}"] if bid.lot_id else []),
        f"Version: {bid.version}",
        f"Closing time: {_when(opportunity.closes_at)}",
    ]
    recipients = {by.email}
    if bid.organisation.contact_email:
        recipients.add(bid.organisation.contact_email)
    email_send_later(
        to=sorted(recipients),
        subject=f"Bid received: {opportunity.title}",
        template="procurement/bids/email/receipt.txt",
        context={
            "name": by.get_full_name(),
            "organisation": bid.organisation.name,
            "details": details,
            "closes_at": _when(opportunity.closes_at),
        },
    )


@transaction.atomic
def bid_withdraw(*, bid: Bid, by, reason: str = "") -> Bid:
    _require_bidder(by, bid)
    _opportunity, now = _locked_open(bid.opportunity_id)
    return transition(
        instance=bid,
        move="withdraw",
        by=by,
        reason=(reason or "").strip() or "Withdrawn by the bidder",
        changes={"withdrawn_at": now, "withdrawn_reason": (reason or "").strip()},
    )


@transaction.atomic
def bid_replace(*, bid: Bid, by) -> Bid:
    """A new draft version of a submitted bid, with a copy of everything in it. The submitted bid
    stands until the new version is submitted, which supersedes it; its history stays."""
    _require_bidder(by, bid)
    _locked_open(bid.opportunity_id)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.status != Bid.Status.SUBMITTED:
        raise InvalidTransition(f"This bid is {bid.get_status_display().lower()}: only a submitted bid can be replaced.")
    if (
        Bid.objects.filter(supersedes=bid).exists()
        or Bid.objects.filter(
            opportunity_id=bid.opportunity_id, lot_id=bid.lot_id, organisation_id=bid.organisation_id, status=Bid.Status.DRAFT
        ).exists()
    ):
        raise InvalidTransition("A new version of this bid is already being drafted: open it from your bids.")
    copy = Bid.objects.create(
        opportunity_id=bid.opportunity_id,
        lot_id=bid.lot_id,
        organisation_id=bid.organisation_id,
        version=bid.version + 1,
        supersedes=bid,
        created_by=by,
        **{field: getattr(bid, field) for field in ("price", "direct_staff", "direct_running", "direct_non_cash", "units", "unit_name", "lead_role")},
    )
    for answer in bid.answers.all():
        BidAnswer.objects.create(bid=copy, question_id=answer.question_id, text=answer.text)
    for row in bid.overheads.all():
        BidOverhead.objects.create(bid=copy, pool=row.pool, pool_cost=row.pool_cost, driver_total=row.driver_total, driver_service=row.driver_service)
    for member in bid.members.all():
        ConsortiumMember.objects.create(
            bid=copy,
            organisation_id=member.organisation_id,
            role=member.role,
            work_share=member.work_share,
            money_share=member.money_share,
            years_experience=member.years_experience,
        )
    for attachment in bid.attachments.all():
        BidAttachment.objects.create(
            bid=copy, name=attachment.name, content_type=attachment.content_type, size=attachment.size, content=attachment.content, uploaded_by=by
        )
    audit_record(action=AuditEntry.Action.UPDATE, instance=copy, reason=f"Started as version {copy.version}, to replace bid {bid.pk}", by=by)
    return copy
