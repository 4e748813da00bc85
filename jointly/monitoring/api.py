"""Monitoring returns through the API: a provider's own (read, save a draft, submit), and the returns
covering the person's trusts' contracts for their reviewers. Another provider's return, or one of
another trust, is a 404; bad input a 400 problem body naming each field; a wrong state a 409."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, has_perm, trust_ids_for
from jointly.core.pagination import PageNumberPagination

from .selectors import returns as selectors
from .services import returns as services

router = Router(tags=["monitoring"])


class ReturnPartOut(Schema):
    contract: str
    trust: str
    rag: str
    comment: str

    @staticmethod
    def resolve_contract(part):
        return part.contract.reference

    @staticmethod
    def resolve_trust(part):
        return part.contract.trust.slug


class ReturnOut(Schema):
    id: int
    organisation: str
    template: str
    frequency: str
    period_starts_on: datetime.date
    period_ends_on: datetime.date
    due_on: datetime.date
    status: str
    late: bool
    submitted_at: datetime.datetime | None
    changes_requested: str
    parts: list[ReturnPartOut]

    @staticmethod
    def resolve_organisation(monitoring_return):
        return monitoring_return.organisation.name

    @staticmethod
    def resolve_template(monitoring_return):
        return monitoring_return.template.name

    @staticmethod
    def resolve_parts(monitoring_return):
        return list(monitoring_return.parts.all())


class ReturnLineOut(Schema):
    field: str
    contract: str | None
    asks: str
    value_type: str
    target: Decimal | None
    unit: str
    required: bool
    entry: str
    date: str
    note: str
    previous: str | None
    # For an empty answer to the amount paid: the invoices paid on the contract in the period, to start from.
    prefill: str | None = None


class ReturnDetailOut(ReturnOut):
    lines: list[ReturnLineOut]

    @staticmethod
    def resolve_lines(monitoring_return):
        return monitoring_return.api_lines


class DraftIn(Schema):
    answers: dict[str, str]


def _lines(monitoring_return, sheet) -> list[dict]:
    rows = []
    for part in sheet.parts:
        for item in part.lines:
            measure = item.line.measure
            rows.append(
                {
                    "field": item.name,
                    "contract": part.part.contract.reference,
                    "asks": measure.text,
                    "value_type": measure.value_type,
                    "target": measure.target,
                    "unit": measure.unit,
                    "required": measure.required,
                    "entry": item.line.entry,
                    "date": item.line.date_entry,
                    "note": item.line.note,
                    "previous": item.previous.entry if item.previous else None,
                    "prefill": item.prefill or None,
                }
            )
    for _label, items in sheet.sections:
        for item in items:
            question = item.line.question
            rows.append(
                {
                    "field": item.name,
                    "contract": None,
                    "asks": question.text,
                    "value_type": "date and text" if question.asks_date else "text",
                    "target": None,
                    "unit": "",
                    "required": question.required,
                    "entry": item.line.entry,
                    "date": item.line.date_entry,
                    "note": item.line.note,
                    "previous": item.previous.entry if item.previous else None,
                }
            )
    return rows


def _detail(request, monitoring_return):
    provider = has_perm(request.user, Perm.RETURN_SUBMIT) and request.user.organisation_id == monitoring_return.organisation_id
    sheet = selectors.sheet_for(monitoring_return)
    if not provider:
        # A reviewer sees their own trusts' contracts' parts of a regional return (and every question).
        scope = trust_ids_for(request.user)
        if scope is not None:
            sheet.parts = [part for part in sheet.parts if part.part.contract.trust_id in scope]
    monitoring_return.api_lines = _lines(monitoring_return, sheet)
    return monitoring_return


@router.get("/monitoring/returns", response=list[ReturnOut], summary="Monitoring returns: your organisation's, or your trusts' to review")
@paginate(PageNumberPagination)
def returns(request):
    if not (has_perm(request.user, Perm.RETURN_SUBMIT) or has_perm(request.user, Perm.RETURNS_REVIEW)):
        raise PermissionDenied("Only providers' people and the trusts' reviewers see monitoring returns.")
    return selectors.returns_visible(request.user)


@router.get("/monitoring/returns/{return_id}", response=ReturnDetailOut, summary="One return with its lines and last period's values")
def return_detail(request, return_id: int):
    perm = Perm.RETURN_SUBMIT if has_perm(request.user, Perm.RETURN_SUBMIT) else Perm.RETURNS_REVIEW
    return _detail(request, selectors.return_for(request.user, return_id, perm))


@router.put(
    "/monitoring/returns/{return_id}/draft", response=ReturnDetailOut, summary="Save answers to a draft (never refused for missing or malformed ones)"
)
def save_draft(request, return_id: int, payload: DraftIn):
    monitoring_return = selectors.return_for(request.user, return_id, Perm.RETURN_SUBMIT)
    services.return_save(monitoring_return=monitoring_return, by=request.user, answers=payload.answers)
    return _detail(request, selectors.return_for(request.user, return_id, Perm.RETURN_SUBMIT))


@router.post("/monitoring/returns/{return_id}/submit", response=ReturnDetailOut, summary="Submit: every problem is a 400 naming its field")
def submit(request, return_id: int):
    monitoring_return = selectors.return_for(request.user, return_id, Perm.RETURN_SUBMIT)
    services.return_submit(monitoring_return=monitoring_return, by=request.user)
    return _detail(request, selectors.return_for(request.user, return_id, Perm.RETURN_SUBMIT))
