"""API for decommissionings, with the pages' permissions: staff their trusts'; a provider's people
their own contracts' once notice is given."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.models import Role
from jointly.core.pagination import PageNumberPagination

from .selectors.decommissionings import decommissioning_for, decommissionings_visible

router = Router(tags=["decommissioning"])


class ExitEntryOut(Schema):
    reference: str
    destination: str
    move_by: datetime.date
    status: str


class SignOffOut(Schema):
    kind: str
    by_name: str
    signed_on: datetime.date


class DecommissioningOut(Schema):
    id: int
    contract: int
    contract_reference: str
    status: str
    reason: str
    notice_period_days: int
    notice_given_on: datetime.date | None
    ends_on: datetime.date | None
    completed_on: datetime.date | None
    tupe_applies: bool | None


class DecommissioningDetailOut(DecommissioningOut):
    rationale: str
    evidence: str
    users_affected: int | None
    equality_impact: str | None
    risks: str | None
    provider_impact: str | None
    provider_income_share: Decimal | None
    exit_plan: list[ExitEntryOut]
    sign_offs: list[SignOffOut]


def _resolvers(cls):
    cls.resolve_contract = staticmethod(lambda case: case.contract_id)
    cls.resolve_contract_reference = staticmethod(lambda case: case.contract.reference)
    cls.resolve_notice_period_days = staticmethod(lambda case: case.contract.notice_period_days)
    return cls


_resolvers(DecommissioningOut)


@router.get("/decommissionings", response=list[DecommissioningOut])
@paginate(PageNumberPagination, page_size=50)
def decommissionings(request, trust: str = "", status: str = ""):
    queryset = decommissionings_visible(request.user)
    if trust:
        queryset = queryset.filter(contract__trust__slug=trust)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


@router.get("/decommissionings/{case_id}", response=DecommissioningDetailOut)
def decommissioning(request, case_id: int):
    """One decommissioning; the impact assessment is the trust's own, left out for the provider."""
    case = decommissioning_for(request.user, case_id)
    data = {
        "id": case.pk,
        "contract": case.contract_id,
        "contract_reference": case.contract.reference,
        "status": case.status,
        "reason": case.reason,
        "notice_period_days": case.contract.notice_period_days,
        "notice_given_on": case.notice_given_on,
        "ends_on": case.ends_on,
        "completed_on": case.completed_on,
        "tupe_applies": case.tupe_applies,
        "rationale": case.rationale,
        "evidence": case.evidence,
        "users_affected": case.users_affected,
        "exit_plan": list(case.exit_plan.all()),
        "sign_offs": list(case.sign_offs.all()),
    }
    staff = request.user.role != Role.PROVIDER_USER
    for name in ("equality_impact", "risks", "provider_impact", "provider_income_share"):
        data[name] = getattr(case, name) if staff else None
    return data
