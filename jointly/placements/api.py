"""The placements API: the trust's requests with their offers (PLACEMENTS_MANAGE), the lead professional's
budget figures, and providers' own view of the requests sent to them, with their offers.

Providers' answers carry the pseudonymous statement only; no answer ever carries a child's personal details.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from jointly.accounts.permissions import Perm, decide, get_object_for, has_perm
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Trust

from . import selectors
from .services import budgets, offers

router = Router(tags=["placements"])


class PlacementRequestOut(Schema):
    """What a provider that was sent the request may read."""

    id: int
    trust: str
    framework: str
    reference: str
    kind: str
    needs: str
    outcomes: str
    starts_on: datetime.date
    duration_weeks: int
    weekly_budget: Decimal
    status: str

    @staticmethod
    def resolve_trust(placement):
        return placement.trust.slug

    @staticmethod
    def resolve_framework(placement):
        return placement.framework.name


class PlacementOfferOut(Schema):
    id: int
    request: int
    organisation: str
    weekly_price: Decimal
    starts_on: datetime.date
    how_outcomes_met: str
    status: str
    outcome_reason: str

    @staticmethod
    def resolve_request(offer):
        return offer.request_id

    @staticmethod
    def resolve_organisation(offer):
        return offer.organisation.name

    @staticmethod
    def resolve_outcome_reason(offer):
        return offer.outcome_reason if offer.status != "made" else ""


class StaffPlacementRequestOut(PlacementRequestOut):
    buyer: str
    budget: str | None
    contract: str | None
    choice_reasons: str
    offers: list[PlacementOfferOut]

    @staticmethod
    def resolve_buyer(placement):
        return placement.buyer.name

    @staticmethod
    def resolve_budget(placement):
        return placement.budget.reference if placement.budget_id else None

    @staticmethod
    def resolve_contract(placement):
        return placement.contract.reference if placement.contract_id else None

    @staticmethod
    def resolve_offers(placement):
        return selectors.offers_compared(placement)


class IndividualBudgetOut(Schema):
    id: int
    reference: str
    purpose: str
    starts_on: datetime.date
    ends_on: datetime.date
    amount: Decimal
    committed: Decimal
    spent: Decimal
    remaining: Decimal


class PlacementChoiceIn(Schema):
    offer: int
    reasons: str
    others_reason: str


class PlacementOfferIn(Schema):
    weekly_price: Decimal
    starts_on: datetime.date
    how_outcomes_met: str


@router.get("/placements/trusts/{slug}/requests", response=list[PlacementRequestOut], summary="The trust's placement requests (without offers)")
@paginate(PageNumberPagination)
def trust_requests(request, slug: str):
    trust = get_object_for(request.user, Perm.PLACEMENTS_MANAGE, Trust.objects.all(), slug=slug)
    return selectors.requests_of(trust)


@router.get("/placements/requests/{request_id}", response=StaffPlacementRequestOut, summary="A placement request with its offers compared")
def request_detail(request, request_id: int):
    return selectors.request_for(request.user, request_id)


@router.post("/placements/requests/{request_id}/choice", response=StaffPlacementRequestOut, summary="Choose an offer, with reasons")
def choose_offer(request, request_id: int, payload: PlacementChoiceIn):
    """Records the spot contract and tells the other providers; bad input is a 400, a request not open a 409."""
    placement = selectors.request_for(request.user, request_id)
    offer = placement.offers.select_related("organisation", "made_by").filter(pk=payload.offer).first()
    return offers.request_choose(request=placement, offer=offer, by=request.user, reasons=payload.reasons, others_reason=payload.others_reason)


@router.get("/placements/budgets/{budget_id}", response=IndividualBudgetOut, summary="An individual budget: committed, spent and remaining")
def budget_detail(request, budget_id: int):
    budget = selectors.budget_for(request.user, budget_id)
    figures = budgets.budget_figures(budget)
    return {**{name: getattr(budget, name) for name in ("id", "reference", "purpose", "starts_on", "ends_on")}, **figures}


def _provider(request) -> int:
    if not has_perm(request.user, Perm.PLACEMENT_OFFER):
        raise PermissionDenied(decide(request.user, Perm.PLACEMENT_OFFER).reason)
    if not request.user.organisation_id:
        raise PermissionDenied("Only people who work for a provider can answer placement requests.")
    return request.user.organisation_id


@router.get("/placements/offers/requests", response=list[PlacementRequestOut], summary="Placement requests sent to your organisation")
@paginate(PageNumberPagination)
def requests_sent_to_me(request):
    return selectors.requests_sent_to(_provider(request))


@router.get("/placements/offers/requests/{request_id}", response=PlacementRequestOut, summary="A placement request sent to your organisation")
def request_sent_to_me(request, request_id: int):
    _provider(request)
    return selectors.request_for_provider(request.user, request_id)


@router.put(
    "/placements/offers/requests/{request_id}/offer", response={200: PlacementOfferOut, 201: PlacementOfferOut}, summary="Make or change your offer"
)
def make_offer(request, request_id: int, payload: PlacementOfferIn):
    """Bad input is a 400 naming each field; a request no longer open is a 409."""
    organisation_id = _provider(request)
    placement = selectors.request_for_provider(request.user, request_id)
    existed = selectors.own_offer(placement, organisation_id) is not None
    made = offers.offer_make(request=placement, organisation=request.user.organisation, by=request.user, **payload.dict())
    return Status(200 if existed else 201, made)
