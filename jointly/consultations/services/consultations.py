"""A consultation and its questions: drafting, then open → closed → reported (the moves in Consultation.TRANSITIONS).

Details and questions change only while the consultation is a draft: `edit()` on the
consultation (or, for its questions, holding its lock) refuses in any other state.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from jointly.core.errors import FieldErrors, full_clean
from jointly.core.transitions import edit, transition

from ..models import Consultation, Question, YouSaidWeDid
from ._actor import acting_as_by

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
QUESTION_FIELDS = ("kind", "text", "hint", "required", "choices", "scale_low_label", "scale_high_label")


def _unique_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:180] or "consultation"
    slug, n = base, 2
    # "new" is the staff page for starting a consultation.
    while slug == "new" or Consultation.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _outcome_area_problems(trust_id: int, areas) -> dict[str, str]:
    """Shared outcome areas or the trust's own, never another trust's."""
    if any(area.trust_id not in (None, trust_id) for area in areas):
        return {"outcome_areas": "Select outcome areas from the list"}
    return {}


def _refuse_with_every_problem(instance, problems: dict[str, str]) -> None:
    """The problems found already and the model's own rules on the other fields, raised together."""
    try:
        full_clean(instance, exclude=list(problems))
    except FieldErrors as error:
        problems = {**error.errors, **problems}
    if problems:
        raise FieldErrors(problems)


def _check_details(consultation: Consultation, problems: dict[str, str]) -> None:
    """Every problem with the details at once: the ones found already, the missing words, and the model's own rules."""
    if not consultation.title:
        problems["title"] = "Enter the title"
    if not consultation.purpose.strip():
        problems["purpose"] = "Enter why you are asking"
    _refuse_with_every_problem(consultation, problems)


@acting_as_by
@transaction.atomic
def consultation_create(*, trust, title: str, by, **fields) -> Consultation:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown consultation fields: {', '.join(sorted(unknown))}")
    areas = list(dict.fromkeys(fields.pop("outcome_areas", None) or ()))
    fields["other_themes"] = " ".join(str(fields.get("other_themes") or "").split())
    consultation = Consultation(trust=trust, title=title.strip(), slug=_unique_slug(title), created_by=by, **fields)
    _check_details(consultation, _outcome_area_problems(trust.pk, areas))
    consultation.save()
    consultation.outcome_areas.set(areas)
    return consultation


@acting_as_by
def consultation_update(*, consultation: Consultation, by, version: str | None = None, **changes) -> Consultation:
    """Change a draft's details. `version` is the consultation's version_of() when the form was shown: a change made since is refused."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown consultation fields: {', '.join(sorted(unknown))}")
    areas = list(dict.fromkeys(changes.pop("outcome_areas") or ())) if "outcome_areas" in changes else None
    if "other_themes" in changes:
        changes["other_themes"] = " ".join(str(changes["other_themes"] or "").split())
    if "title" in changes:
        changes["title"] = (changes["title"] or "").strip()
    with edit(consultation, version=version) as row:
        for name, value in changes.items():
            setattr(row, name, value)
        if "title" in changes:
            row.slug = _unique_slug(row.title, exclude_pk=row.pk)
        _check_details(row, _outcome_area_problems(row.trust_id, areas or []))
        if areas is not None:
            row.outcome_areas.set(areas)
    return row


def _clean_question(question: Question) -> None:
    """Tidy the question's words and choices, and refuse it with every problem at once."""
    question.text = " ".join((question.text or "").split())
    question.hint = (question.hint or "").strip()
    problems = {}
    if not question.text:
        problems["text"] = "Enter the question"
    if question.has_choices:
        choices, seen = [], set()
        for choice in question.choices:
            choice = " ".join(str(choice).split())[:300]
            if choice and choice.lower() not in seen:
                seen.add(choice.lower())
                choices.append(choice)
        if len(choices) < 2:
            problems["choices"] = "Enter at least 2 different answers to choose from, one on each line"
        question.choices = choices
    else:
        question.choices = []
    if question.kind != Question.Kind.SCALE:
        question.scale_low_label = question.scale_high_label = ""
    if question.kind not in Question.Kind.values:
        problems["kind"] = "Select the type of question"
    _refuse_with_every_problem(question, problems)


@acting_as_by
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
    with edit(consultation) as parent:  # Locks the consultation and refuses once it has opened.
        last = parent.questions.aggregate(last=Max("order"))["last"]
        question = Question(
            consultation=parent,
            order=(last or 0) + 1,
            kind=kind,
            text=text,
            hint=hint,
            required=required,
            choices=list(choices or []),
            scale_low_label=scale_low_label,
            scale_high_label=scale_high_label,
        )
        _clean_question(question)
        question.save()
    return question


@acting_as_by
def question_update(*, question: Question, by, **changes) -> Question:
    unknown = set(changes) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown question fields: {', '.join(sorted(unknown))}")
    with edit(question.consultation), edit(question) as row:
        for name, value in changes.items():
            setattr(row, name, value)
        _clean_question(row)
    return row


@acting_as_by
def question_delete(*, question: Question, by) -> None:
    with edit(question.consultation):
        question.delete()


@acting_as_by
def question_move(*, question: Question, direction: str, by) -> None:
    """Swap a question with its neighbour above ("up") or below ("down")."""
    with edit(question.consultation) as parent:
        siblings = list(parent.questions.order_by("order", "id"))
        index = next(i for i, sibling in enumerate(siblings) if sibling.pk == question.pk)
        other = index - 1 if direction == "up" else index + 1
        if other < 0 or other >= len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings, start=1):
            if sibling.order != position:
                sibling.order = position
                sibling.save(update_fields=["order"])


# --- Moves -------------------------------------------------------------------


def consultation_open(*, consultation: Consultation, by, today: datetime.date | None = None) -> Consultation:
    """Draft → open: people can answer from the opening date to the closing date."""
    today = today or timezone.localdate()

    def ready(row: Consultation) -> str | None:
        # On the locked row: its questions cannot change while it is held.
        if not row.questions.exists():
            return "Add at least one question before you open the consultation"
        if row.closes_on < today:
            return "The closing date has passed. Change it before you open the consultation"
        return None

    return transition(instance=consultation, move="open", by=by, reason="Opened for responses", changes={"opened_on": today}, check=ready)


def consultation_close(*, consultation: Consultation, by, today: datetime.date | None = None, reason: str = "Closed for responses") -> Consultation:
    """Open → closed: no more online answers. Paper and workshop responses can still be typed in."""
    return transition(instance=consultation, move="close", by=by, reason=reason, changes={"closed_on": today or timezone.localdate()})


def _has_items(row: Consultation) -> str | None:
    if not row.you_said_we_did.exists():
        return "Add at least one 'you said, we did' item before you publish"
    return None


@acting_as_by
def consultation_publish_response(*, consultation: Consultation, by, today: datetime.date | None = None) -> Consultation:
    """Closed → reported: publish every 'you said, we did' item that is ready."""
    today = today or timezone.localdate()
    with transaction.atomic():
        consultation = transition(
            instance=consultation,
            move="report",
            by=by,
            reason="Published 'you said, we did'",
            changes={"reported_on": today},
            check=_has_items,
        )
        for item in consultation.you_said_we_did.filter(status=YouSaidWeDid.Status.DRAFT):
            transition(
                instance=item, move="publish", by=by, reason="Published with the consultation's 'you said, we did'", changes={"published_on": today}
            )
    return consultation
