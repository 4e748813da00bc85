"""Who may see and act on contracts: the trust's staff by role, and the parties' own people.

A provider's people see the contracts their organisation is a party to, whichever trust let them
(a provider in the region may hold contracts from several trusts), and nothing of anyone else's:
another provider's contract is "not found", as another trust's is to staff.
"""

from jointly.accounts.disclosure import disclose
from jointly.accounts.models import Role
from jointly.accounts.permissions import NOT_FOUND, Decision, Perm, decide, has_perm

from .models import (
    Clause,
    Contract,
    ContractInsurance,
    ContractMeasure,
    ContractParty,
    ContractRisk,
    ContractYear,
    Extension,
    FundingShare,
    Variation,
)

# What a party's own people may do on their contract, whatever trust they belong to.
PARTY_PERMS = frozenset({Perm.CONTRACTS_VIEW, Perm.INVOICE_SUBMIT, Perm.RETURN_SUBMIT})


def party_organisation_ids(contract: Contract) -> set[int]:
    """The lead's and the members' organisations (from prefetched parties when there are any)."""
    cache = getattr(contract, "_prefetched_objects_cache", {})
    if "parties" in cache:
        return {party.organisation_id for party in cache["parties"]} | {contract.supplier_id}
    return set(contract.parties.values_list("organisation_id", flat=True)) | {contract.supplier_id}


def is_party(user, contract: Contract) -> bool:
    return bool(user.is_authenticated and user.organisation_id and user.organisation_id in party_organisation_ids(contract))


def contract_decision(user, perm: Perm, contract: Contract) -> Decision:
    """decide() for a contract, letting the parties' people in to their own (drafts excepted)."""
    if not user.is_authenticated or not user.is_active:
        return Decision(False, "Sign in to continue.", visible=False)
    if user.role == Role.PROVIDER_USER:
        if contract.status == Contract.Status.DRAFT or not is_party(user, contract):
            return NOT_FOUND
        if perm not in PARTY_PERMS:
            return Decision(False, "Only the commissioners of this contract can do that.")
        if not has_perm(user, perm):
            return decide(user, perm)
        return Decision(True)
    return decide(user, perm, contract)


disclose(Contract, see=lambda user, contract: contract_decision(user, Perm.CONTRACTS_VIEW, contract))
for _model in (ContractParty, ContractYear, ContractMeasure, ContractRisk, ContractInsurance, FundingShare, Variation, Extension):
    disclose(_model, parent=lambda part: part.contract)
# The clause library is the standard text every contract is made from: open to anyone signed in.
disclose(Clause)
