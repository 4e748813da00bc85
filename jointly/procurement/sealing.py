"""Sealed bids: no one, administrators included, reads a bid before the closing time.

Every read of a bid's content goes through `unsealed_bids` (or `is_sealed` first), so the rule
lives in one place under the views, the API, exports and the admin. Whether the person may see a
particular bid once unsealed (the panel, less anyone with a declared conflict) is a permission
question for `rules.py`; this module answers only "has the seal been broken yet?".
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .models import Bid, Opportunity

SEALED_STATES = frozenset({Opportunity.Status.DRAFT, Opportunity.Status.OPEN})


class BidsSealed(PermissionDenied):
    def __init__(self, opportunity: Opportunity):
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
    return opportunity.status in SEALED_STATES or opportunity.closes_at is None or now < opportunity.closes_at


def unsealed_bids(opportunity: Opportunity, *, now=None):
    """The submitted bids of an opportunity whose seal is broken; raises BidsSealed before."""
    if is_sealed(opportunity, now=now):
        raise BidsSealed(opportunity)
    return Bid.objects.filter(opportunity=opportunity, status=Bid.Status.SUBMITTED)
