"""The contracts API (/api/v1/contracts/…): staff see their trusts' contracts, a provider its own signed ones.

Writes go through the same services as the pages; bad input comes back as a problem body naming each field.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm
from jointly.core.pagination import PageNumberPagination

from .selectors.contracts import contract_for, contracts_visible
from .services import variations as services

router = Router(tags=["contracts"])


class ContractPartyOut(Schema):
    organisation: str
    part: str
    role: str
    work_share: Decimal
    money_share: Decimal

    @staticmethod
    def resolve_organisation(party):
        return party.organisation.name


class ContractOut(Schema):
    id: int
    trust: str
    reference: str
    title: str
    status: str
    origin: str
    form: str
    buyer: str
    supplier: str
    starts_on: datetime.date
    ends_on: datetime.date
    extension_months: list[int]
    value: Decimal
    payment_basis: str
    payment_terms_days: int
    notice_period_days: int
    signed_on: datetime.date | None
    parties: list[ContractPartyOut]

    @staticmethod
    def resolve_trust(contract):
        return contract.trust.slug

    @staticmethod
    def resolve_buyer(contract):
        return contract.buyer.name

    @staticmethod
    def resolve_supplier(contract):
        return contract.supplier.name

    @staticmethod
    def resolve_parties(contract):
        return list(contract.parties.all())


class ContractVariationOut(Schema):
    id: int
    number: int
    status: str
    reason: str
    value_change: Decimal
    new_ends_on: datetime.date | None
    applies_from: datetime.date
    change_notice_needed: bool
    senior_approval_needed: bool
    test_note: str
    decided_on: datetime.date | None


class ContractVariationIn(Schema):
    reason: str
    value_change: Decimal = Decimal("0")
    new_ends_on: datetime.date | None = None
    applies_from: datetime.date | None = None
    description: str = ""
    changes_nature: bool = False


class ContractVariationDecisionIn(Schema):
    approve: bool
    note: str = ""


@router.get("/contracts", response=list[ContractOut], summary="Contracts you may see: your trusts', or your organisation's own")
@paginate(PageNumberPagination)
def contract_list(request, status: str = ""):
    queryset = contracts_visible(request.user).order_by("trust__slug", "-starts_on", "reference")
    return queryset.filter(status=status) if status else queryset


@router.get("/contracts/{contract_id}", response=ContractOut, summary="One contract")
def contract_detail(request, contract_id: int):
    return contract_for(request.user, contract_id)


@router.get("/contracts/{contract_id}/variations", response=list[ContractVariationOut], summary="A contract's variations")
def variation_list(request, contract_id: int):
    return list(contract_for(request.user, contract_id).variations.all())


@router.post("/contracts/{contract_id}/variations", response={201: ContractVariationOut}, summary="Propose a variation (tested against the rules)")
def variation_create(request, contract_id: int, payload: ContractVariationIn):
    contract = contract_for(request.user, contract_id, Perm.CONTRACTS_MANAGE)
    return 201, services.variation_propose(contract=contract, by=request.user, **payload.dict())


@router.post(
    "/contracts/{contract_id}/variations/{variation_id}/decision", response=ContractVariationOut, summary="Approve (and apply) or refuse a variation"
)
def variation_decision(request, contract_id: int, variation_id: int, payload: ContractVariationDecisionIn):
    from django.core.exceptions import PermissionDenied

    contract = contract_for(request.user, contract_id)
    variation = get_object_or_404(contract.variations.all(), pk=variation_id)
    refusal = services.approval_refusal(variation, request.user)
    if refusal:
        raise PermissionDenied(refusal)
    return services.variation_decide(variation=variation, by=request.user, approve=payload.approve, note=payload.note)
