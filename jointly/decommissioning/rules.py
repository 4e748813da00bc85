"""Who sees a decommissioning: the trust's staff as the contract says; the provider's people once notice
is given (the notice, the dates and the exit plan), never while it is being prepared or signed off."""

from jointly.accounts.disclosure import disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import NOT_FOUND, Perm
from jointly.contracts.rules import contract_decision

from .models import Decommissioning, ExitPlanEntry, SignOff

# What a provider's people may see of a decommissioning affecting them.
SHOWN_TO_PROVIDER = (Decommissioning.Status.IN_NOTICE, Decommissioning.Status.COMPLETED)


def decommissioning_decision(user, perm: Perm, case: Decommissioning):
    if user.is_authenticated and user.role == Role.PROVIDER_USER and case.status not in SHOWN_TO_PROVIDER:
        return NOT_FOUND
    return contract_decision(user, perm, case.contract)


disclose(Decommissioning, see=lambda user, case: decommissioning_decision(user, Perm.CONTRACTS_VIEW, case))
disclose(ExitPlanEntry, parent=lambda entry: entry.decommissioning)
disclose(SignOff, parent=lambda sign_off: sign_off.decommissioning)
