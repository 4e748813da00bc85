"""Anonymous responses: checking, storing and, after the retention date, deleting them.

Every message here may be read by a twelve-year-old, so each says what to do
in plain words ("Write your answer in the box"). The public form and the
offline entry page show the same messages because both come from
`answer_error`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jointly.core.errors import NON_FIELD, FieldErrors

from ..models import AgeBand, Answer, Channel, Coding, Consultation, Question, Response


def max_answer_chars() -> int:
    return settings.JOINTLY_CONSULTATION_ANSWER_MAX_CHARS


def normalise_text(value: str) -> str:
    # Browsers send line breaks as \r\n; count and keep them as one character each.
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def field_name(question: Question) -> str:
    return f"q{question.pk}"


def _is_empty(question: Question, value) -> bool:
    if question.kind == Question.Kind.MULTIPLE:
        return not value
    if question.kind == Question.Kind.SCALE:
        return value in (None, "")
    return value is None or not str(value).strip()


def answer_error(question: Question, value) -> str | None:
    """What is wrong with this answer, in words a twelve-year-old can follow, or None."""
    if _is_empty(question, value):
        if not question.required:
            return None
        return {
            Question.Kind.SINGLE: "Choose an answer",
            Question.Kind.MULTIPLE: "Choose at least one answer",
            Question.Kind.SCALE: "Choose a number from 1 to 5",
            Question.Kind.TEXT: "Write your answer in the box",
        }[question.kind]
    if question.kind == Question.Kind.SINGLE and value not in question.choices:
        return "Choose one of the answers in the list"
    if question.kind == Question.Kind.MULTIPLE:
        if not isinstance(value, (list, tuple)) or any(choice not in question.choices for choice in value):
            return "Choose from the answers in the list"
    if question.kind == Question.Kind.SCALE:
        try:
            number = int(value)
        except (TypeError, ValueError):
            return "Choose a number from 1 to 5"
        if number not in Question.SCALE:
            return "Choose a number from 1 to 5"
    if question.kind == Question.Kind.TEXT and len(normalise_text(value)) > max_answer_chars():
        return f"Your answer is too long. Use {max_answer_chars():,} characters or fewer"
    return None


def _answer_for(question: Question, value) -> Answer | None:
    if _is_empty(question, value):
        return None
    answer = Answer(question=question)
    if question.kind == Question.Kind.SINGLE:
        answer.choice = value
    elif question.kind == Question.Kind.MULTIPLE:
        # Keep the consultation's own order, whatever order the browser sent.
        answer.choices = [choice for choice in question.choices if choice in set(value)]
    elif question.kind == Question.Kind.SCALE:
        answer.scale = int(value)
    else:
        answer.text = normalise_text(value)
    return answer


def response_submit(
    *,
    consultation: Consultation,
    channel: str,
    age_band: str,
    audience: str,
    answers: Mapping[int, object],
    entered_by=None,
    today: datetime.date | None = None,
) -> Response:
    """Store one person's answers, all of them or none.

    `answers` maps a question's id to its value: a choice, a list of choices,
    a number from 1 to 5, or text. Online responses are accepted only while the
    consultation is open; paper and workshop responses, typed in by staff,
    until the results are published.

    Refused with FieldErrors naming every problem at once. The messages never
    repeat what was typed, so nothing a person wrote is kept anywhere but in
    the stored answers (decision 0006).
    """
    today = today or timezone.localdate()
    if channel not in Channel.values:
        raise FieldErrors({"channel": "Choose how this response was given"})
    if channel == Channel.ONLINE:
        if not consultation.accepts_online_responses(today):
            raise FieldErrors({NON_FIELD: "This consultation is not taking answers at the moment"})
    else:
        if entered_by is None:
            raise FieldErrors({NON_FIELD: "Responses from workshops and paper forms must be typed in by staff"})
        # After the retention date responses are due for deletion, whether or not the daily erasure has run yet.
        if not consultation.accepts_offline_responses or consultation.retention_until < today:
            raise FieldErrors({NON_FIELD: "This consultation is no longer taking responses"})

    errors: dict[str, str] = {}
    if audience not in consultation.audiences:
        errors["audience"] = "Choose who you are answering as"
    if age_band not in AgeBand.values:
        errors["age_band"] = "Choose how old you are"
    questions = list(consultation.questions.all())
    known = {question.pk for question in questions}
    if set(answers) - known:
        errors[NON_FIELD] = "Some answers are for questions that are not in this consultation"
    rows = []
    for question in questions:
        value = answers.get(question.pk)
        error = answer_error(question, value)
        if error:
            errors[field_name(question)] = error
            continue
        row = _answer_for(question, value)
        if row is not None:
            rows.append(row)
    if errors:
        raise FieldErrors(errors)
    if not rows:
        raise FieldErrors({NON_FIELD: "Answer at least one question"})

    with transaction.atomic():
        response = Response.objects.create(
            consultation=consultation,
            channel=channel,
            age_band=age_band,
            audience=audience,
            submitted_on=today,
            entered_by=entered_by if channel != Channel.ONLINE else None,
        )
        for row in rows:
            row.response = response
        Answer.objects.bulk_create(rows)
    return response


def consultation_responses_erase(*, consultation: Consultation, today: datetime.date | None = None) -> int:
    """Delete every response once the retention date has passed. Themes and 'you said, we did' stay.

    Returns how many responses were deleted. Safe to run twice.
    """
    today = today or timezone.localdate()
    if consultation.retention_until >= today or consultation.responses_erased_on is not None:
        return 0
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.responses_erased_on is not None:
            return 0
        count = locked.responses.count()
        # Codings first: they are audited one by one; answers and responses then go in bulk.
        for coding in Coding.objects.filter(answer__response__consultation=locked).select_related("theme__consultation"):
            coding.delete()
        Answer.objects.filter(response__consultation=locked).delete()
        locked.responses.all().delete()
        locked.responses_erased_on = today
        locked.save(update_fields=["responses_erased_on"])
    consultation.responses_erased_on = today
    return count
