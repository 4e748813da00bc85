"""Award writes: the decision, the assessment summaries, the award notice and the standstill.

Order the law sets (Procurement Act 2023; see RULES.md): decision → an assessment summary to every
assessed bidder → the contract award notice, which starts the standstill (8 working days, bank
holidays from core.calendar) → the standstill ends → signing allowed. Light-touch contracts have no
mandatory standstill: the buyer may choose a voluntary one. Each write enforces its own order; the
clock (tasks_award) only concludes standstills that have ended, idempotently (decision 0012).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jointly.accounts.models import User
from jointly.core.calendar import deadline_after
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.mail import email_send_later
from jointly.core.transitions import transition

from ..models import AssessmentSummary, Award, AwardDecision, Bid, Opportunity, RouteKind
from ..selectors import evaluation as read

STANDSTILL_WORKING_DAYS = 8
# No mandatory standstill for these (a voluntary one may be chosen).
NO_MANDATORY_STANDSTILL = frozenset({RouteKind.LIGHT_TOUCH, RouteKind.QUOTATION, RouteKind.DIRECT_AWARD})


def standstill_required(opportunity: Opportunity) -> bool:
    return opportunity.route not in NO_MANDATORY_STANDSTILL


def _decision_problems(opportunity: Opportunity, by) -> str | None:
    """The guard of `decide_award`, on the locked row: the scores moderated, the decider not conflicted."""
    if not read.moderation_complete(opportunity):
        return "Every bid must have moderated scores for every criterion before the award is decided."
    if read.barred(by, opportunity) or read.conflicted_bid_ids(by, opportunity):
        return "You have declared a conflict of interest in this procurement, so you cannot decide its award."
    return None


@transaction.atomic
def award_decide(*, opportunity: Opportunity, by, winners: dict, reasons: str, standstill_days: int | None = None) -> AwardDecision:
    """Record the decision: one winning bid per lot (key None where there are no lots), with the reasons.

    Moves the opportunity from evaluation to standstill (the move needs AWARD_DECIDE, checked by the view).
    """
    bids = list(read.bids_to_declare(opportunity))
    lots = {bid.lot_id for bid in bids}
    problems = {}
    for lot_id in lots:
        winner = winners.get(lot_id)
        if winner is None:
            problems[f"winner_{lot_id or 0}"] = "Select the winning bid" + (f" for lot {winner_lot_number(bids, lot_id)}" if lot_id else "")
        elif winner.opportunity_id != opportunity.pk or winner.lot_id != lot_id or winner.status != Bid.Status.SUBMITTED:
            problems[f"winner_{lot_id or 0}"] = "Select one of the bids for this lot"
    if not (reasons or "").strip():
        problems["reasons"] = "Give the reasons for the decision"
    if standstill_required(opportunity):
        days = STANDSTILL_WORKING_DAYS if standstill_days is None else standstill_days
        if days < STANDSTILL_WORKING_DAYS:
            problems["standstill_days"] = f"The standstill must be at least {STANDSTILL_WORKING_DAYS} working days for this route"
    else:
        days = standstill_days or 0
    if problems:
        raise FieldErrors(problems)
    transition(instance=opportunity, move="decide_award", by=by, reason="Award decided", check=lambda locked: _decision_problems(locked, by))
    decision = AwardDecision.objects.create(opportunity=opportunity, reasons=reasons.strip(), decided_by=by, standstill_days=days)
    for lot_id in sorted(lots, key=lambda x: x or 0):
        winner = winners[lot_id]
        Award.objects.create(decision=decision, lot_id=lot_id, bid=winner, organisation=winner.organisation, value=winner.price or 0)
    return decision


def winner_lot_number(bids, lot_id) -> int | str:
    return next((bid.lot.number for bid in bids if bid.lot_id == lot_id), lot_id)


def _recipients(organisation) -> list[str]:
    people = User.objects.filter(organisation=organisation, is_active=True).values_list("email", flat=True)
    return sorted({*people, *([organisation.contact_email] if organisation.contact_email else [])})


@transaction.atomic
def assessment_summaries_send(*, decision: AwardDecision, by) -> list[AssessmentSummary]:
    """Write and send an assessment summary to EVERY assessed bidder: its scores and reasons, and the winner's."""
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.summaries_sent_at is not None:
        raise FieldErrors({NON_FIELD: "The assessment summaries have already been sent"})
    opportunity = decision.opportunity
    if opportunity.status != Opportunity.Status.STANDSTILL:
        raise FieldErrors({NON_FIELD: "Assessment summaries are sent after the award is decided"})
    winners = {award.lot_id: award.bid_id for award in decision.awards.all()}
    now = timezone.now()
    summaries = []
    for lot in read.evaluation_results(opportunity):
        by_bid = {result.bid.pk: result for result in lot.results}
        winner = by_bid.get(winners.get(lot.lot.pk if lot.lot else None))
        for result in lot.results:
            content = {
                "opportunity": opportunity.title,
                "scale_max": opportunity.scale_max,
                "won": winner is not None and result.bid.pk == winner.bid.pk,
                "bid": read.result_as_data(result),
                "winner": read.result_as_data(winner) if winner else None,
            }
            recipients = _recipients(result.bid.organisation)
            summary = AssessmentSummary.objects.create(decision=decision, bid=result.bid, content=content, sent_at=now, sent_to=", ".join(recipients))
            link = settings.JOINTLY_SITE_URL.rstrip("/") + reverse("evaluation:assessment-summary", args=[summary.pk])
            email_send_later(
                to=recipients,
                subject=f"Assessment summary: {opportunity.title}",
                template="procurement/evaluation/email/assessment_summary.txt",
                context={"summary": summary, "content": content, "link": link},
            )
            summaries.append(summary)
    decision.summaries_sent_at = now
    decision.save(update_fields=["summaries_sent_at"])
    return summaries


@transaction.atomic
def award_notice_publish(*, decision: AwardDecision, by, today: datetime.date | None = None) -> AwardDecision:
    """Mark the contract award notice published: the standstill starts (or, with none, the award concludes)."""
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.notice_published_at is not None:
        raise FieldErrors({NON_FIELD: "The award notice has already been published"})
    if decision.summaries_sent_at is None:
        raise FieldErrors({NON_FIELD: "Send every assessed bidder its assessment summary before the award notice is published"})
    today = today or timezone.localdate()
    decision.notice_published_at = timezone.now()
    decision.standstill_ends_on = deadline_after(today, decision.standstill_days) if decision.standstill_days else today
    decision.save(update_fields=["notice_published_at", "standstill_ends_on"])
    if not decision.standstill_days:
        award_conclude(decision=decision, by=by, today=today, without_standstill=True)
        decision.refresh_from_db()
    return decision


def standstill_refusal(decision: AwardDecision, today: datetime.date) -> str | None:
    """Why the award cannot conclude yet (and so no contract can be signed), or None."""
    if decision.notice_published_at is None or decision.standstill_ends_on is None:
        return "The award notice has not been published, so the standstill has not started."
    if decision.standstill_days and today <= decision.standstill_ends_on:
        return f"The standstill runs to the end of {decision.standstill_ends_on:%-d %B %Y}; no contract can be signed before it ends."
    return None


@transaction.atomic
def award_conclude(*, decision: AwardDecision, by=None, today: datetime.date | None = None, without_standstill: bool = False) -> bool:
    """End the standstill: the opportunity is awarded and each award is ready for contract. Idempotent:
    True if it concluded now, False if it had already."""
    today = today or timezone.localdate()
    decision = AwardDecision.objects.select_for_update().get(pk=decision.pk)
    if decision.concluded_at is not None:
        return False
    refusal = standstill_refusal(decision, today)
    if refusal:
        raise FieldErrors({NON_FIELD: refusal})
    reason = "Award concluded (no standstill)" if without_standstill else "Standstill ended"
    transition(instance=decision.opportunity, move="conclude", by=by, reason=reason, check=lambda locked: standstill_refusal(decision, today))
    now = timezone.now()
    decision.concluded_at = now
    decision.save(update_fields=["concluded_at"])
    for award in decision.awards.all():
        award.status = Award.Status.READY_FOR_CONTRACT
        award.ready_at = now
        award.save(update_fields=["status", "ready_at"])
    return True


def decisions_due_conclusion(*, today: datetime.date):
    """Decisions whose standstill has ended and which have not yet concluded (the clock's query)."""
    return AwardDecision.objects.filter(
        concluded_at__isnull=True, notice_published_at__isnull=False, standstill_ends_on__lt=today, opportunity__status=Opportunity.Status.STANDSTILL
    ).select_related("opportunity")


def award_signing_refusal(award: Award, *, today: datetime.date | None = None) -> str | None:
    """For contracts (issue 11): why this award's contract cannot be signed yet, or None when it can."""
    if award.status != Award.Status.READY_FOR_CONTRACT:
        return standstill_refusal(award.decision, today or timezone.localdate()) or "The award has not yet concluded."
    return None
