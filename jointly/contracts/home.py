"""What contracts put on a person's home page: staff, the awards waiting for a contract, drafts to sign and
variations awaiting a decision; a provider, their contracts."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import Contract, Variation
from .selectors.contracts import awards_ready_for_contract, contracts_visible


def work(user, trust) -> list[Task]:
    if not has_perm(user, Perm.CONTRACTS_VIEW):
        return []
    if user.role == Role.PROVIDER_USER:
        count = contracts_visible(user).count()
        return [Task("Your contracts", reverse("contracts:mine"), Stage.CONTRACT, count)] if count else []
    if trust is None:
        return []
    tasks = []
    listing = reverse("contracts:list", args=[trust.slug])
    if decide(user, Perm.CONTRACTS_MANAGE, trust).allowed:
        ready = awards_ready_for_contract(trust).count()
        if ready:
            tasks.append(Task("Awards ready for contract", reverse("contracts:awards", args=[trust.slug]), Stage.CONTRACT, ready))
        drafts = Contract.objects.filter(trust=trust, status=Contract.Status.DRAFT).count()
        if drafts:
            tasks.append(Task("Draft contracts to complete and sign", f"{listing}?status=draft", Stage.CONTRACT, drafts))
    if decide(user, Perm.CONTRACTS_MANAGE, trust).allowed or decide(user, Perm.CONTRACT_APPROVE, trust).allowed:
        waiting = Variation.objects.filter(contract__trust=trust, status=Variation.Status.PROPOSED).count()
        if waiting:
            tasks.append(Task("Contract variations awaiting a decision", f"{listing}?status=active", Stage.CONTRACT, waiting))
    return tasks
