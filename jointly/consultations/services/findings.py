"""What staff make of the answers: themes, coding free text to themes, and 'you said, we did'."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition, edit, state_label, transition

from ..models import Answer, Coding, Consultation, Question, Theme, YouSaidWeDid
from ._actor import acting_as_by

ANSWERS_OF_THIS_CONSULTATION = "Some answers are not free-text answers to this consultation"
THEMES_OF_THIS_CONSULTATION = "Choose themes from this consultation"


def _require_answers_to_read(consultation: Consultation, what: str) -> None:
    if not consultation.has_answers_to_read:
        raise InvalidTransition(f"This consultation is {state_label(consultation)}. You can {what} once it has opened.", current=consultation.status)


@acting_as_by
@transaction.atomic
def theme_create(*, consultation: Consultation, name: str, by) -> Theme:
    _require_answers_to_read(consultation, "add themes")
    name = " ".join((name or "").split())
    if not name:
        raise FieldErrors({"name": "Enter the theme"})
    if len(name) > 100:
        raise FieldErrors({"name": "The theme must be 100 characters or fewer"})
    if consultation.themes.filter(name__iexact=name).exists():
        raise FieldErrors({"name": f"There is already a theme called '{name}'"})
    theme = Theme(consultation=consultation, name=name)
    theme.save()
    return theme


def _ids(values: Iterable, *, field: str, message: str) -> set[int]:
    try:
        return {int(value) for value in values}
    except (TypeError, ValueError):
        raise FieldErrors({field: message}) from None


@acting_as_by
@transaction.atomic
def answer_codings_set(*, consultation: Consultation, codings: dict[int, Iterable[int]], by) -> tuple[int, int]:
    """Set the themes of free-text answers: {answer id: theme ids}. Returns (added, removed).

    Only answers and themes of this consultation are touched; anything else is
    refused as a whole, so a tampered form changes nothing.
    """
    _require_answers_to_read(consultation, "code answers")
    wanted = {
        answer: _ids(theme_ids, field="themes", message=THEMES_OF_THIS_CONSULTATION)
        for answer_id, theme_ids in codings.items()
        for answer in _ids([answer_id], field="answers", message=ANSWERS_OF_THIS_CONSULTATION)
    }
    answers = Answer.objects.filter(pk__in=wanted, response__consultation=consultation, question__kind=Question.Kind.TEXT).values_list(
        "pk", flat=True
    )
    themes = {theme.pk: theme for theme in consultation.themes.select_related("consultation")}
    problems = {}
    if set(answers) != set(wanted):
        problems["answers"] = ANSWERS_OF_THIS_CONSULTATION
    if any(theme_id not in themes for theme_ids in wanted.values() for theme_id in theme_ids):
        problems["themes"] = THEMES_OF_THIS_CONSULTATION
    if problems:
        raise FieldErrors(problems)
    existing: dict[int, dict[int, Coding]] = {}
    for coding in Coding.objects.filter(answer_id__in=wanted).select_related("theme__consultation"):
        existing.setdefault(coding.answer_id, {})[coding.theme_id] = coding
    added = removed = 0
    for answer_id, theme_ids in wanted.items():
        current = existing.get(answer_id, {})
        for theme_id in theme_ids - set(current):
            Coding(answer_id=answer_id, theme=themes[theme_id], coded_by=by).save()
            added += 1
        for theme_id in set(current) - theme_ids:
            current[theme_id].delete()
            removed += 1
    return added, removed


def _clean_item_text(you_said: str, we_did: str) -> tuple[str, str]:
    you_said, we_did = (you_said or "").strip(), (we_did or "").strip()
    problems = {}
    if not you_said:
        problems["you_said"] = "Enter what people said"
    if not we_did:
        problems["we_did"] = "Enter what you did, or will do, about it"
    if problems:
        raise FieldErrors(problems)
    return you_said, we_did


@acting_as_by
@transaction.atomic
def you_said_we_did_add(*, consultation: Consultation, you_said: str, we_did: str, by) -> YouSaidWeDid:
    if not consultation.takes_you_said_we_did:
        raise InvalidTransition(
            f"This consultation is {state_label(consultation)}. You can add 'you said, we did' once it has closed.",
            current=consultation.status,
        )
    you_said, we_did = _clean_item_text(you_said, we_did)
    last = consultation.you_said_we_did.aggregate(last=Max("order"))["last"]
    item = YouSaidWeDid(consultation=consultation, order=(last or 0) + 1, you_said=you_said, we_did=we_did)
    item.save()
    return item


@acting_as_by
def you_said_we_did_update(*, item: YouSaidWeDid, you_said: str, we_did: str, by, version: str | None = None) -> YouSaidWeDid:
    """Change an item until it is published; then add a new item to say what has changed."""
    with edit(item, version=version) as row:
        row.you_said, row.we_did = _clean_item_text(you_said, we_did)
    return row


@acting_as_by
def you_said_we_did_publish(*, item: YouSaidWeDid, by, today: datetime.date | None = None) -> YouSaidWeDid:
    """Publish one more item after the first 'you said, we did' has gone out."""
    return transition(
        instance=item,
        move="publish",
        by=by,
        reason="Published after the consultation's 'you said, we did'",
        changes={"published_on": today or timezone.localdate()},
    )
