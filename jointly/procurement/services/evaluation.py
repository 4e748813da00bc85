"""Evaluation writes: appointing the panel, declarations, independent scores, moderation, and
service users' part in selection.

Conflicts are access control: a declared conflict becomes an Assignment CONFLICT on the bid,
which the permission layer enforces everywhere (the person can neither see nor score it).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jointly.accounts.models import Assignment, Role
from jointly.accounts.permissions import in_trust
from jointly.accounts.services import assignment_end, assignment_grant
from jointly.core.errors import NON_FIELD, FieldErrors

from ..models import Bid, ModeratedScore, Opportunity, PanelMember, Score, SelectionActivity
from ..sealing import is_sealed
from ..selectors import evaluation as read

OFFICER_ROLES = frozenset({Role.COMMISSIONER, Role.PERFORMANCE_ANALYST, Role.BOARD_MEMBER, Role.EVALUATOR})
# The panel can be formed before the closing time; once an award is decided it is fixed.
PANEL_OPEN_STATES = frozenset({Opportunity.Status.DRAFT, Opportunity.Status.OPEN, Opportunity.Status.EVALUATION})


def _in_evaluation(opportunity: Opportunity) -> None:
    if opportunity.status != Opportunity.Status.EVALUATION or is_sealed(opportunity):
        raise FieldErrors({NON_FIELD: "This opportunity is not being evaluated, so this cannot be done now."})


# --- The panel ------------------------------------------------------------------------------


@transaction.atomic
def panel_appoint(*, opportunity: Opportunity, person, capacity: str, is_moderator: bool = False, by) -> PanelMember:
    """Give a person a place on the panel (an Assignment PANEL_MEMBER on the opportunity)."""
    problems = {}
    if opportunity.status not in PANEL_OPEN_STATES:
        problems[NON_FIELD] = "The award has been decided, so the panel can no longer change."
    if person is None:
        problems["person"] = "Select the person to appoint"
    elif not person.is_active:
        problems["person"] = "This account is deactivated"
    elif read.panel_place(person, opportunity) is not None:
        problems["person"] = f"{person} is already on the panel"
    if capacity not in PanelMember.Capacity.values:
        problems["capacity"] = "Select the capacity they sit in"
    elif person is not None and "person" not in problems:
        if capacity == PanelMember.Capacity.OFFICER and (person.role not in OFFICER_ROLES or not in_trust(person, opportunity.trust_id)):
            problems["capacity"] = "An officer must be an officer or board member of this trust"
        elif capacity == PanelMember.Capacity.VCS:
            if person.role != Role.PROVIDER_USER or person.organisation_id is None:
                problems["capacity"] = "A VCS representative must be a provider user of a VCS organisation"
            elif (
                not is_sealed(opportunity)
                and Bid.objects.filter(opportunity=opportunity, organisation_id=person.organisation_id, status=Bid.Status.SUBMITTED).exists()
            ):
                # Only once the seal is broken: before, even whether an organisation bid is not to be known.
                problems["person"] = "This person's organisation has bid, so they cannot sit on the panel"
        elif capacity == PanelMember.Capacity.SERVICE_USER and person.role != Role.PARTICIPANT:
            problems["capacity"] = "A young person or parent on the panel must have a participant's account"
    if problems:
        raise FieldErrors(problems)
    if is_moderator:
        # One moderator: naming a new one replaces the old.
        for old in PanelMember.objects.filter(opportunity=opportunity, is_moderator=True, ended_at__isnull=True):
            old.is_moderator = False
            old.save(update_fields=["is_moderator"])
    assignment = assignment_grant(person=person, kind=Assignment.Kind.PANEL_MEMBER, obj=opportunity, by=by, note="Evaluation panel")
    return PanelMember.objects.create(
        opportunity=opportunity, person=person, capacity=capacity, is_moderator=is_moderator, assignment=assignment, appointed_by=by
    )


@transaction.atomic
def panel_member_end(*, member: PanelMember, by) -> PanelMember:
    """Take a person off the panel: their place (and so their access) ends; their record stays."""
    if member.ended_at is not None:
        raise FieldErrors({NON_FIELD: "This person is no longer on the panel"})
    if member.opportunity.status not in PANEL_OPEN_STATES:
        raise FieldErrors({NON_FIELD: "The award has been decided, so the panel can no longer change."})
    member.ended_at = timezone.now()
    member.is_moderator = False
    member.save(update_fields=["ended_at", "is_moderator"])
    if member.assignment_id and member.assignment.ended_at is None:
        assignment_end(assignment=member.assignment, by=by, note="Left the evaluation panel")
    return member


@transaction.atomic
def panel_moderator_name(*, member: PanelMember, by) -> PanelMember:
    """Make this member the moderator (the old one stays on the panel): say, when the moderator is conflicted with a bid."""
    if member.ended_at is not None:
        raise FieldErrors({NON_FIELD: "This person is no longer on the panel"})
    if member.opportunity.status not in PANEL_OPEN_STATES:
        raise FieldErrors({NON_FIELD: "The award has been decided, so the panel can no longer change."})
    PanelMember.objects.filter(opportunity=member.opportunity, is_moderator=True, ended_at__isnull=True).exclude(pk=member.pk).update(
        is_moderator=False
    )
    member.is_moderator = True
    member.save(update_fields=["is_moderator"])
    return member


# --- Declarations ---------------------------------------------------------------------------


@transaction.atomic
def declarations_record(*, member: PanelMember, answers: dict[int, tuple[bool | None, str]], by) -> PanelMember:
    """Record the member's declaration for EVERY bid at once: conflict (with details) or none.

    `answers` is {bid id: (conflicted, details)}. A conflict becomes an Assignment CONFLICT on the bid.
    """
    opportunity = member.opportunity
    _in_evaluation(opportunity)
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    if member.ended_at is not None:
        raise FieldErrors({NON_FIELD: "You are no longer on this panel"})
    if member.declared_at is not None:
        raise FieldErrors({NON_FIELD: "You have already declared for every bidder"})
    bids = list(read.bids_to_declare(opportunity))
    problems = {}
    for bid in bids:
        conflicted, details = answers.get(bid.pk, (None, ""))
        if conflicted is None:
            problems[f"bid_{bid.pk}"] = f"Say whether you have a conflict of interest with {bid.organisation.name}"
        elif conflicted and not details.strip():
            problems[f"details_{bid.pk}"] = f"Say what your conflict of interest with {bid.organisation.name} is"
        elif not conflicted and member.person.organisation_id == bid.organisation_id:
            problems[f"bid_{bid.pk}"] = f"{bid.organisation.name} is your own organisation: that is a conflict of interest"
    if problems:
        raise FieldErrors(problems)
    for bid in bids:
        conflicted, details = answers[bid.pk]
        conflict = None
        if conflicted:
            conflict = assignment_grant(person=member.person, kind=Assignment.Kind.CONFLICT, obj=bid, by=by, note=details.strip())
        member.declarations.create(bid=bid, conflicted=bool(conflicted), details=details.strip(), conflict=conflict)
    member.declared_at = timezone.now()
    member.save(update_fields=["declared_at"])
    return member


@transaction.atomic
def conflict_declare_later(*, member: PanelMember, bid: Bid, details: str, by) -> PanelMember:
    """A conflict found after the first declarations (recusal): the bid is barred from then on and
    the member's scores of it are removed (the audit trail keeps what they were)."""
    _in_evaluation(member.opportunity)
    declaration = member.declarations.filter(bid=bid).first()
    if member.declared_at is None or declaration is None:
        raise FieldErrors({NON_FIELD: "Make your declarations for every bidder first"})
    if declaration.conflicted:
        raise FieldErrors({NON_FIELD: "You have already declared a conflict with this bidder"})
    if not (details or "").strip():
        raise FieldErrors({"details": f"Say what your conflict of interest with {bid.organisation.name} is"})
    declaration.conflicted = True
    declaration.details = details.strip()
    declaration.conflict = assignment_grant(person=member.person, kind=Assignment.Kind.CONFLICT, obj=bid, by=by, note=details.strip())
    declaration.save(update_fields=["conflicted", "details", "conflict"])
    for score in Score.objects.filter(member=member, bid=bid):
        score.delete()
    return member


# --- Independent scoring ----------------------------------------------------------------------


def _bid_for_member(member: PanelMember, bid: Bid) -> Bid:
    if member.ended_at is not None:
        raise FieldErrors({NON_FIELD: "You are no longer on this panel"})
    if member.declared_at is None:
        raise FieldErrors({NON_FIELD: "Declare for every bidder before you see any bid"})
    if bid.pk not in {b.pk for b in read.bids_for_member(member)}:
        # A declared conflict (or a bid not in this evaluation): the member may not score it.
        raise FieldErrors({NON_FIELD: "You cannot score this bid"})
    return bid


def score_problems(opportunity: Opportunity, criteria, scores: dict[int, tuple[int | None, str]]) -> dict:
    problems = {}
    for criterion in criteria:
        value, reason = scores.get(criterion.pk, (None, ""))
        if value is None:
            problems[f"score_{criterion.pk}"] = f"Enter a score for {criterion.title}"
        elif not 0 <= value <= opportunity.scale_max:
            problems[f"score_{criterion.pk}"] = f"The score for {criterion.title} must be from 0 to {opportunity.scale_max}"
        if not (reason or "").strip():
            problems[f"reason_{criterion.pk}"] = f"Give the reason for the score for {criterion.title}"
    return problems


@transaction.atomic
def scores_save(*, member: PanelMember, bid: Bid, scores: dict[int, tuple[int | None, str]], by) -> list[Score]:
    """Save the member's own scores of one bid, each with its reason. Only their own rows are written."""
    opportunity = member.opportunity
    _in_evaluation(opportunity)
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    _bid_for_member(member, bid)
    if member.scores_submitted_at is not None:
        raise FieldErrors({NON_FIELD: "You have submitted your scores, so they can no longer change"})
    criteria = read.scorable_criteria(opportunity, bid)
    problems = score_problems(opportunity, criteria, scores)
    if problems:
        raise FieldErrors(problems)
    saved = []
    for criterion in criteria:
        value, reason = scores[criterion.pk]
        row, _ = Score.objects.update_or_create(member=member, bid=bid, criterion=criterion, defaults={"score": value, "reason": reason.strip()})
        saved.append(row)
    return saved


@transaction.atomic
def scores_submit(*, member: PanelMember, by) -> PanelMember:
    """Submit the member's scores: every bid they may see, every criterion scored. Then they see the others'."""
    _in_evaluation(member.opportunity)
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    if member.declared_at is None:
        raise FieldErrors({NON_FIELD: "Declare for every bidder before you score"})
    if member.scores_submitted_at is not None:
        raise FieldErrors({NON_FIELD: "You have already submitted your scores"})
    bids = read.bids_for_member(member)
    progress = read.scoring_progress(member, bids)
    missing = [bid.organisation.name for bid in bids if progress[bid.pk][0] < progress[bid.pk][1]]
    if missing:
        raise FieldErrors({NON_FIELD: "Score every criterion for every bid before you submit. Still to score: " + ", ".join(missing)})
    member.scores_submitted_at = timezone.now()
    member.save(update_fields=["scores_submitted_at"])
    return member


# --- Moderation -------------------------------------------------------------------------------


@transaction.atomic
def moderated_scores_save(*, moderator: PanelMember, bid: Bid, scores: dict[int, tuple[int | None, str]], by) -> list[ModeratedScore]:
    """The panel's consensus scores for one bid, each with the reason agreed, recorded by the moderator."""
    opportunity = moderator.opportunity
    _in_evaluation(opportunity)
    if not moderator.is_moderator or moderator.ended_at is not None:
        raise FieldErrors({NON_FIELD: "Only the panel's moderator can record consensus scores"})
    _bid_for_member(moderator, bid)
    if not read.all_submitted(opportunity):
        raise FieldErrors({NON_FIELD: "Every panel member must submit their scores before moderation"})
    criteria = read.scorable_criteria(opportunity, bid)
    problems = score_problems(opportunity, criteria, scores)
    if problems:
        raise FieldErrors(problems)
    saved = []
    for criterion in criteria:
        value, reason = scores[criterion.pk]
        row, _ = ModeratedScore.objects.update_or_create(
            bid=bid, criterion=criterion, defaults={"score": value, "reason": reason.strip(), "moderated_by": by}
        )
        saved.append(row)
    return saved


# --- Service users' part in selection ---------------------------------------------------------


@transaction.atomic
def selection_activity_record(
    *,
    opportunity: Opportunity,
    by,
    kind: str,
    held_on,
    who_took_part: str,
    outcome: str,
    bid: Bid | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
) -> SelectionActivity:
    """Record a visit, a presentation or a young people's or parents' panel vote, and its outcome."""
    problems = {}
    if opportunity.status not in (Opportunity.Status.EVALUATION, Opportunity.Status.STANDSTILL) or is_sealed(opportunity):
        problems[NON_FIELD] = "Service users' part in selection is recorded during the evaluation."
    if kind not in SelectionActivity.Kind.values:
        problems["kind"] = "Select what took place"
    if held_on is None:
        problems["held_on"] = "Enter the date it took place"
    elif held_on > timezone.localdate():
        problems["held_on"] = "The date it took place must be today or in the past"
    if not (who_took_part or "").strip():
        problems["who_took_part"] = "Say who took part"
    if not (outcome or "").strip():
        problems["outcome"] = "Say what came of it"
    if kind == SelectionActivity.Kind.VOTE and (votes_for is None or votes_against is None):
        problems["votes_for"] = "Enter the votes for and against"
    if bid is not None and bid.opportunity_id != opportunity.pk:
        problems["bid"] = "Select a bid for this opportunity"
    if problems:
        raise FieldErrors(problems)
    return SelectionActivity.objects.create(
        opportunity=opportunity,
        bid=bid,
        kind=kind,
        held_on=held_on,
        who_took_part=who_took_part.strip(),
        outcome=outcome.strip(),
        votes_for=votes_for,
        votes_against=votes_against,
        recorded_by=by,
    )
