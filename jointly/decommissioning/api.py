"""API for decommissionings, with the pages' permissions: staff their trusts'; a provider's people
their own contracts' once notice is given.

Each step is a write calling the same service as its page, refused with the service's reasons: a gate
not met is a 400 naming every missing part, a move the case's state or the person refuses a 409, and a
refused write leaves nothing. Staff write with CONTRACTS_MANAGE, sign off with CONTRACT_APPROVE; a
provider's people only read."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm
from jointly.contracts.selectors.contracts import contract_for
from jointly.core.api_fields import RecordId, named_choices
from jointly.core.pagination import PageNumberPagination
from jointly.core.transitions import version_of
from jointly.providers.models import DirectoryService
from jointly.reviews.api import chosen
from jointly.reviews.models import Review

from .models import Decommissioning, ExitPlanEntry, SignOff
from .selectors.decommissionings import decommissioning_for, decommissionings_visible
from .services import decommissionings as services

router = Router(tags=["decommissioning"])

DecommissioningReason = named_choices(Decommissioning.Reason, "DecommissioningReason")
ExitEntryStatus = named_choices(ExitPlanEntry.Status, "ExitPlanEntryStatus")
SignOffKind = named_choices(SignOff.Kind, "SignOffKind")
# The contract's notice period (at most 32,767 days, about 90 years) is added to the date notice is
# given, and the calendar ends in 9999.
LATEST_NOTICE = datetime.date(9899, 12, 31)


class ExitEntryOut(Schema):
    id: int
    reference: str
    destination: str
    move_by: datetime.date
    status: str
    note: str


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
    review: int | None
    improvement_plan: int | None
    no_improvement_plan_reason: str | None
    users_affected: int | None
    equality_impact: str | None
    risks: str | None
    provider_impact: str | None
    provider_income_share: Decimal | None
    tupe_note: str
    completion_note: str
    exit_plan: list[ExitEntryOut]
    sign_offs: list[SignOffOut]
    # Send it back with a change: if someone changed the case since, the change is refused (409).
    version: str | None

    @staticmethod
    def resolve_review(case):
        return case.review_id

    @staticmethod
    def resolve_improvement_plan(case):
        return case.improvement_plan_id

    @staticmethod
    def resolve_exit_plan(case):
        return list(case.exit_plan.all())

    @staticmethod
    def resolve_sign_offs(case):
        return list(case.sign_offs.all())

    @staticmethod
    def resolve_no_improvement_plan_reason(case, context):
        return _for_staff(case, context, "no_improvement_plan_reason")

    @staticmethod
    def resolve_users_affected(case, context):
        return _for_staff(case, context, "users_affected")

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

    @staticmethod
    def resolve_version(case, context):
        if not isinstance(case, Decommissioning):
            return case.version  # Ninja checks a returned schema against the response again
        return None if _is_provider(context) else version_of(case)


def _is_provider(context) -> bool:
    return context["request"].user.role == Role.PROVIDER_USER


def _for_staff(case, context, name):
    return None if _is_provider(context) else getattr(case, name)


# Fields the services check are optional here, so a missing one is refused with the service's own reason,
# together with every other problem it finds.


class StartIn(Schema):
    reason: DecommissioningReason | None = None
    rationale: str = ""
    evidence: str = ""


class CasePatch(Schema):
    """Any of the case's parts while it is a draft (the rationale, the impact assessment, TUPE); those left out are kept.

    Null empties a part."""

    reason: DecommissioningReason | None = None
    rationale: str | None = None
    evidence: str | None = None
    review: RecordId | None = Field(None, description="A completed review of this contract that decided it")
    improvement_plan: RecordId | None = Field(None, description="The improvement plan of this contract tried with the provider")
    no_improvement_plan_reason: str | None = None
    users_affected: int | None = Field(None, ge=0, le=2**31 - 1)
    equality_impact: str | None = None
    risks: str | None = None
    provider_impact: str | None = None
    provider_income_share: Decimal | None = Field(
        None, ge=0, le=100, decimal_places=2, description="The contract's share of the provider's income, %"
    )
    tupe_applies: bool | None = None
    tupe_note: str | None = None
    version: str | None = Field(None, description="The version you read; a change someone made since is refused (409)")


# The parts that are empty text rather than null when emptied.
TEXT_PARTS = {"rationale", "evidence", "no_improvement_plan_reason", "equality_impact", "risks", "provider_impact", "tupe_note"}


class ExitEntryIn(Schema):
    reference: str = Field("", description="A pseudonymous reference such as YC-0147, never a name")
    destination: str = Field("", max_length=300)
    destination_service: RecordId | None = Field(None, description="Or a service in the directory")
    move_by: datetime.date | None = None
    note: str = ""


class ExitEntryPatch(Schema):
    status: ExitEntryStatus
    note: str = ""


class SignOffIn(Schema):
    kind: SignOffKind | None = None
    note: str = ""


class NoticeIn(Schema):
    notice_given_on: datetime.date | None = Field(None, le=LATEST_NOTICE)
    ends_on: datetime.date | None = Field(None, description="The last day of the service; by default when the contract's notice period has run")


class CompleteIn(Schema):
    completion_note: str = Field("", description="What happened at the end: how service users moved on, and what was learned")


class WithdrawIn(Schema):
    reason: str = ""


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


@router.post(
    "/contracts/{contract_id}/decommissionings", response={201: DecommissioningDetailOut}, summary="Propose decommissioning a running contract"
)
def decommissioning_start(request, contract_id: int, payload: StartIn):
    contract = contract_for(request.user, contract_id, Perm.CONTRACTS_MANAGE)
    case = services.decommissioning_start(
        contract=contract, by=request.user, reason=payload.reason or "", rationale=payload.rationale, evidence=payload.evidence
    )
    return Status(201, decommissioning_for(request.user, case.pk))


@router.patch(
    "/decommissionings/{case_id}", response=DecommissioningDetailOut, summary="Record the case, the impact assessment and TUPE, while a draft"
)
def decommissioning_update(request, case_id: int, payload: CasePatch):
    case = decommissioning_for(request.user, case_id, Perm.CONTRACTS_MANAGE)
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version", None)
    if "reason" in fields:
        fields["reason"] = fields["reason"] or ""
    if "review" in fields:
        reviews = case.contract.reviews.filter(status=Review.Status.COMPLETED)
        fields["review"] = chosen(reviews, fields["review"], "review", "Choose a completed review of this contract")
    if "improvement_plan" in fields:
        plans = case.contract.improvement_plans.all()
        fields["improvement_plan"] = chosen(plans, fields["improvement_plan"], "improvement_plan", "Choose an improvement plan of this contract")
    for name in TEXT_PARTS & set(fields):
        fields[name] = fields[name] or ""
    services.decommissioning_update(decommissioning=case, by=request.user, version=version, **fields)
    return decommissioning_for(request.user, case_id)


@router.post("/decommissionings/{case_id}/exit-plan", response={201: ExitEntryOut}, summary="Add a service user's move to the exit plan")
def exit_entry_add(request, case_id: int, payload: ExitEntryIn):
    case = decommissioning_for(request.user, case_id, Perm.CONTRACTS_MANAGE)
    data = payload.dict()
    data["destination_service"] = chosen(
        DirectoryService.objects.filter(status=DirectoryService.Status.ACTIVE),
        data["destination_service"],
        "destination_service",
        "Choose a service in the directory",
    )
    return Status(201, services.exit_entry_add(decommissioning=case, by=request.user, **data))


@router.patch("/decommissionings/{case_id}/exit-plan/{entry_id}", response=ExitEntryOut, summary="Record where a service user's move stands")
def exit_entry_update(request, case_id: int, entry_id: int, payload: ExitEntryPatch):
    case = decommissioning_for(request.user, case_id, Perm.CONTRACTS_MANAGE)
    entry = get_object_or_404(ExitPlanEntry.objects.select_related("decommissioning"), decommissioning=case, pk=entry_id)
    return services.exit_entry_update(entry=entry, by=request.user, status=payload.status, note=payload.note)


@router.post(
    "/decommissionings/{case_id}/submit", response=DecommissioningDetailOut, summary="Send for sign-off: every missing step is a 400 naming its field"
)
def decommissioning_submit(request, case_id: int):
    case = decommissioning_for(request.user, case_id, Perm.CONTRACTS_MANAGE)
    services.decommissioning_submit(decommissioning=case, by=request.user)
    return decommissioning_for(request.user, case_id)


@router.post("/decommissionings/{case_id}/sign-offs", response={201: DecommissioningDetailOut}, summary="Sign off as senior officer or board")
def decommissioning_sign_off(request, case_id: int, payload: SignOffIn):
    """Two sign-offs by two people other than the proposer; the second approves the decommissioning. A refused sign-off is a 409 saying why."""
    case = decommissioning_for(request.user, case_id, Perm.CONTRACT_APPROVE)
    services.decommissioning_sign_off(decommissioning=case, by=request.user, kind=payload.kind or "", note=payload.note)
    return Status(201, decommissioning_for(request.user, case_id))


@router.post("/decommissionings/{case_id}/notice", response=DecommissioningDetailOut, summary="Give the provider notice, once signed off")
def decommissioning_notice(request, case_id: int, payload: NoticeIn):
    """The contract moves to notice with the case; the notice is at least the contract's notice period."""
    case = decommissioning_for(request.user, case_id, Perm.CONTRACTS_MANAGE)
    services.decommissioning_give_notice(decommissioning=case, by=request.user, given_on=payload.notice_given_on, ends_on=payload.ends_on)
    return decommissioning_for(request.user, case_id)


@router.post("/decommissionings/{case_id}/complete", response=DecommissioningDetailOut, summary="Record the completion, once the notice has run")
def decommissioning_complete(request, case_id: int, payload: CompleteIn):
    case = decommissioning_for(request.user, case_id, Perm.CONTRACTS_MANAGE)
    services.decommissioning_complete(decommissioning=case, by=request.user, note=payload.completion_note)
    return decommissioning_for(request.user, case_id)


@router.post(
    "/decommissionings/{case_id}/withdraw", response=DecommissioningDetailOut, summary="Withdraw the decommissioning, before notice is given"
)
def decommissioning_withdraw(request, case_id: int, payload: WithdrawIn):
    case = decommissioning_for(request.user, case_id, Perm.CONTRACTS_MANAGE)
    services.decommissioning_withdraw(decommissioning=case, by=request.user, reason=payload.reason)
    return decommissioning_for(request.user, case_id)
