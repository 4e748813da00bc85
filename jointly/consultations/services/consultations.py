"""A consultation and its questions: drafting, then open → closed → reported."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from jointly.core.transitions import transition

from ._actor import acting_as_by
from ..models import Consultation, Question, YouSaidWeDid

# Fields a member of staff may change while the consultation is a draft.
EDITABLE_FIELDS = (
    "title",
    "purpose",
    "audiences",
    "opens_on",
    "closes_on",
    "report_due_on",
    "retention_until",
    "outcome_areas",
    "other_themes",
    "safeguarding_contact",
)


class ConsultationError(Exception):
    """A change the consultation's state or content does not allow, said for a person."""


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:180] or "consultation"
    slug, n = base, 2
    # "new" is the staff page for starting a consultation.
    while slug == "new" or Consultation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_outcome_areas(trust, areas) -> list:
    """The outcome areas, each once: shared ones or the trust's own, never another trust's."""
    areas = list(dict.fromkeys(areas or ()))
    if any(area.trust_id not in (None, trust.pk) for area in areas):
        raise ValidationError({"outcome_areas": "Select outcome areas from the list"})
    return areas


def _require_draft(consultation: Consultation, what: str) -> None:
    if consultation.status != Consultation.Status.DRAFT:
        raise ConsultationError(
            f"You can {what} only while the consultation is a draft. It is {consultation.get_status_display().lower()}."
        )


@acting_as_by
@transaction.atomic
def consultation_create(*, trust, title: str, by, **fields) -> Consultation:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown consultation fields: {', '.join(sorted(unknown))}")
    areas = _clean_outcome_areas(trust, fields.pop("outcome_areas", ()))
    fields["other_themes"] = " ".join(str(fields.get("other_themes") or "").split())
    consultation = Consultation(trust=trust, title=title.strip(), slug=_unique_slug(title), created_by=by, **fields)
    consultation.full_clean()
    consultation.save()
    consultation.outcome_areas.set(areas)
    return consultation


@acting_as_by
@transaction.atomic
def consultation_update(*, consultation: Consultation, by, **changes) -> Consultation:
    _require_draft(consultation, "change the details")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown consultation fields: {', '.join(sorted(unknown))}")
    areas = _clean_outcome_areas(consultation.trust, changes.pop("outcome_areas")) if "outcome_areas" in changes else None
    if "other_themes" in changes:
        changes["other_themes"] = " ".join(str(changes["other_themes"] or "").split())
    for name, value in changes.items():
        setattr(consultation, name, value)
    if "title" in changes:
        consultation.slug = _unique_slug(consultation.title, exclude_pk=consultation.pk)
    consultation.full_clean()
    consultation.save()
    if areas is not None:
        consultation.outcome_areas.set(areas)
    return consultation


def _validate_question(question: Question) -> None:
    question.text = " ".join(question.text.split())
    question.hint = question.hint.strip()
    if not question.text:
        raise ConsultationError("Enter the question")
    if question.has_choices:
        choices, seen = [], set()
        for choice in question.choices:
            choice = " ".join(str(choice).split())[:300]
            if choice and choice.lower() not in seen:
                seen.add(choice.lower())
                choices.append(choice)
        if len(choices) < 2:
            raise ConsultationError("Enter at least 2 different answers to choose from, one on each line")
        question.choices = choices
    else:
        question.choices = []
    if question.kind != Question.Kind.SCALE:
        question.scale_low_label = question.scale_high_label = ""


@acting_as_by
@transaction.atomic
def question_add(
    *,
    consultation: Consultation,
    kind: str,
    text: str,
    by,
    hint: str = "",
    required: bool = True,
    choices: list[str] | None = None,
    scale_low_label: str = "",
    scale_high_label: str = "",
) -> Question:
    _require_draft(consultation, "add questions")
    last = consultation.questions.aggregate(last=Max("order"))["last"]
    question = Question(
        consultation=consultation,
        order=(last or 0) + 1,
        kind=kind,
        text=text,
        hint=hint,
        required=required,
        choices=list(choices or []),
        scale_low_label=scale_low_label,
        scale_high_label=scale_high_label,
    )
    _validate_question(question)
    question.full_clean()
    question.save()
    return question


@acting_as_by
@transaction.atomic
def question_update(*, question: Question, by, **changes) -> Question:
    _require_draft(question.consultation, "change questions")
    allowed = {"kind", "text", "hint", "required", "choices", "scale_low_label", "scale_high_label"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Unknown question fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(question, name, value)
    _validate_question(question)
    question.full_clean()
    question.save()
    return question


@acting_as_by
@transaction.atomic
def question_delete(*, question: Question, by) -> None:
    _require_draft(question.consultation, "remove questions")
    question.delete()


@acting_as_by
@transaction.atomic
def question_move(*, question: Question, direction: str, by) -> None:
    """Swap a question with its neighbour above ("up") or below ("down")."""
    _require_draft(question.consultation, "reorder questions")
    siblings = list(question.consultation.questions.order_by("order", "id"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if other < 0 or other >= len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            sibling.order = position
            sibling.save(update_fields=["order"])


# --- Named transitions -----------------------------------------------------


def consultation_open(*, consultation: Consultation, by, today: datetime.date | None = None) -> Consultation:
    """Draft → open: people can answer from the opening date to the closing date."""
    today = today or timezone.localdate()
    if not consultation.questions.exists():
        raise ConsultationError("Add at least one question before you open the consultation")
    if consultation.closes_on < today:
        raise ConsultationError("The closing date has passed. Change it before you open the consultation")
    return transition(
        instance=consultation,
        to=Consultation.Status.OPEN,
        allowed_from=[Consultation.Status.DRAFT],
        by=by,
        reason="Opened for responses",
        changes={"opened_on": today},
    )


def consultation_close(
    *, consultation: Consultation, by, today: datetime.date | None = None, reason: str = "Closed for responses"
) -> Consultation:
    """Open → closed: no more online answers. Paper and workshop responses can still be typed in."""
    return transition(
        instance=consultation,
        to=Consultation.Status.CLOSED,
        allowed_from=[Consultation.Status.OPEN],
        by=by,
        reason=reason,
        changes={"closed_on": today or timezone.localdate()},
    )


@acting_as_by
def consultation_publish_response(*, consultation: Consultation, by, today: datetime.date | None = None) -> Consultation:
    """Closed → reported: publish every 'you said, we did' item that is ready."""
    today = today or timezone.localdate()
    with transaction.atomic():
        items = YouSaidWeDid.objects.select_for_update().filter(consultation=consultation)
        if not items.exists():
            raise ConsultationError("Add at least one 'you said, we did' item before you publish")
        consultation = transition(
            instance=consultation,
            to=Consultation.Status.REPORTED,
            allowed_from=[Consultation.Status.CLOSED],
            by=by,
            reason="Published 'you said, we did'",
            changes={"reported_on": today},
        )
        for item in items.filter(published_on__isnull=True).select_related("consultation"):
            item.published_on = today
            item.save(update_fields=["published_on"])
    return consultation
