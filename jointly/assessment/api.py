"""API endpoints for priorities and published needs assessments.

Priorities are read with the same permission as the pages (assessment.view);
another trust's priority is "not found". Published needs assessments are public
documents: anyone may read them without an account, exactly as published.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, decide, get_object_for
from jointly.core.api_fields import named_choices
from jointly.core.pagination import PageNumberPagination

from . import selectors
from .models import Priority

router = Router(tags=["needs assessment"])

PriorityStatus = named_choices(Priority.Status, "PriorityStatus")


class TargetOut(Schema):
    indicator_id: int
    indicator_code: str
    indicator: str
    direction: str
    baseline_value: float
    baseline_period: str
    target_value: float
    target_period: str

    @staticmethod
    def resolve_indicator_code(target):
        return target.indicator.code

    @staticmethod
    def resolve_indicator(target):
        return target.indicator.name


class ApprovalOut(Schema):
    body: str
    meeting_date: datetime.date
    minute_reference: str


class PriorityOut(Schema):
    id: int
    trust: str
    period: str
    title: str
    description: str
    outcome_area: str
    status: str
    approval: ApprovalOut | None
    targets: list[TargetOut]

    @staticmethod
    def resolve_trust(priority):
        return priority.trust.slug

    @staticmethod
    def resolve_outcome_area(priority):
        return priority.outcome_area.name

    @staticmethod
    def resolve_approval(priority):
        if priority.approved_by_body is None:
            return None
        return {
            "body": priority.approved_by_body.name,
            "meeting_date": priority.approval_meeting_date,
            "minute_reference": priority.approval_minute_reference,
        }

    @staticmethod
    def resolve_targets(priority):
        return list(priority.targets.all())


class AssessmentSummaryOut(Schema):
    id: int
    trust: str
    period: str
    version: int
    title: str
    published_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_trust(assessment):
        return assessment.trust.slug

    @staticmethod
    def resolve_url(assessment):
        return assessment.get_absolute_url()


class AssessmentOut(AssessmentSummaryOut):
    summary: str
    content: dict

    @staticmethod
    def resolve_content(assessment):
        return assessment.snapshot


@router.get("/priorities", response=list[PriorityOut])
@paginate(PageNumberPagination, page_size=50)
def list_priorities(request, trust: str = "", status: PriorityStatus | None = None):
    decision = decide(request.user, Perm.ASSESSMENT_VIEW)
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    priorities = selectors.priority_list(user=request.user, status=status or "")
    if trust:
        priorities = priorities.filter(trust__slug=trust)
    return priorities


@router.get("/priorities/{priority_id}", response=PriorityOut)
def get_priority(request, priority_id: int):
    return get_object_for(request.user, Perm.ASSESSMENT_VIEW, selectors.priority_list(user=request.user), pk=priority_id)


@router.get("/needs-assessments", response=list[AssessmentSummaryOut], auth=None)
@paginate(PageNumberPagination, page_size=50)
def list_published(request, trust: str = ""):
    published = selectors.published_assessments()
    return published.filter(trust__slug=trust) if trust else published


@router.get("/needs-assessments/{assessment_id}", response=AssessmentOut, auth=None)
def get_published(request, assessment_id: int):
    return get_object_or_404(selectors.published_assessments(), pk=assessment_id)
