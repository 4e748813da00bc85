"""What staff make of the answers: themes, coding free text to themes, and 'you said, we did'."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ._actor import acting_as_by
from ..models import Answer, Coding, Consultation, Question, Theme, YouSaidWeDid
from .consultations import ConsultationError


def _require_results_stage(consultation: Consultation, what: str) -> None:
    if consultation.status == Consultation.Status.DRAFT:
        raise ConsultationError(f"You can {what} once the consultation has opened")


@acting_as_by
@transaction.atomic
def theme_create(*, consultation: Consultation, name: str, by) -> Theme:
    _require_results_stage(consultation, "add themes")
    name = " ".join((name or "").split())
    if not name:
        raise ConsultationError("Enter the theme")
    if len(name) > 100:
        raise ConsultationError("The theme must be 100 characters or fewer")
    if consultation.themes.filter(name__iexact=name).exists():
        raise ConsultationError(f"There is already a theme called '{name}'")
    theme = Theme(consultation=consultation, name=name)
    theme.save()
    return theme


@acting_as_by
@transaction.atomic
def answer_codings_set(
    *, consultation: Consultation, codings: dict[int, Iterable[int]], by
) -> tuple[int, int]:
    """Set the themes of free-text answers: {answer id: theme ids}. Returns (added, removed).

    Only answers and themes of this consultation are touched; anything else is
    refused as a whole, so a tampered form changes nothing.
    """
    _require_results_stage(consultation, "code answers")
    wanted = {int(answer_id): {int(theme_id) for theme_id in theme_ids} for answer_id, theme_ids in codings.items()}
    answers = Answer.objects.filter(
        pk__in=wanted, response__consultation=consultation, question__kind=Question.Kind.TEXT
    ).values_list("pk", flat=True)
    themes = {theme.pk: theme for theme in consultation.themes.select_related("consultation")}
    if set(answers) != set(wanted):
        raise ConsultationError("Some answers are not free-text answers to this consultation")
    if any(theme_id not in themes for theme_ids in wanted.values() for theme_id in theme_ids):
        raise ConsultationError("Choose themes from this consultation")
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
    errors = []
    if not you_said:
        errors.append("Enter what people said")
    if not we_did:
        errors.append("Enter what you did, or will do, about it")
    if errors:
        raise ConsultationError(". ".join(errors))
    return you_said, we_did


@acting_as_by
@transaction.atomic
def you_said_we_did_add(*, consultation: Consultation, you_said: str, we_did: str, by) -> YouSaidWeDid:
    if consultation.status not in (Consultation.Status.CLOSED, Consultation.Status.REPORTED):
        raise ConsultationError("You can add 'you said, we did' once the consultation has closed")
    you_said, we_did = _clean_item_text(you_said, we_did)
    last = consultation.you_said_we_did.aggregate(last=Max("order"))["last"]
    item = YouSaidWeDid(consultation=consultation, order=(last or 0) + 1, you_said=you_said, we_did=we_did)
    item.save()
    return item


@acting_as_by
@transaction.atomic
def you_said_we_did_update(*, item: YouSaidWeDid, you_said: str, we_did: str, by) -> YouSaidWeDid:
    if item.published_on is not None:
        raise ConsultationError("This item is published. Add a new item to say what has changed")
    item.you_said, item.we_did = _clean_item_text(you_said, we_did)
    item.save()
    return item


@acting_as_by
@transaction.atomic
def you_said_we_did_publish(*, item: YouSaidWeDid, by, today: datetime.date | None = None) -> YouSaidWeDid:
    """Publish one more item after the first 'you said, we did' has gone out."""
    if item.consultation.status != Consultation.Status.REPORTED:
        raise ConsultationError("Publish 'you said, we did' for the whole consultation first")
    if item.published_on is None:
        item.published_on = today or timezone.localdate()
        item.save(update_fields=["published_on"])
    return item
