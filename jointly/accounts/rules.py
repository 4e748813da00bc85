"""Who may see people, tokens, assignments, and the history of any record."""

from jointly.core.models import BankHoliday

from .disclosure import Private, disclose, record_decision
from .models import ApiToken, Assignment, Membership, Role, User
from .permissions import Decision, Perm, rule


@rule(Perm.AUDIT_VIEW)
def history(user, record) -> Decision:
    """A record's history is seen by those who may see the record; its private fields are withheld entry by entry."""
    return record_decision(user, record)


def _own_token_or_administrator(user, token) -> Decision:
    if user.pk == token.user_id or user.role == Role.ADMINISTRATOR:
        return Decision(True)
    return Decision(False, "Only the token's owner and administrators can see it.")


def _own_assignment_or_its_objects_readers(user, assignment) -> Decision:
    if user.pk == assignment.person_id:
        return Decision(True)
    target = assignment.target
    if target is None:
        return Decision(user.role == Role.ADMINISTRATOR, "Only administrators can see this record.")
    return record_decision(user, target)


# People's details are on the administrators' people pages only.
disclose(User, see=Perm.USER_MANAGE)
disclose(Membership, see=Perm.USER_MANAGE)
# The prefix is token material: the owner recognises their token by it; nobody else needs it.
disclose(
    ApiToken,
    see=_own_token_or_administrator,
    private=[Private(("prefix",), test=lambda user, token: user.pk == token.user_id)],
)
disclose(Assignment, see=_own_assignment_or_its_objects_readers)

# Core sits below the catalogue, so its one audited model's rule is declared here: bank holidays are public.
disclose(BankHoliday)
