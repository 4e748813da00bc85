"""Who may change an indicator's description."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import Decision, Perm, rule

from .models import ImportRun, IndicatorDefinition, OutcomeArea


@rule(Perm.INDICATOR_EDIT)
def indicator_edit(user, indicator) -> Decision:
    """A shared (national) indicator is read by every trust, so only an administrator changes it."""
    if indicator.trust_id is None and user.role != Role.ADMINISTRATOR:
        return Decision(False, "This indicator is shared by every trust, so only an administrator can change it.")
    return Decision(True)


# --- Disclosure (decision 0013) ---------------------------------------------
# Outcome areas and indicators are published statistics' frame: everyone signed in reads them.
disclose(OutcomeArea, see=Perm.PROFILE_VIEW)
disclose(IndicatorDefinition, see=Perm.PROFILE_VIEW)
# An import's file, rows and errors are for the people who import.
disclose(ImportRun, see=Perm.INDICATOR_IMPORT)
