"""Who may change an indicator's description."""

from jointly.accounts.models import Role
from jointly.accounts.permissions import Decision, Perm, rule


@rule(Perm.INDICATOR_EDIT)
def indicator_edit(user, indicator) -> Decision:
    """A shared (national) indicator is read by every trust, so only an administrator changes it."""
    if indicator.trust_id is None and user.role != Role.ADMINISTRATOR:
        return Decision(False, "This indicator is shared by every trust, so only an administrator can change it.")
    return Decision(True)
