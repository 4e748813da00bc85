"""Bids through the API: the bidder's own only (list, read, start a draft, answer, price, submit, withdraw).

Anyone else is refused exactly as on the pages (`selectors.bids.own_bid`): while sealed, staff get a
403 saying so and everyone else a 404, and each attempt is recorded. Bad input is a 400 naming its
fields; a late or out-of-state change a 409 (api/problems.py).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from jointly.core.errors import FieldErrors
from jointly.core.pagination import PageNumberPagination
from jointly.plans import fcr

from ..models import Bid
from ..selectors import bids as selectors
from ..services import bids as services

router = Router(tags=["bids"])


class AnswerOut(Schema):
    question: int
    text: str


class OverheadOut(Schema):
    pool: str
    pool_cost: Decimal
    driver_total: Decimal
    driver_service: Decimal


class MemberOut(Schema):
    organisation: str
    role: str
    work_share: Decimal
    money_share: Decimal
    years_experience: int


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int


class FullCostOut(Schema):
    direct: Decimal
    overheads: Decimal
    total: Decimal
    units: Decimal
    per_unit: Decimal


class BidSummaryOut(Schema):
    id: int
    opportunity: int
    opportunity_ocid: str
    lot: int | None
    status: str
    version: int
    price: Decimal | None
    submitted_at: datetime.datetime | None
    receipt: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_opportunity(bid):
        return bid.opportunity_id

    @staticmethod
    def resolve_opportunity_ocid(bid):
        return bid.opportunity.ocid

    @staticmethod
    def resolve_lot(bid):
        return bid.lot_id


class BidOut(BidSummaryOut):
    organisation: str
    supersedes: int | None
    direct_staff: Decimal | None
    direct_running: Decimal | None
    direct_non_cash: Decimal | None
    units: Decimal | None
    unit_name: str
    lead_role: str
    withdrawn_reason: str
    answers: list[AnswerOut]
    overheads: list[OverheadOut]
    members: list[MemberOut]
    attachments: list[AttachmentOut]
    full_cost: FullCostOut | None
    price_below_full_cost_by: Decimal | None
    still_to_do: dict[str, str]

    @staticmethod
    def resolve_organisation(bid):
        return bid.organisation.slug

    @staticmethod
    def resolve_supersedes(bid):
        return bid.supersedes_id

    @staticmethod
    def resolve_answers(bid):
        return [{"question": answer.question_id, "text": answer.text} for answer in bid.answers.all()]

    @staticmethod
    def resolve_overheads(bid):
        return list(bid.overheads.all())

    @staticmethod
    def resolve_members(bid):
        return [
            {
                "organisation": m.organisation.slug,
                "role": m.role,
                "work_share": m.work_share,
                "money_share": m.money_share,
                "years_experience": m.years_experience,
            }
            for m in bid.members.select_related("organisation")
        ]

    @staticmethod
    def resolve_attachments(bid):
        return list(selectors.bid_attachments(bid))

    @staticmethod
    def resolve_full_cost(bid):
        return services.bid_full_cost(bid)

    @staticmethod
    def resolve_price_below_full_cost_by(bid):
        return services.price_below_full_cost(bid)

    @staticmethod
    def resolve_still_to_do(bid):
        return services.bid_problems(bid) if bid.status == Bid.Status.DRAFT else {}


class BidIn(Schema):
    opportunity: int
    lot: int | None = None


class AnswersIn(Schema):
    # {question id: text}
    answers: dict[int, str]


class PricingIn(Schema):
    price: str | None = None
    direct_staff: str | None = None
    direct_running: str | None = None
    direct_non_cash: str | None = None
    units: str | None = None
    unit_name: str = ""
    # {pool: [its cost, the organisation's whole driver, the service's share]}, pools of plans.fcr.POOLS
    overheads: dict[str, list[str]] = {}


class WithdrawIn(Schema):
    reason: str = ""


def _own(request, bid_id: int) -> Bid:
    return selectors.own_bid(request.user, bid_id, channel="api")


@router.get("/procurement/bids", response=list[BidSummaryOut])
@paginate(PageNumberPagination)
def list_bids(request):
    """Your organisation's bids (nobody else's)."""
    return selectors.own_bids(request.user)


@router.get("/procurement/bids/{bid_id}", response=BidOut)
def get_bid(request, bid_id: int):
    return _own(request, bid_id)


@router.post("/procurement/bids", response={201: BidOut})
def start_bid(request, payload: BidIn):
    """Start a draft bid on an open opportunity (with its lot, when it has lots)."""
    if not services.may_bid(request.user):
        raise PermissionDenied("Only people of a provider organisation make bids.")
    opportunity = selectors.open_for_bids(payload.opportunity)
    lot = None
    if payload.lot is not None:
        lot = opportunity.lots.filter(pk=payload.lot).first()
        if lot is None:
            raise FieldErrors({"lot": "Select a lot of this opportunity"})
    return Status(201, services.bid_start(opportunity=opportunity, by=request.user, lot=lot))


@router.put("/procurement/bids/{bid_id}/answers", response=BidOut)
def save_answers(request, bid_id: int, payload: AnswersIn):
    bid = _own(request, bid_id)
    services.bid_answers_save(bid=bid, by=request.user, answers=payload.answers)
    return _own(request, bid_id)


@router.put("/procurement/bids/{bid_id}/pricing", response=BidOut)
def save_pricing(request, bid_id: int, payload: PricingIn):
    bid = _own(request, bid_id)
    data = payload.dict()
    overheads = {}
    for key, figures in data.pop("overheads").items():
        if key in fcr.POOLS and len(figures) != 3:
            raise FieldErrors({key: "Send three figures: the pool's cost, the organisation's whole driver and the service's share"})
        overheads[key] = tuple(figures) if len(figures) == 3 else ("", "", "")
    services.bid_pricing_save(bid=bid, by=request.user, overheads=overheads, **data)
    return _own(request, bid_id)


@router.post("/procurement/bids/{bid_id}/submit", response=BidOut)
def submit_bid(request, bid_id: int):
    """Submit a draft: every problem is a 400 at once; after the closing time a 409."""
    return services.bid_submit(bid=_own(request, bid_id), by=request.user)


@router.post("/procurement/bids/{bid_id}/withdraw", response=BidOut)
def withdraw_bid(request, bid_id: int, payload: WithdrawIn):
    return services.bid_withdraw(bid=_own(request, bid_id), by=request.user, reason=payload.reason)
