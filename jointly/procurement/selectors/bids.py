"""Bid reads. A bid's content is read here only by its own organisation while it is sealed; every
other attempt is refused and recorded (`sealing.check_readable`). The panel reads unsealed bids
through `sealing.unsealed_bids` (evaluation), never through these."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404

from jointly.accounts.permissions import Perm, has_perm, in_trust, trust_ids_for
from jointly.providers.models import DirectoryService

from ..models import Bid, BidAttachment, ConsortiumMember, Opportunity, SealAttempt
from ..sealing import BidsSealed, is_bid_party, is_sealed, record_attempt
from ..services.bids import lead_shares

BIDDER_ONLY = "This page is for the bidder. The evaluation panel reads bids on the evaluation pages once the closing time has passed."


def own_bids(user):
    """The bids the person's organisation made or is a consortium member of, newest first (nobody else's)."""
    if not getattr(user, "organisation_id", None):
        return Bid.objects.none()
    mine = Q(organisation_id=user.organisation_id) | Q(members__organisation_id=user.organisation_id)
    return (
        Bid.objects.filter(mine).distinct().select_related("opportunity", "opportunity__trust", "lot", "organisation").order_by("-updated_at", "-pk")
    )


def _staff(user, bid: Bid) -> bool:
    """May the person know the opportunity's bids exist (its trust's procurement staff)? Others are told nothing."""
    return has_perm(user, Perm.PROCUREMENT_VIEW) and in_trust(user, bid.opportunity.trust_id)


def _refuse_other(user, bid: Bid, *, channel: str, what: str = "") -> None:
    """Anyone but the bidder is refused; while sealed the attempt is recorded. Staff hear why (403),
    everyone else (another provider, another trust) is not told the bid exists (404)."""
    if is_sealed(bid.opportunity):
        record_attempt(user=user, opportunity=bid.opportunity, bid=bid, channel=channel, what=what)
        if _staff(user, bid):
            raise BidsSealed(bid.opportunity)
        raise Http404("Not found.")
    if not _staff(user, bid):
        raise Http404("Not found.")
    raise PermissionDenied(BIDDER_ONLY)


def own_bid(user, pk: int, *, channel: str = "page") -> Bid:
    """One bid for its own organisation's pages and API (its consortium members read it too); anyone else
    is refused (and, while sealed, recorded)."""
    bid = Bid.objects.select_related("opportunity", "opportunity__trust", "lot", "organisation", "supersedes").filter(pk=pk).first()
    if bid is None:
        raise Http404("Not found.")
    if not is_bid_party(user, bid):
        _refuse_other(user, bid, channel=channel, what=f"bid {bid.pk}")
    return bid


def bid_answers(bid: Bid) -> list[tuple]:
    """Each of the opportunity's questions with the bid's answer (or None), in order."""
    answers = {answer.question_id: answer for answer in bid.answers.all()}
    return [(question, answers.get(question.pk)) for question in bid.opportunity.questions.select_related("criterion")]


def bid_attachments(bid: Bid):
    # The bytes stay in the database until someone downloads the file.
    return bid.attachments.defer("content").order_by("pk")


def own_attachment(user, bid_pk: int, pk: int, *, channel: str = "page") -> BidAttachment:
    bid = own_bid(user, bid_pk, channel=channel)
    attachment = BidAttachment.objects.filter(bid=bid, pk=pk).first()
    if attachment is None:
        raise Http404("Not found.")
    return attachment


@dataclass(frozen=True)
class MemberExperience:
    organisation: object
    role: str
    work_share: Decimal
    money_share: Decimal
    years_experience: int | None
    services: list
    lead: bool
    member: ConsortiumMember | None = None


@dataclass(frozen=True)
class Consortium:
    rows: list[MemberExperience]
    most_years: int
    services: int

    @property
    def is_consortium(self) -> bool:
        return len(self.rows) > 1


def consortium(bid: Bid) -> Consortium:
    """The lead and members with their roles and shares, and the experience they bring: the directory's
    active services of each (named on the bid) and the years each says it has delivered such services."""
    members = list(bid.members.select_related("organisation").order_by("pk"))
    organisation_ids = [bid.organisation_id, *(member.organisation_id for member in members)]
    services: dict[int, list] = {pk: [] for pk in organisation_ids}
    for service in DirectoryService.objects.filter(organisation_id__in=organisation_ids, status=DirectoryService.Status.ACTIVE).order_by("name"):
        services[service.organisation_id].append(service)
    lead_work, lead_money = lead_shares(members)
    rows = [
        MemberExperience(
            organisation=bid.organisation,
            role=bid.lead_role or "Lead",
            work_share=lead_work,
            money_share=lead_money,
            years_experience=None,
            services=services[bid.organisation_id],
            lead=True,
        )
    ]
    rows += [
        MemberExperience(
            organisation=member.organisation,
            role=member.role,
            work_share=member.work_share,
            money_share=member.money_share,
            years_experience=member.years_experience,
            services=services[member.organisation_id],
            lead=False,
            member=member,
        )
        for member in members
    ]
    return Consortium(
        rows=rows,
        most_years=max((row.years_experience or 0 for row in rows), default=0),
        services=sum(len(found) for found in services.values()),
    )


def overheads_by_pool(bid: Bid) -> dict:
    return {row.pool: row for row in bid.overheads.all()}


def open_for_bids(pk: int) -> Opportunity:
    """An opportunity a bid may be started on: open (the service checks the closing time on the locked row)."""
    opportunity = Opportunity.objects.select_related("trust").prefetch_related(Prefetch("lots")).filter(pk=pk, status=Opportunity.Status.OPEN).first()
    if opportunity is None:
        raise Http404("Not found.")
    return opportunity


def seal_attempts_for(user):
    """Refused attempts to read sealed bids, in the trusts the person works in (all, for administrators)."""
    attempts = SealAttempt.objects.select_related("opportunity", "opportunity__trust").order_by("-at", "-pk")
    ids = trust_ids_for(user)
    return attempts if ids is None else attempts.filter(opportunity__trust_id__in=ids)
