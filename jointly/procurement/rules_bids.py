"""Who may see bids: their own organisation while sealed, no one else until the seal is broken."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Decision

from .models import Bid, BidAnswer, BidAttachment, BidOverhead, ConsortiumMember
from .sealing import BidsSealed, is_bid_party, is_sealed, record_attempt


def _bid_record(user, bid) -> Decision:
    # The history of a bid is its content: withheld from everyone but its bidder while sealed,
    # and each refused look is written down like any other attempt on the seal.
    if is_bid_party(user, bid):
        return Decision(True)
    if is_sealed(bid.opportunity):
        record_attempt(user=user, opportunity=bid.opportunity, bid=bid, channel="history", what=f"the history of bid {bid.pk}")
        return Decision(False, str(BidsSealed(bid.opportunity).args[0]))
    return Decision(False, "Only the bidder and the evaluation panel can see a bid.")


disclose(Bid, see=_bid_record)
for _model in (BidAnswer, BidOverhead, BidAttachment, ConsortiumMember):
    disclose(_model, parent=lambda part: part.bid)
