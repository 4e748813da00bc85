"""Reads for consultations. Lists are narrowed to what the person may see.

`consultation_results` builds the whole results page in a fixed number of
queries however many responses there are: counts are grouped in the database,
and only the choices of multiple-choice answers (a JSON list) are counted here.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from jointly.accounts.permissions import trust_ids_for
from jointly.core.charts import BarChart, bar_chart
from jointly.needs.models import OutcomeArea

from .models import AgeBand, Answer, Audience, Channel, Coding, Consultation, Question, Response, Theme, YouSaidWeDid
from .suppression import Figure, figure, suppress

PUBLIC_STATUSES = (Consultation.Status.OPEN, Consultation.Status.CLOSED, Consultation.Status.REPORTED)


# --- Lists -------------------------------------------------------------------


def consultations_visible_to(*, user) -> QuerySet[Consultation]:
    ids = trust_ids_for(user)
    consultations = Consultation.objects.select_related("trust").annotate(response_count=Count("responses"))
    return consultations if ids is None else consultations.filter(trust_id__in=ids)


def public_consultations() -> QuerySet[Consultation]:
    """Consultations anyone may read about: every one that has opened."""
    return (
        Consultation.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("trust__area")
        .prefetch_related(Prefetch("outcome_areas", queryset=OutcomeArea.objects.order_by("order", "name")))
        .order_by("-opens_on", "title")
    )


def public_consultation(*, slug: str) -> Consultation | None:
    return public_consultations().filter(slug=slug).first()


def published_you_said_we_did(*, consultation: Consultation) -> QuerySet[YouSaidWeDid]:
    if consultation.status != Consultation.Status.REPORTED:
        return YouSaidWeDid.objects.none()
    return consultation.you_said_we_did.filter(status=YouSaidWeDid.Status.PUBLISHED).order_by("order", "id")


def consultations_past_closing(*, today: datetime.date) -> QuerySet[Consultation]:
    return Consultation.objects.filter(status=Consultation.Status.OPEN, closes_on__lt=today)


def consultations_past_retention(*, today: datetime.date) -> QuerySet[Consultation]:
    return Consultation.objects.filter(retention_until__lt=today, responses_erased_on__isnull=True).exclude(status=Consultation.Status.DRAFT)


def questions_of(*, consultation: Consultation) -> list[Question]:
    return list(consultation.questions.order_by("order", "id"))


def text_answers(*, question: Question) -> QuerySet[Answer]:
    """Free-text answers with their themes, newest last. Only the text: never who or how old."""
    return (
        Answer.objects.filter(question=question)
        .exclude(text="")
        .prefetch_related(Prefetch("codings", queryset=Coding.objects.only("id", "answer_id", "theme_id")))
        .only("id", "text", "question_id")
        .order_by("id")
    )


# --- Results -----------------------------------------------------------------


@dataclass
class Breakdown:
    title: str
    rows: list[tuple[str, Figure]]
    total: Figure
    chart: BarChart | None = None
    note: str = ""


@dataclass
class QuestionResult:
    question: Question
    answered: Figure
    breakdown: Breakdown | None = None
    text_count: int = 0
    themes: list[tuple[Theme, Figure]] = field(default_factory=list)


@dataclass
class Results:
    total: Figure
    by_channel: Breakdown
    by_audience: Breakdown
    by_age_band: Breakdown
    questions: list[QuestionResult]
    themes: Breakdown
    any_hidden: bool


def _breakdown(title: str, labelled_counts: list[tuple[str, int]], *, additive: bool, chart: bool = True) -> Breakdown:
    figures = suppress([count for _, count in labelled_counts], additive=additive)
    rows = [(label, shown) for (label, _), shown in zip(labelled_counts, figures, strict=True)]
    total = figure(sum(count for _, count in labelled_counts)) if additive else Figure(None, "")
    return Breakdown(title=title, rows=rows, total=total, chart=_chart(title, rows) if chart else None)


def _chart(title: str, rows: list[tuple[str, Figure]]) -> BarChart:
    """Hidden (small) figures have no bar, only their words."""
    return bar_chart([(label, shown.value, shown.text) for label, shown in rows], title=title, largest="The largest shown is '{label}' with {text}.")


def _hidden(*breakdowns: Breakdown | None) -> bool:
    return any(shown.hidden for b in breakdowns if b for _, shown in b.rows)


def consultation_results(*, consultation: Consultation) -> Results:
    # 1. Who answered: one grouped query gives channel, audience and age band.
    channel, audience, age_band = Counter(), Counter(), Counter()
    grouped = Response.objects.filter(consultation=consultation).values_list("channel", "audience", "age_band").annotate(n=Count("id")).order_by()
    for chan, aud, band, n in grouped:
        channel[chan] += n
        audience[aud] += n
        age_band[band] += n
    total = sum(channel.values())
    audiences = [value for value in Audience.values if value in consultation.audiences or audience[value]]
    by_channel = _breakdown("Responses by how they were given", [(Channel(v).label, channel[v]) for v in Channel.values], additive=True)
    by_audience = _breakdown("Responses by who answered", [(Audience(v).label, audience[v]) for v in audiences], additive=True)
    by_age_band = _breakdown("Responses by age", [(AgeBand(v).label, age_band[v]) for v in AgeBand.values], additive=True)

    # 2. The questions, and how many answered each.
    questions = questions_of(consultation=consultation)
    answered = dict(Answer.objects.filter(question__consultation=consultation).values_list("question_id").annotate(n=Count("id")).order_by())
    # 3. Choices and scale points, grouped in the database.
    single = Counter()
    for question_id, choice, n in (
        Answer.objects.filter(question__consultation=consultation, question__kind=Question.Kind.SINGLE)
        .values_list("question_id", "choice")
        .annotate(n=Count("id"))
        .order_by()
    ):
        single[(question_id, choice)] += n
    scale = Counter()
    for question_id, point, n in (
        Answer.objects.filter(question__consultation=consultation, question__kind=Question.Kind.SCALE)
        .values_list("question_id", "scale")
        .annotate(n=Count("id"))
        .order_by()
    ):
        scale[(question_id, point)] += n
    # 4. Multiple choice: a list per answer, counted here.
    multiple = Counter()
    for question_id, choices in Answer.objects.filter(question__consultation=consultation, question__kind=Question.Kind.MULTIPLE).values_list(
        "question_id", "choices"
    ):
        for choice in choices or ():
            multiple[(question_id, choice)] += 1
    # 5. Themes, overall and per question.
    themes = list(consultation.themes.annotate(n=Count("codings")).order_by("name"))
    per_question_theme = Counter()
    for question_id, theme_id, n in (
        Coding.objects.filter(theme__consultation=consultation).values_list("answer__question_id", "theme_id").annotate(n=Count("id")).order_by()
    ):
        per_question_theme[(question_id, theme_id)] = n

    results = []
    for question in questions:
        result = QuestionResult(question=question, answered=figure(answered.get(question.pk, 0)))
        if question.kind == Question.Kind.SINGLE:
            counts = [(choice, single[(question.pk, choice)]) for choice in question.choices]
            result.breakdown = _breakdown(question.text, counts, additive=True)
        elif question.kind == Question.Kind.MULTIPLE:
            counts = [(choice, multiple[(question.pk, choice)]) for choice in question.choices]
            result.breakdown = _breakdown(question.text, counts, additive=False)
            result.breakdown.note = "People could choose more than one answer, so the figures add up to more than the number who answered."
        elif question.kind == Question.Kind.SCALE:
            counts = [(label, scale[(question.pk, point)]) for point, label in question.scale_labels()]
            result.breakdown = _breakdown(question.text, counts, additive=True)
        else:
            result.text_count = answered.get(question.pk, 0)
            result.themes = [
                (theme, shown)
                for theme, shown in zip(
                    themes, suppress([per_question_theme[(question.pk, theme.pk)] for theme in themes], additive=False), strict=True
                )
            ]
        results.append(result)

    theme_breakdown = _breakdown("Free-text answers by theme", [(theme.name, theme.n) for theme in themes], additive=False)
    theme_breakdown.note = "One answer can be coded to more than one theme."
    any_hidden = _hidden(by_channel, by_audience, by_age_band, theme_breakdown, *(r.breakdown for r in results)) or any(
        shown.hidden for r in results for _, shown in r.themes
    )
    return Results(
        total=figure(total),
        by_channel=by_channel,
        by_audience=by_audience,
        by_age_band=by_age_band,
        questions=results,
        themes=theme_breakdown,
        any_hidden=any_hidden or any(r.answered.hidden for r in results),
    )


def response_count(*, consultation: Consultation) -> int:
    return consultation.responses.count()


def consultation_summary_counts(*, consultation: Consultation) -> dict[str, int]:
    return consultation.responses.aggregate(
        total=Count("id"),
        online=Count("id", filter=Q(channel=Channel.ONLINE)),
        offline=Count("id", filter=~Q(channel=Channel.ONLINE)),
    )
