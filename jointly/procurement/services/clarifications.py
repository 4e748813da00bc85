"""Clarification questions: a bidder asks, the trust answers everyone, and the asker is never named publicly."""

from __future__ import annotations

from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition, edit, transition

from ..models import Clarification, Opportunity


def clarification_ask(*, opportunity: Opportunity, by, question: str) -> Clarification:
    if by is None or not by.is_authenticated:
        raise InvalidTransition("Sign in to ask a question.")
    question = (question or "").strip()
    if not question:
        raise FieldErrors({"question": "Enter your question"})
    if len(question) > 3000:
        raise FieldErrors({"question": "Your question must be 3,000 characters or fewer"})
    if opportunity.status != Opportunity.Status.OPEN or opportunity.closes_at <= timezone.now():
        raise InvalidTransition("Questions can be asked only while the opportunity is open for bids.")
    return Clarification.objects.create(opportunity=opportunity, asked_by=by, question=question)


def _wording(published_question: str, answer: str) -> tuple[str, str]:
    errors = {}
    published_question, answer = (published_question or "").strip(), (answer or "").strip()
    if not published_question:
        errors["published_question"] = "Enter the question as it will be published, without anything that names who asked"
    if not answer:
        errors["answer"] = "Enter the answer"
    if errors:
        raise FieldErrors(errors)
    return published_question, answer


def clarification_answer(*, clarification: Clarification, by, published_question: str, answer: str) -> Clarification:
    """Publish the answer to everyone, with the question in the words the trust publishes."""
    published_question, answer = _wording(published_question, answer)
    return transition(
        instance=clarification,
        move="answer",
        by=by,
        changes={"published_question": published_question, "answer": answer, "answered_at": timezone.now()},
    )


def clarification_edit(*, clarification: Clarification, by, published_question: str, answer: str) -> Clarification:
    """Correct a published question's wording or its answer (the change is in the trail)."""
    published_question, answer = _wording(published_question, answer)
    with edit(clarification) as row:
        row.published_question, row.answer = published_question, answer
    return row
