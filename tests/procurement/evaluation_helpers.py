"""An opportunity in evaluation with submitted bids, made by factories and a queryset update
(the publishing and closing services belong to other parts), and the steps of an evaluation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from jointly.accounts.models import Role
from jointly.procurement.models import Bid, Criterion, Opportunity, PanelMember
from jointly.procurement.services import award as award_services
from jointly.procurement.services import evaluation as services

from ..factories import OrganisationFactory, TOTPDeviceFactory, UserFactory
from .factories import BidFactory, CriterionFactory, OpportunityFactory


def person(role, trust=None, **extra):
    user = UserFactory(role=role, trusts=[trust] if trust else [], **extra)
    if user.needs_second_factor:
        TOTPDeviceFactory(user=user)
    return user


@dataclass
class Evaluation:
    opportunity: Opportunity
    quality: Criterion
    social_value: Criterion
    price: Criterion
    bids: list[Bid]
    bidders: list  # the bidding organisations' users, one per bid
    members: list[PanelMember] = field(default_factory=list)


def opportunity_in_evaluation(trust, *, prices=("90000", "100000", "60000"), route=None, scale_max=4) -> Evaluation:
    """An opportunity whose closing time has passed, with a quality (50%), a social value (20%) and a
    price (30%) criterion, and one submitted bid per price from its own organisation."""
    extra = {"route": route} if route else {}
    opportunity = OpportunityFactory(trust=trust, scale_max=scale_max, **extra)
    quality = CriterionFactory(opportunity=opportunity, title="Quality of the service model", weight=50, order=1)
    social = CriterionFactory(opportunity=opportunity, title="Social value", kind=Criterion.Kind.SOCIAL_VALUE, weight=20, order=2)
    price = CriterionFactory(opportunity=opportunity, title="Price", kind=Criterion.Kind.PRICE, weight=30, order=3)
    bids, bidders = [], []
    for number, value in enumerate(prices, start=1):
        organisation = OrganisationFactory(name=f"Bidder {number}")
        bidders.append(person(Role.PROVIDER_USER, trust, organisation=organisation))
        bids.append(BidFactory(opportunity=opportunity, organisation=organisation, price=Decimal(value), status=Bid.Status.SUBMITTED))
    Opportunity.objects.filter(pk=opportunity.pk).update(
        status=Opportunity.Status.EVALUATION,
        closes_at=timezone.now() - datetime.timedelta(days=1),
        published_at=timezone.now() - datetime.timedelta(days=45),
    )
    opportunity.refresh_from_db()
    return Evaluation(opportunity, quality, social, price, bids, bidders)


def appoint(evaluation: Evaluation, by, people_and_capacities) -> list[PanelMember]:
    members = []
    for index, (who, capacity) in enumerate(people_and_capacities):
        members.append(services.panel_appoint(opportunity=evaluation.opportunity, person=who, capacity=capacity, is_moderator=index == 0, by=by))
    evaluation.members.extend(members)
    return members


def declare_none(member: PanelMember, evaluation: Evaluation, conflicted_with: tuple[Bid, ...] = ()) -> PanelMember:
    answers = {bid.pk: (bid in conflicted_with, "I am a trustee of this charity." if bid in conflicted_with else "") for bid in evaluation.bids}
    return services.declarations_record(member=member, answers=answers, by=member.person)


def score_all(member: PanelMember, evaluation: Evaluation, values=(3, 2)) -> None:
    from jointly.procurement.selectors import evaluation as read

    member.refresh_from_db()
    for bid in read.bids_for_member(member):
        services.scores_save(
            member=member,
            bid=bid,
            scores={evaluation.quality.pk: (values[0], "Clear model."), evaluation.social_value.pk: (values[1], "Some local jobs.")},
            by=member.person,
        )
    services.scores_submit(member=member, by=member.person)


def moderate_all(moderator: PanelMember, evaluation: Evaluation, values: dict | None = None) -> None:
    """Consensus scores for every bid: quality then social value, {bid: (q, s)}; default (3, 2)."""
    moderator.refresh_from_db()
    for bid in evaluation.bids:
        q, s = (values or {}).get(bid.pk, (3, 2))
        services.moderated_scores_save(
            moderator=moderator,
            bid=bid,
            scores={evaluation.quality.pk: (q, "Agreed: clear model."), evaluation.social_value.pk: (s, "Agreed: local jobs.")},
            by=moderator.person,
        )


def evaluated(trust, commissioner, officer, *, values=None, **kwargs) -> Evaluation:
    """An evaluation ready for the award decision: a one-person panel (the officer, moderating) has
    declared, scored and moderated every bid."""
    evaluation = opportunity_in_evaluation(trust, **kwargs)
    (member,) = appoint(evaluation, commissioner, [(officer, PanelMember.Capacity.OFFICER)])
    declare_none(member, evaluation)
    score_all(member, evaluation)
    moderate_all(member, evaluation, values)
    return evaluation


def decided(evaluation: Evaluation, decider, *, winner=None, **kwargs):
    return award_services.award_decide(
        opportunity=evaluation.opportunity, by=decider, winners={None: winner or evaluation.bids[0]}, reasons="Highest total score.", **kwargs
    )
