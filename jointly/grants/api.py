"""The grants API: published programmes (open), an organisation's own applications, and the panel's list.

The 360Giving export is open data at /api/360giving/grants (see urls.py), outside this keyed API.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, has_perm, require
from jointly.core.pagination import PageNumberPagination

from . import selectors
from .models import GrantProgramme

router = Router(tags=["grants"])


class ProgrammeOut(Schema):
    id: int
    trust: str
    title: str
    description: str
    eligibility: str
    fund_size: Decimal
    max_award: Decimal
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    status: str
    criteria: list[str]
    questions: list[str]

    @staticmethod
    def resolve_trust(programme):
        return programme.trust.slug

    @staticmethod
    def resolve_criteria(programme):
        return [criterion.title for criterion in programme.criteria.all()]

    @staticmethod
    def resolve_questions(programme):
        return [question.text for question in programme.questions.all()]


class ApplicationOut(Schema):
    id: int
    programme: int
    project_title: str
    status: str
    amount_requested: Decimal | None
    amount_awarded: Decimal | None
    feedback: str

    @staticmethod
    def resolve_programme(application):
        return application.programme_id

    @staticmethod
    def resolve_feedback(application):
        # Feedback is the applicant's once the decision is made.
        return application.feedback if application.decided_at else ""


class PanelApplicationOut(Schema):
    id: int
    organisation: str
    project_title: str
    summary: str
    amount_requested: Decimal | None
    my_score: int | None

    @staticmethod
    def resolve_organisation(application):
        return application.organisation.name

    @staticmethod
    def resolve_my_score(application):
        return application.my_scores[0].score if application.my_scores else None


@router.get("/grants/programmes", response=list[ProgrammeOut], auth=None, summary="Published grant programmes")
@paginate(PageNumberPagination)
def programmes(request):
    return selectors.public_programmes().prefetch_related("criteria", "questions")


@router.get("/grants/applications", response=list[ApplicationOut], summary="Your organisation's grant applications")
@paginate(PageNumberPagination)
def own_applications(request):
    if not has_perm(request.user, Perm.GRANT_APPLY) or not request.user.organisation_id:
        raise PermissionDenied("Only people who work for an organisation can apply for grants.")
    return selectors.applications_of(request.user.organisation_id)


@router.get(
    "/grants/programmes/{programme_id}/panel", response=list[PanelApplicationOut], summary="The applications you may score, as a panel member"
)
def panel(request, programme_id: int):
    programme = get_object_or_404(GrantProgramme.objects.exclude(status="draft"), pk=programme_id)
    require(request.user, Perm.EVALUATION_TAKE_PART, programme)
    return list(selectors.panel_applications(request.user, programme))
