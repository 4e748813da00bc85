"""API for opportunities and clarifications, with the pages' permissions.

Published opportunities and their answered clarifications are open (auth=None), like their pages;
the trust's own list and its drafts need PROCUREMENT_VIEW in the trust (another trust's is 404).
Asking a question needs an account. Route advice is open: it is the law, as data.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for, require
from jointly.core.errors import FieldErrors
from jointly.core.pagination import PageNumberPagination
from jointly.partnerships.models import Trust

from .. import routes
from ..models import Opportunity
from ..selectors import opportunities as selectors
from ..services import clarifications as clarification_services
from ..services.opportunities import publish_problems

router = Router(tags=["procurement: opportunities"])


class OpportunityOutcomeOut(Schema):
    text: str
    measure: str


class OpportunityLotOut(Schema):
    number: int
    title: str
    description: str
    value_inc_vat: Decimal | None
    suitable_for_sme: bool
    suitable_for_vcse: bool

    @staticmethod
    def resolve_value_inc_vat(lot):
        return lot.value


class OpportunityCriterionOut(Schema):
    id: int
    title: str
    kind: str
    description: str
    weight: int
    lot: int | None

    @staticmethod
    def resolve_lot(criterion):
        return criterion.lot.number if criterion.lot_id else None


class OpportunityScaleOut(Schema):
    score: int
    meaning: str


class OpportunityQuestionOut(Schema):
    id: int
    text: str
    guidance: str
    word_limit: int | None
    required: bool
    criterion: int | None

    @staticmethod
    def resolve_criterion(question):
        return question.criterion_id


class OpportunityOut(Schema):
    id: int
    ocid: str
    trust: str
    title: str
    description: str
    specification: str
    route: str
    status: str
    estimated_value_inc_vat: Decimal
    budget_inc_vat: Decimal | None
    published_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    cancelled_reason: str
    scale_max: int
    url: str
    outcomes: list[OpportunityOutcomeOut]
    lots: list[OpportunityLotOut]
    criteria: list[OpportunityCriterionOut]
    scale: list[OpportunityScaleOut]
    questions: list[OpportunityQuestionOut]

    @staticmethod
    def resolve_trust(item):
        return item.trust.slug

    @staticmethod
    def resolve_estimated_value_inc_vat(item):
        return item.estimated_value

    @staticmethod
    def resolve_budget_inc_vat(item):
        # The budget is published only where the trust chooses.
        return item.budget if item.budget_published else None

    @staticmethod
    def resolve_url(item, context):
        return context["request"].build_absolute_uri(reverse("procurement:public-opportunity", args=[item.trust.slug, item.pk]))

    @staticmethod
    def resolve_outcomes(item):
        return list(item.outcomes.all())

    @staticmethod
    def resolve_lots(item):
        return list(item.lots.all())

    @staticmethod
    def resolve_criteria(item):
        return list(item.criteria.all())

    @staticmethod
    def resolve_scale(item):
        return list(item.scale.all())

    @staticmethod
    def resolve_questions(item):
        return list(item.questions.all())


class StaffOpportunityOut(OpportunityOut):
    intention: int
    budget_inc_vat_unpublished: Decimal | None
    route_justification: str
    publish_problems: dict[str, str]

    @staticmethod
    def resolve_intention(item):
        return item.intention_id

    @staticmethod
    def resolve_budget_inc_vat_unpublished(item):
        return item.budget

    @staticmethod
    def resolve_publish_problems(item):
        return publish_problems(item) if item.status == Opportunity.Status.DRAFT else {}


class ClarificationOut(Schema):
    id: int
    question: str
    answer: str
    answered_at: datetime.datetime | None

    @staticmethod
    def resolve_question(item):
        return item.published_question


class ClarificationAskIn(Schema):
    question: str


class ClarificationAskedOut(Schema):
    id: int
    status: str


class RouteAdviceOut(Schema):
    route: str
    label: str
    open: bool
    reason: str
    min_response_days: int
    standstill_working_days: int
    justification_required: bool
    run_as_grant: bool


def _public(slug: str, opportunity_id: int) -> Opportunity:
    found = selectors.published_opportunity(trust_slug=slug, pk=opportunity_id)
    if found is None:
        raise Http404("Not found.")
    return found


@router.get("/procurement/opportunities", response=list[OpportunityOut], auth=None)
@paginate(PageNumberPagination, page_size=50)
def opportunities(request, when: str = "open", trust: str = "", route: str = "", suitable: str = ""):
    """Published opportunities: open now (when=open) or closed (when=closed). Open: no account needed."""
    return selectors.opportunity_detail(selectors.public_opportunities(when=when, trust_slug=trust, route=route, suitable=suitable))


@router.get("/procurement/opportunities/{slug}/{opportunity_id}", response=OpportunityOut, auth=None)
def opportunity(request, slug: str, opportunity_id: int):
    return _public(slug, opportunity_id)


@router.get("/procurement/opportunities/{slug}/{opportunity_id}/clarifications", response=list[ClarificationOut], auth=None)
def clarifications(request, slug: str, opportunity_id: int):
    """The answered clarification questions, as published: who asked is never included."""
    return list(selectors.answered_clarifications(_public(slug, opportunity_id)))


@router.post("/procurement/opportunities/{slug}/{opportunity_id}/clarifications", response={201: ClarificationAskedOut})
def ask(request, slug: str, opportunity_id: int, payload: ClarificationAskIn):
    asked = clarification_services.clarification_ask(opportunity=_public(slug, opportunity_id), by=request.user, question=payload.question)
    return Status(201, asked)


@router.get("/procurement/{slug}/opportunities", response=list[StaffOpportunityOut])
@paginate(PageNumberPagination, page_size=50)
def trust_opportunities(request, slug: str, status: str = ""):
    """Every opportunity of the trust, drafts included (staff who see procurement)."""
    trust = get_object_for(request.user, Perm.PROCUREMENT_VIEW, Trust.objects.all(), slug=slug)
    return selectors.opportunity_detail(selectors.opportunities_for(trust=trust, status=status))


@router.get("/procurement/{slug}/opportunities/{opportunity_id}", response=StaffOpportunityOut)
def trust_opportunity(request, slug: str, opportunity_id: int):
    trust = get_object_for(request.user, Perm.PROCUREMENT_VIEW, Trust.objects.all(), slug=slug)
    found = get_object_or_404(selectors.opportunity_detail(Opportunity.objects.filter(trust=trust)), pk=opportunity_id)
    require(request.user, Perm.PROCUREMENT_VIEW, found)
    return found


@router.get("/procurement/routes", response=list[RouteAdviceOut], auth=None)
def route_advice(request, value: Decimal, light_touch: bool = True, health_care: bool = False, on: datetime.date | None = None):
    """Every route in force on the day (today by default), open or not for this value (including VAT) and kind of service, with the reason."""
    if value < 0:
        raise FieldErrors({"value": "Enter a value of £0 or more"})
    return [
        {
            "route": item.route,
            "label": item.label,
            "open": item.open,
            "reason": item.reason,
            "min_response_days": item.rule.min_response_days,
            "standstill_working_days": item.rule.standstill_working_days,
            "justification_required": item.rule.justification_required,
            "run_as_grant": item.rule.run_as_grant,
        }
        for item in routes.advise(value, light_touch, health_care, on)
    ]
