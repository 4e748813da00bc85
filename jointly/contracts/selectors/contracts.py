"""Contracts as each person may see them: staff by trust and role, providers their own."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, get_object_for, has_perm, require, trust_ids_for

from ..models import Contract, ContractParty
from ..rules import contract_decision


def _with_parts(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("trust", "buyer", "supplier").prefetch_related(
        Prefetch("parties", queryset=ContractParty.objects.select_related("organisation"))
    )


def contracts_visible(user) -> QuerySet:
    """Every contract the person may see: their trusts' (with CONTRACTS_VIEW), or a provider's own signed ones."""
    if not user.is_authenticated or not has_perm(user, Perm.CONTRACTS_VIEW):
        return Contract.objects.none()
    if user.role == Role.PROVIDER_USER:
        if not user.organisation_id:
            return Contract.objects.none()
        mine = Q(supplier_id=user.organisation_id) | Q(parties__organisation_id=user.organisation_id)
        return _with_parts(Contract.objects.filter(mine).exclude(status=Contract.Status.DRAFT).distinct())
    trust_ids = trust_ids_for(user)
    queryset = Contract.objects.all() if trust_ids is None else Contract.objects.filter(trust_id__in=trust_ids)
    return _with_parts(queryset)


def contracts_of_trust(user, trust, *, status: str = "") -> QuerySet:
    queryset = contracts_visible(user).filter(trust=trust)
    return queryset.filter(status=status) if status else queryset


def contract_for(user, pk, perm: Perm = Perm.CONTRACTS_VIEW) -> Contract:
    """One contract for a page or an API call: 404 if it is not the person's to see, 403 if not to do this."""
    if user.is_authenticated and user.role == Role.PROVIDER_USER:
        contract = _with_parts(Contract.objects.all()).filter(pk=pk).first()
        decision = contract_decision(user, perm, contract) if contract is not None else None
        if decision is None or not decision.visible:
            raise Http404("Not found.")
        if not decision.allowed:
            raise PermissionDenied(decision.reason)
        return contract
    return get_object_for(user, perm, _with_parts(Contract.objects.all()), pk=pk)


def require_on_contract(user, perm: Perm, contract: Contract) -> None:
    """Raise 404 or 403 unless the person may do this on the contract (parties included)."""
    if user.is_authenticated and user.role == Role.PROVIDER_USER:
        contract_for(user, contract.pk, perm)
        return
    require(user, perm, contract)


def running_contracts_of(organisation) -> QuerySet:
    """An organisation's signed, running contracts as a party, from every trust (for its one return)."""
    mine = Q(supplier=organisation) | Q(parties__organisation=organisation)
    return Contract.objects.filter(mine, status__in=[Contract.Status.ACTIVE, Contract.Status.IN_NOTICE]).distinct().select_related("trust", "buyer")


def contract_page_parts(contract: Contract) -> dict:
    """Everything the contract's page lists, in a fixed number of queries."""
    return {
        "years": list(contract.years.all()),
        "measures": list(contract.measures.select_related("priority", "indicator")),
        "risks": list(contract.risks.all()),
        "insurance": list(contract.insurance.all()),
        "funding": list(contract.funding_shares.select_related("organisation")),
        "variations": list(contract.variations.all()),
        "extensions": list(contract.extensions.all()),
    }


def awards_ready_for_contract(trust) -> QuerySet:
    """The trust's awards whose standstill has ended and that have no contract yet."""
    from jointly.procurement.models import Award

    return (
        Award.objects.filter(decision__opportunity__trust=trust, status=Award.Status.READY_FOR_CONTRACT, contract__isnull=True)
        .select_related("decision__opportunity", "organisation", "lot")
        .order_by("-ready_at", "pk")
    )
