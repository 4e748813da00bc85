"""API for the supplier passport, with the pages' permissions: the organisation's own people and the
region's checkers read it (anyone else: 404); documents are not in the API, only whether one is held."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from jointly.accounts.permissions import Perm, require
from jointly.partnerships.models import Organisation

from . import rules, selectors, services
from .models import REQUIREMENT_LABELS

router = Router(tags=["supplier passport"])


class GapOut(Schema):
    key: str
    label: str
    reason: str
    expired_on: datetime.date | None


class ScoreOut(Schema):
    scheme: str
    passed: bool
    score: int | None
    reason: str
    valid_until: datetime.date
    checked_at: datetime.datetime
    checker_trust: str | None

    @staticmethod
    def resolve_checker_trust(check):
        return check.checker_trust.slug if check.checker_trust else None


class ItemOut(Schema):
    key: str
    label: str
    state: str
    valid_until: datetime.date | None
    has_document: bool
    link: str
    adopted_on: datetime.date | None
    review_on: datetime.date | None
    insurer: str
    cover: Decimal | None
    expires_on: datetime.date | None
    year_end: datetime.date | None
    income: Decimal | None
    expenditure: Decimal | None
    reserves: Decimal | None
    score: ScoreOut | None


class CoreOut(Schema):
    registered_address: str
    postcode: str
    share_code: str
    staff: int | None
    volunteers: int | None
    sme: bool | None
    confirmed_on: datetime.date | None
    valid_until: datetime.date | None
    revision: int


class PassportOut(Schema):
    organisation: str
    name: str
    ppon: str
    charity_number: str
    company_number: str
    complete: bool
    core: CoreOut | None
    items: list[ItemOut]
    missing: list[GapOut]


class CoreIn(Schema):
    registered_address: str = ""
    postcode: str = ""
    share_code: str = ""
    staff: int | None = None
    volunteers: int | None = None
    sme: bool | None = None


def _organisation(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    decision = rules.read_passport(request.user, organisation)
    if not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return organisation


def _item(line):
    item = line.item
    fields = ("link", "adopted_on", "review_on", "insurer", "cover", "expires_on", "year_end", "income", "expenditure", "reserves")
    values = {name: getattr(item, name) if item else None for name in fields}
    values["link"] = values["link"] or ""
    values["insurer"] = values["insurer"] or ""
    return {
        "key": line.key,
        "label": line.label,
        "state": line.state,
        "valid_until": item.valid_until if item else None,
        "has_document": bool(item and item.has_document),
        "score": line.check,
        **values,
    }


@router.get("/passport/{slug}", response=PassportOut)
def passport(request, slug: str):
    """The organisation's passport: what it holds, each item's state and standing score, and what is missing."""
    organisation = _organisation(request, slug)
    status = selectors.status_of(organisation)
    return {
        "organisation": organisation.slug,
        "name": organisation.name,
        "ppon": organisation.ppon,
        "charity_number": organisation.charity_number,
        "company_number": organisation.company_number,
        "complete": status.complete,
        "core": status.passport if status.passport and status.passport.confirmed_on else None,
        "items": [_item(line) for line in status.lines],
        "missing": status.gaps,
    }


@router.get("/passport/{slug}/missing", response=list[GapOut])
def missing(request, slug: str, required: str = "", on: datetime.date | None = None):
    """What of `required` (comma-separated keys; the usual set when empty) the passport lacks on the date `on`."""
    organisation = _organisation(request, slug)
    keys = [key.strip() for key in required.split(",") if key.strip()] or list(selectors.STANDARD)
    unknown = [key for key in keys if key not in REQUIREMENT_LABELS]
    if unknown:
        raise HttpError(400, f"Unknown requirement(s): {', '.join(unknown)}. Known: {', '.join(REQUIREMENT_LABELS)}")
    return selectors.missing_for(organisation, keys, on=on)


@router.put("/passport/{slug}/core", response=CoreOut)
def core_save(request, slug: str, payload: CoreIn):
    """Record or confirm the core information: the organisation's own people only. Bad input is a 400 naming each field."""
    organisation = _organisation(request, slug)
    require(request.user, Perm.PASSPORT_EDIT, organisation)
    return services.core_save(organisation=organisation, by=request.user, **payload.dict())
