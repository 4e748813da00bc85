"""Sealed bids: no one, administrators included, reads a bid before the closing time.

Every read of a bid's content goes through `unsealed_bids` (or `is_sealed` first), so the rule
lives in one place under the views, the API, exports and the admin. Whether the person may see a
particular bid once unsealed (the panel, less anyone with a declared conflict) is a permission
question for `rules.py`; this module answers only "has the seal been broken yet?".

The one exception is the bidder's own organisation, which reads its own draft and submission
(decision 0020). Every other attempt to read a sealed bid is refused
(`BidsSealed`, a 403) and written down as a `SealAttempt`: who, when, which bid, by what way.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import Bid, Opportunity, SealAttempt

SEALED_STATES = frozenset({Opportunity.Status.DRAFT, Opportunity.Status.OPEN})
# A cancelled procurement never reveals its bids, whenever it was cancelled: no one needs to read them.
NEVER_OPENED = frozenset({Opportunity.Status.CANCELLED})


class BidsSealed(PermissionDenied):
    def __init__(self, opportunity: Opportunity):
        if opportunity.status in NEVER_OPENED:
            super().__init__("This procurement was cancelled, so its bids are never opened.")
            return
        when = (
            timezone.localtime(opportunity.closes_at).strftime("%-I:%M%p on %-d %B %Y").replace("AM", "am").replace("PM", "pm")
            if opportunity.closes_at
            else "the closing time"
        )
        super().__init__(f"Bids are sealed until {when}. No one can read them before then.")


def is_sealed(opportunity: Opportunity, *, now=None) -> bool:
    """True until the opportunity has closed AND its closing time has passed (both, so neither a
    clock that is late nor a status changed early can open bids)."""
    now = now or timezone.now()
    if opportunity.status in NEVER_OPENED:
        return True
    return opportunity.status in SEALED_STATES or opportunity.closes_at is None or now < opportunity.closes_at


def is_bidder(user, bid: Bid) -> bool:
    """Is the person one of the bidding organisation's own people (the only readers while sealed)?"""
    return bool(getattr(user, "is_authenticated", False) and user.organisation_id and user.organisation_id == bid.organisation_id)


def is_bid_party(user, bid: Bid) -> bool:
    """The bidder, or a member of its consortium: they may read the bid (only the bidder changes it)."""
    if is_bidder(user, bid):
        return True
    if not (getattr(user, "is_authenticated", False) and user.organisation_id):
        return False
    return bid.members.filter(organisation_id=user.organisation_id).exists()


def record_attempt(*, user, opportunity: Opportunity, bid: Bid | None = None, channel: str, what: str = "") -> SealAttempt:
    """Write down a refused read of a sealed bid (append-only). A read is autocommitted, so it stays
    even though the request then fails; inside a write's transaction it goes with the write."""
    person = user if getattr(user, "pk", None) else None
    label = f"{person.get_full_name()} <{person.email}>" if person else ("system" if user is None else "anonymous")
    what = what or (f"bid {bid.pk}" if bid is not None else "the bids")
    return SealAttempt.objects.create(by=person, by_label=label[:300], opportunity=opportunity, bid=bid, channel=channel[:30], what=what[:300])


def refuse_sealed(*, user, opportunity: Opportunity, bid: Bid | None = None, channel: str, what: str = ""):
    """Record the attempt and refuse it."""
    record_attempt(user=user, opportunity=opportunity, bid=bid, channel=channel, what=what)
    raise BidsSealed(opportunity)


def check_readable(user, bid: Bid, *, channel: str, what: str = "", now=None) -> None:
    """Refuse (and record) a read of the bid's content by anyone but its bidder (and consortium) while it is sealed."""
    if is_bid_party(user, bid):
        return
    if is_sealed(bid.opportunity, now=now):
        refuse_sealed(user=user, opportunity=bid.opportunity, bid=bid, channel=channel, what=what)


def unsealed_bids(opportunity: Opportunity, *, now=None, by=None, channel: str = "evaluation"):
    """The submitted bids of an opportunity whose seal is broken; raises BidsSealed before (and records
    the attempt, on behalf of `by` when the caller names the person)."""
    if is_sealed(opportunity, now=now):
        refuse_sealed(user=by, opportunity=opportunity, channel=channel, what="the bids")
    return Bid.objects.filter(opportunity=opportunity, status=Bid.Status.SUBMITTED)
