"""API for reviews and improvement plans, with the pages' permissions: staff their trusts' contracts',
a provider's people their own contracts' (another's is 404).

Writes call the same services as the pages and answer as they do: bad input is a 400 naming each field
(every problem at once), a move the record's state refuses a 409, and a refused write leaves nothing.
Staff write with CONTRACTS_MANAGE; a provider's people accept their own plans and nothing else (403)."""

from __future__ import annotations

import datetime
import enum

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm
from jointly.consultations.models import Consultation
from jointly.contracts.selectors.contracts import contract_for
from jointly.core.api_fields import RecordId, named_choices
from jointly.core.errors import FieldErrors
from jointly.core.pagination import PageNumberPagination
from jointly.core.transitions import version_of

from .models import ImprovementAction, ImprovementPlan, Review
from .selectors import reviews as selectors
from .services import plans as plan_services
from .services import reviews as services

router = Router(tags=["reviews"])

ReviewDecision = named_choices(Review.Decision, "ReviewDecision")
ActionSide = named_choices(ImprovementAction.Side, "ImprovementActionSide")


class ActionEnd(enum.StrEnum):
    """How an open action ends: the page's "Mark as done" and "Drop"."""

    DONE = ImprovementAction.Status.DONE.value
    DROPPED = ImprovementAction.Status.DROPPED.value


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
    no_consultation_reason: str
    families_said: str
    finding: str
    decision: str
    decision_evidence: str
    completed_on: datetime.date | None
    # Send it back with a change: if someone changed the review since, the change is refused (409).
    version: str

    @staticmethod
    def resolve_contract(review):
        return review.contract_id

    @staticmethod
    def resolve_contract_reference(review):
        return review.contract.reference

    @staticmethod
    def resolve_consultation(review):
        return review.consultation_id

    @staticmethod
    def resolve_version(review):
        # Ninja checks a returned schema against the response again, resolving from the schema itself.
        return version_of(review) if isinstance(review, Review) else review.version


class ReviewDetailOut(ReviewOut):
    improvement_plan: int | None = Field(None, description="The plan an 'improve' decision opened")

    @staticmethod
    def resolve_improvement_plan(review):
        if not isinstance(review, Review):
            return review.improvement_plan
        return ImprovementPlan.objects.filter(review=review).values_list("pk", flat=True).first()


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


# Fields the services check are optional here, so a missing one is refused with the service's own reason,
# together with every other problem it finds.


class ReviewIn(Schema):
    due_on: datetime.date | None = None


class ReviewRecordIn(Schema):
    """Any of the review's parts; those left out are kept. Null empties a part."""

    outcomes_finding: str | None = None
    need_finding: str | None = None
    consultation: RecordId | None = Field(None, description="One of the trust's consultations (not a draft)")
    no_consultation_reason: str | None = None
    families_said: str | None = None
    finding: str | None = None
    decision: ReviewDecision | None = None
    decision_evidence: str | None = None
    version: str | None = Field(None, description="The version you read; a change someone made since is refused (409)")


class PlanIn(Schema):
    aim: str = ""
    review_by: datetime.date | None = None
    review: RecordId | None = Field(None, description="The review of this contract the plan follows")


class ActionIn(Schema):
    text: str = ""
    owner_side: ActionSide | None = None
    owner: str = Field("", max_length=200)
    due_on: datetime.date | None = None


class ActionEndIn(Schema):
    status: ActionEnd
    note: str = Field("", description="Why, when the action is dropped")


class PlanCloseIn(Schema):
    completed: bool = Field(..., description="True: completed (no open action); false: failed")
    outcome: str = ""


def chosen(queryset, pk: int | None, field: str, message: str):
    """The record a request body names by id, from those the page would offer; a missing one is bad input.

    (The decommissioning API, above this app, uses it too.)"""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise FieldErrors({field: message})
    return found


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


@router.get("/reviews/{review_id}", response=ReviewDetailOut)
def review(request, review_id: int):
    return selectors.review_for(request.user, review_id, Perm.CONTRACTS_VIEW)


@router.post("/contracts/{contract_id}/reviews", response={201: ReviewDetailOut}, summary="Plan a review when one is needed")
def review_create(request, contract_id: int, payload: ReviewIn):
    contract = contract_for(request.user, contract_id, Perm.CONTRACTS_MANAGE)
    return Status(201, services.review_create(contract=contract, by=request.user, due_on=payload.due_on))


@router.post("/contracts/{contract_id}/reviews/schedule", response=list[ReviewOut], summary="Plan the reviews the term calls for")
def review_schedule(request, contract_id: int):
    """The yearly reviews and the one six months before the end still to come; those already planned are kept (the answer lists the new ones)."""
    contract = contract_for(request.user, contract_id, Perm.CONTRACTS_MANAGE)
    return services.reviews_schedule(contract=contract, by=request.user)


@router.patch("/reviews/{review_id}", response=ReviewDetailOut, summary="Record what the review found, and its decision")
def review_record(request, review_id: int, payload: ReviewRecordIn):
    review = selectors.review_for(request.user, review_id, Perm.CONTRACTS_MANAGE)
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version", None)
    if "consultation" in fields:
        consultations = Consultation.objects.filter(trust_id=review.contract.trust_id).exclude(status=Consultation.Status.DRAFT)
        fields["consultation"] = chosen(consultations, fields["consultation"], "consultation", "Choose one of this trust's consultations")
    for name, value in fields.items():
        if value is None and name != "consultation":
            fields[name] = ""  # a part emptied
    services.review_record(review=review, by=request.user, version=version, **fields)
    return selectors.review_for(request.user, review_id)


@router.post("/reviews/{review_id}/complete", response=ReviewDetailOut, summary="Complete the review: every missing part is a 400 naming its field")
def review_complete(request, review_id: int):
    """An "improve" decision opens a draft improvement plan (its id in the answer) to agree with the provider."""
    review = selectors.review_for(request.user, review_id, Perm.CONTRACTS_MANAGE)
    services.review_complete(review=review, by=request.user)
    return selectors.review_for(request.user, review_id)


@router.get("/improvement-plans/{plan_id}", response=PlanOut)
def plan(request, plan_id: int):
    return selectors.plan_for(request.user, plan_id, Perm.CONTRACTS_VIEW)


@router.post("/contracts/{contract_id}/improvement-plans", response={201: PlanOut}, summary="Start an improvement plan")
def plan_create(request, contract_id: int, payload: PlanIn):
    contract = contract_for(request.user, contract_id, Perm.CONTRACTS_MANAGE)
    review = chosen(contract.reviews.all(), payload.review, "review", "Choose a review of this contract")
    made = plan_services.plan_create(contract=contract, by=request.user, aim=payload.aim, review_by=payload.review_by, review=review)
    return Status(201, selectors.plan_for(request.user, made.pk))


@router.post("/improvement-plans/{plan_id}/actions", response={201: ActionOut}, summary="Add an action, with its owner and date")
def action_add(request, plan_id: int, payload: ActionIn):
    plan = selectors.plan_for(request.user, plan_id, Perm.CONTRACTS_MANAGE)
    data = payload.dict()
    return Status(201, plan_services.action_add(plan=plan, by=request.user, **(data | {"owner_side": data["owner_side"] or ""})))


@router.post("/improvement-plans/{plan_id}/actions/{action_id}/status", response=ActionOut, summary="Mark an open action done, or drop it (with why)")
def action_end(request, plan_id: int, action_id: int, payload: ActionEndIn):
    plan = selectors.plan_for(request.user, plan_id, Perm.CONTRACTS_MANAGE)
    action = get_object_or_404(ImprovementAction, plan=plan, pk=action_id)
    service = plan_services.action_drop if payload.status == ActionEnd.DROPPED else plan_services.action_finish
    return service(action=action, by=request.user, note=payload.note)


@router.post("/improvement-plans/{plan_id}/accept", response=PlanOut, summary="The provider accepts the plan as drafted")
def plan_accept(request, plan_id: int):
    """For the provider's own people: the trust then records the plan as agreed."""
    plan = selectors.plan_for(request.user, plan_id, Perm.CONTRACTS_VIEW)
    if request.user.role != Role.PROVIDER_USER:
        # plan_for has already answered "not found" to anyone else's provider.
        raise PermissionDenied("Only the provider's own people can accept the plan for the provider.")
    plan_services.plan_accept(plan=plan, by=request.user)
    return selectors.plan_for(request.user, plan_id)


@router.post("/improvement-plans/{plan_id}/agree", response=PlanOut, summary="Record the plan as agreed, once the provider has accepted it")
def plan_agree(request, plan_id: int):
    plan = selectors.plan_for(request.user, plan_id, Perm.CONTRACTS_MANAGE)
    plan_services.plan_agree(plan=plan, by=request.user)
    return selectors.plan_for(request.user, plan_id)


@router.post("/improvement-plans/{plan_id}/close", response=PlanOut, summary="Close an agreed plan as completed or failed, with its outcome")
def plan_close(request, plan_id: int, payload: PlanCloseIn):
    plan = selectors.plan_for(request.user, plan_id, Perm.CONTRACTS_MANAGE)
    plan_services.plan_close(plan=plan, by=request.user, completed=payload.completed, outcome=payload.outcome)
    return selectors.plan_for(request.user, plan_id)
