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

    @staticmethod
    def resolve_contract(case):
        return case.contract_id

    @staticmethod
    def resolve_contract_reference(case):
        return case.contract.reference

    @staticmethod
    def resolve_notice_period_days(case):
        return case.contract.notice_period_days


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

    @staticmethod
    def resolve_exit_plan(case):
        return list(case.exit_plan.all())

    @staticmethod
    def resolve_sign_offs(case):
        return list(case.sign_offs.all())

    @staticmethod
    def resolve_equality_impact(case, context):
        return _for_staff(case, context, "equality_impact")

    @staticmethod
    def resolve_risks(case, context):
        return _for_staff(case, context, "risks")

    @staticmethod
    def resolve_provider_impact(case, context):
        return _for_staff(case, context, "provider_impact")

    @staticmethod
    def resolve_provider_income_share(case, context):
        return _for_staff(case, context, "provider_income_share")


def _for_staff(case, context, name):
    return None if context["request"].user.role == Role.PROVIDER_USER else getattr(case, name)


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
    return decommissioning_for(request.user, case_id)
