"""API for reviews and improvement plans, with the pages' permissions: staff their trusts' contracts',
a provider's people their own contracts' (another's is 404)."""

from __future__ import annotations

import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm
from jointly.core.pagination import PageNumberPagination

from .selectors import reviews as selectors

router = Router(tags=["reviews"])


class ReviewOut(Schema):
    id: int
    contract: int
    contract_reference: str
    kind: str
    status: str
    due_on: datetime.date
    outcomes_finding: str
    need_finding: str
    consultation: int | None
    families_said: str
    finding: str
    decision: str
    decision_evidence: str
    completed_on: datetime.date | None

    @staticmethod
    def resolve_contract(review):
        return review.contract_id

    @staticmethod
    def resolve_contract_reference(review):
        return review.contract.reference

    @staticmethod
    def resolve_consultation(review):
        return review.consultation_id


class ActionOut(Schema):
    id: int
    text: str
    owner_side: str
    owner: str
    due_on: datetime.date
    status: str
    overdue: bool

    @staticmethod
    def resolve_overdue(action):
        return action.is_overdue(datetime.date.today())


class PlanOut(Schema):
    id: int
    contract: int
    review: int | None
    status: str
    aim: str
    review_by: datetime.date
    provider_accepted: bool
    agreed_on: datetime.date | None
    outcome: str
    actions: list[ActionOut]

    @staticmethod
    def resolve_contract(plan):
        return plan.contract_id

    @staticmethod
    def resolve_review(plan):
        return plan.review_id

    @staticmethod
    def resolve_provider_accepted(plan):
        return plan.provider_accepted_at is not None

    @staticmethod
    def resolve_actions(plan):
        return list(plan.actions.all())


@router.get("/reviews", response=list[ReviewOut])
@paginate(PageNumberPagination, page_size=50)
def reviews(request, trust: str = "", status: str = ""):
    """The reviews of the contracts the caller may see: staff their trusts', a provider's people their own."""
    queryset = selectors.reviews_visible(request.user)
    if trust:
        queryset = queryset.filter(contract__trust__slug=trust)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("due_on", "pk")


@router.get("/reviews/{review_id}", response=ReviewOut)
def review(request, review_id: int):
    return selectors.review_for(request.user, review_id, Perm.CONTRACTS_VIEW)


@router.get("/improvement-plans/{plan_id}", response=PlanOut)
def plan(request, plan_id: int):
    return selectors.plan_for(request.user, plan_id, Perm.CONTRACTS_VIEW)
