"""API endpoints for consultations.

Consultations that have opened, their questions, and their published 'you
said, we did' are public: anyone may read them without an account. Results
are for staff with the same permission as the results page; another trust's
consultation is "not found". Hidden (small) figures are sent as null with the
reason, never as the true count.
"""

import datetime

from django.http import Http404
from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.api_fields import named_choices
from jointly.core.pagination import PageNumberPagination

from . import selectors
from .models import Consultation
from .suppression import Figure, threshold

router = Router(tags=["consultations"])

ConsultationStatus = named_choices(Consultation.Status, "ConsultationStatus")


class QuestionOut(Schema):
    id: int
    order: int
    kind: str
    text: str
    hint: str
    required: bool
    choices: list[str]


class OutcomeAreaRef(Schema):
    slug: str
    name: str


class ConsultationOut(Schema):
    slug: str
    title: str
    trust: str
    purpose: str
    audiences: list[str]
    outcome_areas: list[OutcomeAreaRef]  # the slugs are those of /api/v1/outcome-areas, or the trust's own
    other_themes: str
    status: str
    opens_on: datetime.date
    closes_on: datetime.date
    report_due_on: datetime.date
    url: str

    @staticmethod
    def resolve_trust(consultation):
        return consultation.trust.slug

    @staticmethod
    def resolve_outcome_areas(consultation):
        return list(consultation.outcome_areas.all())

    @staticmethod
    def resolve_url(consultation):
        return consultation.get_public_url()


class ConsultationDetailOut(ConsultationOut):
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(consultation):
        return selectors.questions_of(consultation=consultation)


class YouSaidWeDidOut(Schema):
    you_said: str
    we_did: str
    published_on: datetime.date


class FigureOut(Schema):
    label: str
    count: int | None
    hidden: str | None = None


class BreakdownOut(Schema):
    title: str
    rows: list[FigureOut]
    total: FigureOut | None = None


class QuestionResultOut(Schema):
    id: int
    text: str
    kind: str
    answered: FigureOut
    breakdown: BreakdownOut | None = None
    themes: list[FigureOut] = []


class ResultsOut(Schema):
    consultation: str
    suppressed_below: int
    total: FigureOut
    by_channel: BreakdownOut
    by_audience: BreakdownOut
    by_age_band: BreakdownOut
    themes: BreakdownOut
    questions: list[QuestionResultOut]


def _figure(label: str, shown: Figure) -> dict:
    return {"label": label, "count": shown.value, "hidden": shown.hidden or None}


def _breakdown(breakdown, *, with_total: bool = True) -> dict:
    return {
        "title": breakdown.title,
        "rows": [_figure(label, shown) for label, shown in breakdown.rows],
        "total": _figure("Total", breakdown.total) if with_total and breakdown.total.text else None,
    }


@router.get("/consultations", response=list[ConsultationOut], auth=None)
@paginate(PageNumberPagination, page_size=50)
def list_consultations(request, status: ConsultationStatus | None = None):
    """Every consultation that has opened, newest first. No account needed."""
    consultations = selectors.public_consultations()
    return consultations.filter(status=status) if status else consultations


@router.get("/consultations/{slug}", response=ConsultationDetailOut, auth=None)
def get_consultation(request, slug: str):
    return _public_or_404(slug)


@router.get("/consultations/{slug}/you-said-we-did", response=list[YouSaidWeDidOut], auth=None)
def list_you_said_we_did(request, slug: str):
    consultation = _public_or_404(slug)
    return list(selectors.published_you_said_we_did(consultation=consultation))


@router.get("/consultations/{slug}/results", response=ResultsOut)
def get_results(request, slug: str):
    consultation = get_object_for(request.user, Perm.CONSULTATION_VIEW_RESULTS, Consultation.objects.select_related("trust"), slug=slug)
    results = selectors.consultation_results(consultation=consultation)
    return {
        "consultation": consultation.slug,
        "suppressed_below": threshold(),
        "total": _figure("Responses", results.total),
        "by_channel": _breakdown(results.by_channel),
        "by_audience": _breakdown(results.by_audience),
        "by_age_band": _breakdown(results.by_age_band),
        "themes": _breakdown(results.themes, with_total=False),
        "questions": [
            {
                "id": result.question.pk,
                "text": result.question.text,
                "kind": result.question.kind,
                "answered": _figure("Answered", result.answered),
                "breakdown": _breakdown(result.breakdown) if result.breakdown else None,
                "themes": [_figure(theme.name, shown) for theme, shown in result.themes],
            }
            for result in results.questions
        ],
    }


def _public_or_404(slug: str) -> Consultation:
    consultation = selectors.public_consultation(slug=slug)
    if consultation is None:
        raise Http404("Not found.")
    return consultation
