"""The commissioners' review: each trust rates its own contracts' parts of a return (RAG and comments),
then the return is accepted or sent back saying what to change."""

from __future__ import annotations

from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition, transition

from ..models import MonitoringReturn, Rag, ReturnPart


def part_review(*, part: ReturnPart, by, rag: str, comment: str = "", now=None) -> ReturnPart:
    """Record the trust's RAG rating and comments on one contract's part of a submitted return."""
    monitoring_return = part.monitoring_return
    if monitoring_return.status != MonitoringReturn.Status.SUBMITTED:
        raise InvalidTransition(f"This return is {monitoring_return.get_status_display().lower()}, so its parts cannot be rated now.")
    if rag not in Rag.values:
        raise FieldErrors({f"rag_{part.pk}": f"Select a RAG rating for {part.contract.reference}"})
    if rag != Rag.GREEN and not comment.strip():
        raise FieldErrors({f"comment_{part.pk}": f"Say why {part.contract.reference} is not green"})
    part.rag, part.comment, part.reviewed_by, part.reviewed_at = rag, comment.strip(), by, now or timezone.now()
    part.save()
    return part


def unrated_parts(monitoring_return: MonitoringReturn) -> list[ReturnPart]:
    return list(monitoring_return.parts.filter(rag="").select_related("contract", "contract__trust"))


def _all_rated(monitoring_return: MonitoringReturn) -> str | None:
    missing = unrated_parts(monitoring_return)
    if missing:
        names = ", ".join(f"{part.contract.reference} ({part.contract.trust})" for part in missing)
        return f"Every contract's part needs its trust's RAG rating before the return is accepted: still to rate {names}."
    return None


def return_accept(*, monitoring_return: MonitoringReturn, by, now=None) -> MonitoringReturn:
    """Accept a submitted return whose every part is rated (for a regional return, by each trust)."""
    return transition(
        instance=monitoring_return, move="accept", by=by, check=_all_rated, changes={"decided_by": by, "decided_at": now or timezone.now()}
    )


def return_send_back(*, monitoring_return: MonitoringReturn, by, changes: str, now=None) -> MonitoringReturn:
    """Send a submitted return back to its provider, saying what to change; it is a draft of theirs again."""
    if not changes.strip():
        raise FieldErrors({"changes": "Say what the provider needs to change"})
    return transition(
        instance=monitoring_return,
        move="send_back",
        by=by,
        reason=changes.strip(),
        changes={"changes_requested": changes.strip(), "decided_by": by, "decided_at": now or timezone.now()},
    )
