"""Who may see bidders' ratings of a process: the trust's procurement staff (without the rater's name on
the page) and the organisation that rated."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.permissions import Decision, Perm, has_perm

from .models import ProcessRating


def _rating(user, rating) -> Decision:
    if user.organisation_id == rating.organisation_id or has_perm(user, Perm.PROCUREMENT_VIEW):
        return Decision(True)
    return Decision(False, "Only the trust's procurement staff and the organisation that rated can see a rating.")


disclose(ProcessRating, see=_rating)
