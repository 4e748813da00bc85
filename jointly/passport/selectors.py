"""Reads of the supplier passport, for its own pages and for the stages that reuse it.

The contract other apps rely on (procurement bids, grant applications):

``missing_for(organisation, required, *, on=None) -> list[Gap]``
    `required` is an iterable of requirement keys (`models.REQUIREMENT_LABELS`): ``"core"``,
    ``"ppon"``, ``"policy:<area>"`` (safeguarding, health_and_safety, equality,
    data_protection), ``"insurance:<kind>"`` (public_liability, employers_liability,
    professional_indemnity) and ``"accounts"``; `STANDARD` is the usual set. The answer lists,
    in the order asked, each requirement the passport does not satisfy on the date `on` (the
    closing date of the opportunity, say; today when None): not held at all, or held but no
    longer valid that day. An empty list means the passport covers everything asked, so the
    opportunity asks for nothing more. Unknown keys are refused with ValueError (a typo must
    not silently pass). It reads at most four queries and writes nothing.

``missing_for_each(organisations, required, *, on=None) -> dict[Organisation, list[Gap]]``
    The same for each member of a consortium (lead and members), so each is asked only its own gaps.

``scores_for(organisation, *, on=None) -> dict[str, Check]``
    The standing score of each policy area (key → `Check`), for the current revision of the
    policy and valid on `on`: scored once by any trust's checker, reused by every trust.
    A policy changed since it was scored, or expired, has no standing score.

``status_of(organisation, *, today=None) -> Status``
    For the passport's own page and the bidders' view: what is held, missing, expiring.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from jointly.accounts.permissions import trust_ids_for
from jointly.partnerships.models import Organisation, Trust

from .models import (
    CORE,
    DEFAULT_VALIDITY_MONTHS,
    INSURANCES,
    ITEM_LABELS,
    POLICIES,
    PPON,
    REMINDER_DAYS,
    REQUIREMENT_LABELS,
    Check,
    Item,
    Passport,
    ValidityRule,
)

# What most opportunities ask: everything but professional indemnity, which only some services need.
STANDARD = (CORE, PPON, *POLICIES, "insurance:public_liability", "insurance:employers_liability", "accounts")
EVERYTHING = tuple(REQUIREMENT_LABELS)


@dataclass(frozen=True)
class Gap:
    key: str
    label: str
    reason: str  # "missing" or "expired"
    expired_on: datetime.date | None = None

    @property
    def message(self) -> str:
        if self.reason == "expired":
            return f"{self.label}: expired on {self.expired_on:%-d %B %Y}"
        if self.key == PPON:
            return f"{self.label}: not on your organisation's record"
        return f"{self.label}: not in the passport"


def validity_months(on: datetime.date | None = None) -> int:
    """How many months a passport item is accepted for, by the rule in force on the day."""
    on = on or timezone.localdate()
    rule = ValidityRule.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    return rule.months if rule else DEFAULT_VALIDITY_MONTHS


def passport_of(organisation) -> Passport | None:
    return Passport.objects.filter(organisation=organisation).first()


def items_of(passport: Passport | None) -> dict[str, Item]:
    if passport is None:
        return {}
    return {item.key: item for item in Item.objects.filter(passport=passport).defer("document")}


def _gaps(organisation, passport, items, required, on) -> list[Gap]:
    gaps = []
    for key in required:
        label = REQUIREMENT_LABELS[key]
        if key == PPON:
            if not organisation.ppon:
                gaps.append(Gap(key, label, "missing"))
            continue
        held = passport if key == CORE else items.get(key)
        until = getattr(held, "valid_until", None)
        if held is None or until is None:
            gaps.append(Gap(key, label, "missing"))
        elif until < on:
            gaps.append(Gap(key, label, "expired", until))
    return gaps


def missing_for(organisation, required: Iterable[str] = STANDARD, *, on: datetime.date | None = None) -> list[Gap]:
    """What of `required` the passport does not hold, or holds no longer valid on `on` (see the module docstring)."""
    required = list(dict.fromkeys(required))
    unknown = [key for key in required if key not in REQUIREMENT_LABELS]
    if unknown:
        raise ValueError(f"Unknown passport requirement(s): {', '.join(unknown)}")
    on = on or timezone.localdate()
    passport = passport_of(organisation)
    return _gaps(organisation, passport, items_of(passport), required, on)


def missing_for_each(organisations, required: Iterable[str] = STANDARD, *, on: datetime.date | None = None) -> dict:
    """`missing_for` for each member of a consortium, {organisation: gaps}: a consortium is built from its members' passports."""
    return {organisation: missing_for(organisation, required, on=on) for organisation in organisations}


def scores_for(organisation, *, on: datetime.date | None = None) -> dict[str, Check]:
    """The standing score of each policy area (see the module docstring)."""
    on = on or timezone.localdate()
    checks = (
        Check.objects.filter(passport__organisation=organisation, item__key__in=POLICIES, valid_until__gte=on, item__valid_until__gte=on)
        .select_related("item", "checked_by", "checker_trust")
        .defer("item__document")
        .order_by("item__key", "-checked_at")
    )
    standing: dict[str, Check] = {}
    for check in checks:
        if check.item_revision == check.item.revision:
            standing.setdefault(check.item.key, check)
    return standing


@dataclass
class Line:
    key: str
    label: str
    item: Item | None
    state: str  # "missing", "expired", "expiring", "valid"
    check: Check | None = None


@dataclass
class Status:
    organisation: object
    passport: Passport | None
    core_state: str
    lines: list[Line] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    expiring: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps

    def section(self, prefix: str) -> list[Line]:
        return [line for line in self.lines if line.key.startswith(prefix)]

    @property
    def policies(self):
        return self.section("policy:")

    @property
    def insurances(self):
        return self.section("insurance:")

    @property
    def accounts(self):
        return self.section("accounts")


def _state(until, today) -> str:
    if until is None:
        return "missing"
    if until < today:
        return "expired"
    if until <= today + datetime.timedelta(days=max(REMINDER_DAYS)):
        return "expiring"
    return "valid"


def status_of(organisation, *, today: datetime.date | None = None, required: Iterable[str] = STANDARD) -> Status:
    """What the passport holds, item by item, what `required` still lacks, and what expires within 60 days."""
    today = today or timezone.localdate()
    passport = passport_of(organisation)
    items = items_of(passport)
    scores = scores_for(organisation, on=today) if passport else {}
    status = Status(organisation, passport, _state(passport.valid_until if passport else None, today))
    for key in ITEM_LABELS:
        item = items.get(key)
        status.lines.append(Line(key, ITEM_LABELS[key], item, _state(item.valid_until if item else None, today), scores.get(key)))
    status.gaps = _gaps(organisation, passport, items, list(required), today)
    if status.core_state == "expiring":
        status.expiring.append(f"{REQUIREMENT_LABELS[CORE]}: expires on {passport.valid_until:%-d %B %Y}")
    status.expiring += [f"{line.label}: expires on {line.item.valid_until:%-d %B %Y}" for line in status.lines if line.state == "expiring"]
    return status


def checkable_organisations(user):
    """Organisations with a passport whose partner trusts share a region with the checker's trusts."""
    passports = Organisation.objects.filter(passport__isnull=False)
    ids = trust_ids_for(user)
    if ids is not None:
        regions = Trust.objects.filter(id__in=ids).values("region_id")
        passports = passports.filter(partnerships__trust__region_id__in=regions)
    return passports.distinct().order_by("name")


__all__ = ["EVERYTHING", "INSURANCES", "STANDARD", "Gap", "missing_for", "missing_for_each", "scores_for", "status_of", "validity_months"]
