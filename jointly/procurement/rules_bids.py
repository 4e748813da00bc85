"""Who may see bids: their own organisation while sealed, no one else until the seal is broken."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Decision

from .models import Bid, BidAnswer
from .sealing import BidsSealed, is_sealed


def _bid_record(user, bid) -> Decision:
    # The history of a bid is its content: withheld from everyone but its bidder while sealed.
    if user.organisation_id == bid.organisation_id:
        return Decision(True)
    if is_sealed(bid.opportunity):
        return Decision(False, str(BidsSealed(bid.opportunity).args[0]))
    return Decision(False, "Only the bidder and the evaluation panel can see a bid.")


disclose(Bid, see=_bid_record)
disclose(BidAnswer, parent=lambda answer: answer.bid)
