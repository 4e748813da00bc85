"""Decommissionings as each person may see them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm
from jointly.contracts.selectors.contracts import contract_for, contracts_visible

from ..models import Decommissioning, ExitPlanEntry
from ..rules import SHOWN_TO_PROVIDER, decommissioning_decision


def decommissionings_visible(user) -> QuerySet:
    queryset = Decommissioning.objects.filter(contract__in=contracts_visible(user).values("pk"))
    if user.is_authenticated and user.role == Role.PROVIDER_USER:
        queryset = queryset.filter(status__in=SHOWN_TO_PROVIDER)
    return queryset.select_related("contract__trust", "contract__supplier").annotate(
        entries=Count("exit_plan", distinct=True),
        entries_settled=Count("exit_plan", filter=~Q(exit_plan__status=ExitPlanEntry.Status.PLANNED), distinct=True),
    )


def decommissionings_of_trust(user, trust, *, status: str = "") -> QuerySet:
    queryset = decommissionings_visible(user).filter(contract__trust=trust)
    return queryset.filter(status=status) if status else queryset


def decommissioning_for(user, pk, perm: Perm = Perm.CONTRACTS_VIEW) -> Decommissioning:
    """One decommissioning: 404 unless the person may see it, 403 if they may not do this."""
    case = (
        Decommissioning.objects.select_related("improvement_plan", "review", "proposed_by")
        .prefetch_related("exit_plan", "sign_offs")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("Not found.")
    case.contract = contract_for(user, case.contract_id, Perm.CONTRACTS_VIEW)
    decision = decommissioning_decision(user, perm, case)
    if not decision.visible:
        raise Http404("Not found.")
    if not decision.allowed:
        raise PermissionDenied(decision.reason)
    return case
