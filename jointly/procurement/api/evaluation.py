"""Evaluations (the panel's only) and awards (public once awarded).

An evaluation is the panel's: a member sees it once they have submitted their own scores
(independence), and never a bid they declared a conflict with. Those who run the procurement see it
too. An award is public once the standstill has ended and the opportunity is awarded.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, require
from jointly.core.pagination import PageNumberPagination

from ..models import Award, Opportunity
from ..selectors import evaluation as read

router = Router(tags=["procurement: evaluation and award"])


class LineOut(Schema):
    criterion: str
    kind: str
    weight: int
    score: int | None
    reason: str
    weighted: str
    working: str


class ResultOut(Schema):
    bid: int
    organisation: str
    lot: str
    price: str | None
    total: str
    rank: int
    criteria: list[LineOut]
    abnormally_low_price: str


class EvaluationOut(Schema):
    opportunity: int
    ocid: str
    status: str
    scale_max: int
    results: list[ResultOut]


@router.get("/procurement/opportunities/{opportunity_id}/evaluation", response=EvaluationOut)
def evaluation(request, opportunity_id: int):
    """The moderated scores, the arithmetic and the ranking, for the panel and those who run the procurement."""
    opportunity = get_object_or_404(Opportunity, pk=opportunity_id)
    member = read.panel_place(request.user, opportunity)
    if member is None:
        require(request.user, Perm.PROCUREMENT_MANAGE, opportunity)
    elif member.scores_submitted_at is None:
        raise PermissionDenied("Submit your own scores before you see the panel's.")
    bids = read.bids_for_viewer(request.user, opportunity)
    results = []
    for lot in read.evaluation_results(opportunity, bids):
        for result in lot.results:
            results.append({**read.result_as_data(result), "abnormally_low_price": result.low_price})
    return {
        "opportunity": opportunity.pk,
        "ocid": opportunity.ocid,
        "status": opportunity.status,
        "scale_max": opportunity.scale_max,
        "results": results,
    }


class AwardOut(Schema):
    id: int
    ocid: str
    opportunity: str
    lot: str
    supplier: str
    value: Decimal
    status: str
    decided_at: datetime.datetime
    standstill_ends_on: datetime.date | None
    ready_at: datetime.datetime | None

    @staticmethod
    def resolve_ocid(award):
        return award.decision.opportunity.ocid

    @staticmethod
    def resolve_opportunity(award):
        return award.decision.opportunity.title

    @staticmethod
    def resolve_lot(award):
        return award.lot.title if award.lot_id else ""

    @staticmethod
    def resolve_supplier(award):
        return award.organisation.name

    @staticmethod
    def resolve_decided_at(award):
        return award.decision.decided_at

    @staticmethod
    def resolve_standstill_ends_on(award):
        return award.decision.standstill_ends_on


def _public_awards():
    return Award.objects.filter(decision__opportunity__status=Opportunity.Status.AWARDED, status=Award.Status.READY_FOR_CONTRACT).select_related(
        "decision__opportunity", "lot", "organisation"
    )


@router.get("/procurement/awards", response=list[AwardOut], auth=None)
@paginate(PageNumberPagination, page_size=50)
def awards(request):
    """Awards whose standstill has ended. Open: no account needed."""
    return _public_awards().order_by("-ready_at", "-pk")


@router.get("/procurement/awards/{award_id}", response=AwardOut, auth=None)
def award(request, award_id: int):
    found = _public_awards().filter(pk=award_id).first()
    if found is None:
        raise Http404("Not found.")
    return found
