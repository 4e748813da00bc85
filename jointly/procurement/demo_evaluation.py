"""Demo evaluation: for the procurement demo to call on an opportunity it has closed with bids.

`evaluate(...)` appoints the panel (the first person moderates), has everyone declare (the
`conflicted` person with the second bid), score and submit, moderates, records a young people's
vote and, with `decide=True`, decides the award to the top-ranked bid and sends every assessment
summary. Through the services only, so the demo shows what the pages would have made.
"""

from __future__ import annotations

from django.utils import timezone

from .models import PanelMember
from .selectors import evaluation as read
from .services import award as award_services
from .services import evaluation as services

_REASONS = ("Clear plan, with named local partners.", "Some evidence, but the outcomes are vague.", "Strong record with young carers.")


def evaluate(opportunity, *, commissioner, panel: list[tuple], conflicted=None, decider=None, decide: bool = False):
    """`panel` is [(person, capacity)]; returns the AwardDecision when `decide`, else None."""
    members = [
        services.panel_appoint(opportunity=opportunity, person=person, capacity=capacity, is_moderator=index == 0, by=commissioner)
        for index, (person, capacity) in enumerate(panel)
    ]
    bids = list(read.bids_to_declare(opportunity))
    for member in members:
        conflict_with = bids[1].pk if conflicted is not None and member.person == conflicted and len(bids) > 1 else None
        answers = {bid.pk: (bid.pk == conflict_with, "A trustee of this charity." if bid.pk == conflict_with else "") for bid in bids}
        services.declarations_record(member=member, answers=answers, by=member.person)
    for offset, member in enumerate(members):
        member = PanelMember.objects.get(pk=member.pk)
        for number, bid in enumerate(read.bids_for_member(member)):
            scores = {
                criterion.pk: ((number + offset + criterion.pk) % (opportunity.scale_max + 1), _REASONS[(number + offset) % len(_REASONS)])
                for criterion in read.scorable_criteria(opportunity, bid)
            }
            services.scores_save(member=member, bid=bid, scores=scores, by=member.person)
        services.scores_submit(member=member, by=member.person)
    moderator = PanelMember.objects.get(pk=members[0].pk)
    for number, bid in enumerate(read.bids_for_member(moderator)):
        scores = {
            criterion.pk: (max(1, opportunity.scale_max - number), f"Agreed by the panel: {_REASONS[number % len(_REASONS)].lower()}")
            for criterion in read.scorable_criteria(opportunity, bid)
        }
        services.moderated_scores_save(moderator=moderator, bid=bid, scores=scores, by=moderator.person)
    if bids:
        services.selection_activity_record(
            opportunity=opportunity,
            by=commissioner,
            kind="vote",
            held_on=timezone.localdate(),
            who_took_part="Seven young carers from the youth forum",
            outcome=f"Most preferred {bids[0].organisation.name}'s evening drop-in.",
            bid=bids[0],
            votes_for=5,
            votes_against=2,
        )
    if not decide or not read.moderation_complete(opportunity):
        return None
    winners = {}
    for lot in read.evaluation_results(opportunity):
        winners[lot.lot.pk if lot.lot else None] = lot.results[0].bid
    decision = award_services.award_decide(opportunity=opportunity, by=decider, winners=winners, reasons="The highest total score after moderation.")
    award_services.assessment_summaries_send(decision=decision, by=commissioner)
    return decision
