"""Evaluation reads: the panel, what each evaluator may see, and the score arithmetic.

Bids are read only through `sealing.unsealed_bids`. A panel member sees no bid at all until
they have declared for every bidder, and never a bid they declared a conflict on (the
Assignment CONFLICT bars it in the permission layer, which `may_open_bid` asks).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied

from jointly.accounts.models import Assignment
from jointly.accounts.permissions import BARRING_KINDS, Perm, assignment_kinds_on, decide

from ..models import AwardDecision, Bid, Criterion, ModeratedScore, Opportunity, PanelMember, Score, SelectionActivity
from ..sealing import unsealed_bids

# A price below this percentage of the mean price of the bids for the same lot is flagged as
# abnormally low (the Procurement Act 2023 lets the buyer ask the bidder to explain it first).
# Local policy: set PROCUREMENT_ABNORMALLY_LOW_PERCENT in the settings to change it.
ABNORMALLY_LOW_PERCENT_DEFAULT = 80

TWO_PLACES = Decimal("0.01")


def abnormally_low_percent() -> int:
    return int(getattr(settings, "PROCUREMENT_ABNORMALLY_LOW_PERCENT", ABNORMALLY_LOW_PERCENT_DEFAULT))


# --- The panel and who may see what -----------------------------------------------------


def panel_for(opportunity: Opportunity):
    return PanelMember.objects.filter(opportunity=opportunity, ended_at__isnull=True).select_related("person", "person__organisation")


def panel_place(user, opportunity: Opportunity) -> PanelMember | None:
    """The person's live place on this opportunity's panel, or None."""
    if not user.is_authenticated:
        return None
    return PanelMember.objects.filter(opportunity=opportunity, person=user, ended_at__isnull=True).first()


def require_panel_place(user, opportunity: Opportunity, *, moderator: bool = False) -> PanelMember:
    member = panel_place(user, opportunity)
    if member is None:
        raise PermissionDenied("Only members of this opportunity's evaluation panel can do this.")
    if moderator and not member.is_moderator:
        raise PermissionDenied("Only the panel's moderator can moderate the scores.")
    return member


def barred(user, obj) -> bool:
    """Has the person a declared conflict on this (a bid, or the opportunity itself)?"""
    return bool(assignment_kinds_on(user, obj) & BARRING_KINDS)


def may_open_bid(user, bid: Bid) -> bool:
    return decide(user, Perm.EVALUATION_TAKE_PART, bid).allowed


def conflicted_bid_ids(user, opportunity: Opportunity) -> set[int]:
    """The bids of this opportunity the person has a live conflict on, in one query."""
    from django.contrib.contenttypes.models import ContentType

    rows = Assignment.objects.filter(
        person_id=user.pk, kind=Assignment.Kind.CONFLICT, ended_at__isnull=True, content_type=ContentType.objects.get_for_model(Bid)
    ).values_list("object_id", flat=True)
    ids = {int(pk) for pk in rows}
    return set(Bid.objects.filter(opportunity=opportunity, pk__in=ids).values_list("pk", flat=True)) if ids else set()


def bids_to_declare(opportunity: Opportunity):
    """Every bid a panel member must declare for: the submitted bids, once the seal is broken."""
    return (
        unsealed_bids(opportunity)
        .select_related("organisation", "lot")
        .prefetch_related("overheads")
        .order_by("lot__number", "organisation__name", "pk")
    )


def bids_for_member(member: PanelMember) -> list[Bid]:
    """The bids this panel member may open: none before declaring for every bidder, never a conflicted one."""
    if member.declared_at is None or member.ended_at is not None:
        return []
    conflicted = conflicted_bid_ids(member.person, member.opportunity)
    return [bid for bid in bids_to_declare(member.opportunity) if bid.pk not in conflicted]


def bids_for_viewer(user, opportunity: Opportunity) -> list[Bid]:
    """The submitted bids this person may see in the evaluation (less any they are conflicted on)."""
    conflicted = conflicted_bid_ids(user, opportunity)
    return [bid for bid in bids_to_declare(opportunity) if bid.pk not in conflicted]


def criteria_for(opportunity: Opportunity, bid: Bid) -> list[Criterion]:
    return [c for c in opportunity.criteria.all() if c.lot_id is None or c.lot_id == bid.lot_id]


def scorable_criteria(opportunity: Opportunity, bid: Bid) -> list[Criterion]:
    """The criteria evaluators score by judgement (price is scored by the formula)."""
    return [c for c in criteria_for(opportunity, bid) if c.kind != Criterion.Kind.PRICE]


def own_scores(member: PanelMember) -> dict[tuple[int, int], Score]:
    return {(s.bid_id, s.criterion_id): s for s in Score.objects.filter(member=member)}


def scoring_progress(member: PanelMember, bids: list[Bid]) -> dict[int, tuple[int, int]]:
    """For each bid, (criteria scored, criteria to score)."""
    scored = own_scores(member)
    criteria = list(member.opportunity.criteria.all())
    progress = {}
    for bid in bids:
        wanted = [c for c in criteria if c.kind != Criterion.Kind.PRICE and (c.lot_id is None or c.lot_id == bid.lot_id)]
        progress[bid.pk] = (sum((bid.pk, c.pk) in scored for c in wanted), len(wanted))
    return progress


def others_scores(member: PanelMember, bid: Bid) -> list[Score]:
    """The other evaluators' scores of this bid: hidden until the member has submitted their own."""
    if member.scores_submitted_at is None:
        return []
    return list(
        Score.objects.filter(bid=bid, member__ended_at__isnull=True, member__scores_submitted_at__isnull=False)
        .exclude(member=member)
        .select_related("member__person", "criterion")
    )


def all_submitted(opportunity: Opportunity) -> bool:
    return not panel_for(opportunity).filter(scores_submitted_at__isnull=True).exists() and panel_for(opportunity).exists()


def individual_scores(bid: Bid) -> list[Score]:
    """Every submitted evaluator's scores of the bid, for moderation."""
    return list(
        Score.objects.filter(bid=bid, member__ended_at__isnull=True, member__scores_submitted_at__isnull=False).select_related(
            "member__person", "criterion"
        )
    )


def moderated_bid_ids(opportunity: Opportunity) -> set[int]:
    """The bids with consensus scores (the moderator saves every criterion of a bid at once)."""
    return set(ModeratedScore.objects.filter(bid__opportunity=opportunity).values_list("bid_id", flat=True))


def moderator_conflicts(opportunity: Opportunity) -> tuple[PanelMember | None, int]:
    """The moderator and how many submitted bids they are conflicted on that still need consensus scores.

    A conflicted moderator cannot moderate those bids (the conflict bars them), so another member
    must be named moderator for them; the pages say so, and the award waits for every bid's scores.
    """
    moderator = PanelMember.objects.filter(opportunity=opportunity, is_moderator=True, ended_at__isnull=True).select_related("person").first()
    if moderator is None:
        return None, 0
    waiting = conflicted_bid_ids(moderator.person, opportunity) - moderated_bid_ids(opportunity)
    waiting &= {bid.pk for bid in bids_to_declare(opportunity)}
    return moderator, len(waiting)


def moderated_for(bid: Bid) -> dict[int, ModeratedScore]:
    return {m.criterion_id: m for m in ModeratedScore.objects.filter(bid=bid)}


def activities_for(opportunity: Opportunity, visible_bid_ids: set[int] | None = None):
    rows = SelectionActivity.objects.filter(opportunity=opportunity).select_related("bid__organisation")
    if visible_bid_ids is None:
        return list(rows)
    return [a for a in rows if a.bid_id is None or a.bid_id in visible_bid_ids]


def decision_for(opportunity: Opportunity) -> AwardDecision | None:
    return AwardDecision.objects.filter(opportunity=opportunity).prefetch_related("awards__organisation", "awards__lot").first()


# --- The arithmetic -----------------------------------------------------------------------


@dataclass
class Line:
    criterion: Criterion
    weight: int
    score: int | None
    reason: str
    weighted: Decimal
    working: str  # the sum, written out


@dataclass
class BidResult:
    bid: Bid
    lines: list[Line] = field(default_factory=list)
    total: Decimal = Decimal("0")
    rank: int = 0
    complete: bool = True
    low_price: str = ""  # why the price is flagged as abnormally low, or ""


@dataclass
class LotResult:
    lot: object  # a Lot, or None
    results: list[BidResult]


def _money(value) -> str:
    return f"£{value:,.2f}"


def _q(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def _full_cost(bid: Bid):
    """The bid's own full cost by its full cost recovery template, or None while that is incomplete."""
    from ..services.bids import bid_full_cost

    cost = bid_full_cost(bid)
    return cost.total if cost is not None else None


def abnormally_low(bids: list[Bid]) -> dict[int, str]:
    """{bid id: why its price is flagged} for the bids of one lot."""
    priced = [b for b in bids if b.price is not None]
    flags = {}
    percent = abnormally_low_percent()
    if len(priced) >= 2:
        mean = sum(b.price for b in priced) / len(priced)
        floor = _q(mean * percent / 100)
        for bid in priced:
            if bid.price < floor:
                flags[bid.pk] = (
                    f"The price, {_money(bid.price)}, is below {percent}% of the mean price of the {len(priced)} bids "
                    f"({_money(_q(mean))}; {percent}% is {_money(floor)}). Ask the bidder to explain it before relying on it."
                )
    for bid in priced:
        cost = _full_cost(bid)
        if cost and bid.price < cost and bid.pk not in flags:
            flags[bid.pk] = f"The price, {_money(bid.price)}, is below the bid's own full cost of {_money(cost)}."
    return flags


def evaluation_results(opportunity: Opportunity, bids: list[Bid] | None = None) -> list[LotResult]:
    """Each lot's bids with their moderated scores, weighted scores (the working shown), totals and ranking.

    Quality and social value: moderated score ÷ top of the scale × weight. Price: lowest price ÷ the bid's
    price × weight (the lowest price of the bids for the same lot). Ranks are worked out among all the
    lot's bids, whichever of them `bids` shows.
    """
    every = list(bids_to_declare(opportunity))
    shown = {b.pk for b in (bids if bids is not None else every)}
    criteria = list(opportunity.criteria.all())
    moderated = {(m.bid_id, m.criterion_id): m for m in ModeratedScore.objects.filter(bid__in=[b.pk for b in every])}
    scale = opportunity.scale_max
    by_lot: dict[int | None, list[Bid]] = {}
    for bid in every:
        by_lot.setdefault(bid.lot_id, []).append(bid)
    out = []
    for lot_bids in by_lot.values():
        prices = [b.price for b in lot_bids if b.price]
        lowest = min(prices) if prices else None
        flags = abnormally_low(lot_bids)
        results = []
        for bid in lot_bids:
            result = BidResult(bid=bid, low_price=flags.get(bid.pk, ""))
            for criterion in criteria:
                if criterion.lot_id is not None and criterion.lot_id != bid.lot_id:
                    continue
                if criterion.kind == Criterion.Kind.PRICE:
                    if bid.price and lowest:
                        weighted = _q(Decimal(lowest) / Decimal(bid.price) * criterion.weight)
                        working = f"{_money(lowest)} (lowest price) ÷ {_money(bid.price)} × {criterion.weight} = {weighted}"
                    else:
                        weighted, working = Decimal("0.00"), "No price given: 0"
                    line = Line(criterion, criterion.weight, None, "Scored by the price formula.", weighted, working)
                else:
                    mod = moderated.get((bid.pk, criterion.pk))
                    if mod is None:
                        result.complete = False
                        line = Line(criterion, criterion.weight, None, "", Decimal("0.00"), "Not yet moderated")
                    else:
                        weighted = _q(Decimal(mod.score) / scale * criterion.weight)
                        line = Line(
                            criterion, criterion.weight, mod.score, mod.reason, weighted, f"{mod.score} ÷ {scale} × {criterion.weight} = {weighted}"
                        )
                result.lines.append(line)
                result.total += line.weighted
            results.append(result)
        ranked = sorted(results, key=lambda r: (-r.total, r.bid.pk))
        for position, result in enumerate(ranked, start=1):
            result.rank = position
        out.append(LotResult(lot=lot_bids[0].lot, results=[r for r in ranked if r.bid.pk in shown]))
    return out


def moderation_complete(opportunity: Opportunity) -> bool:
    results = evaluation_results(opportunity)
    return bool(results) and all(r.complete for lot in results for r in lot.results)


def result_as_data(result: BidResult) -> dict:
    """A bid's result as plain data, for the assessment summary's snapshot and the API."""
    return {
        "bid": result.bid.pk,
        "organisation": result.bid.organisation.name,
        "lot": result.bid.lot.title if result.bid.lot_id else "",
        "price": str(result.bid.price) if result.bid.price is not None else None,
        "total": str(result.total),
        "rank": result.rank,
        "criteria": [
            {
                "criterion": line.criterion.title,
                "kind": line.criterion.kind,
                "weight": line.weight,
                "score": line.score,
                "reason": line.reason,
                "weighted": str(line.weighted),
                "working": line.working,
            }
            for line in result.lines
        ],
    }
