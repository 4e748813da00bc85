"""What decommissioning puts on a person's home page: the trust's cases in progress; a provider's notices."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import Decommissioning
from .selectors.decommissionings import decommissionings_visible

OPEN = [Decommissioning.Status.DRAFT, Decommissioning.Status.AWAITING_SIGN_OFF, Decommissioning.Status.APPROVED, Decommissioning.Status.IN_NOTICE]


def work(user, trust) -> list[Task]:
    if not user.is_authenticated or not has_perm(user, Perm.CONTRACTS_VIEW):
        return []
    if user.role == Role.PROVIDER_USER:
        notices = decommissionings_visible(user).filter(status=Decommissioning.Status.IN_NOTICE).count()
        return [Task("Notice given on your contracts", reverse("decommissioning:mine"), Stage.REVIEW, count=notices)] if notices else []
    if trust is None or not decide(user, Perm.CONTRACTS_VIEW, trust).allowed:
        return []
    listed = reverse("decommissioning:list", args=[trust.slug])
    tasks = [
        Task(
            "Decommissionings in progress", listed, Stage.REVIEW, count=Decommissioning.objects.filter(contract__trust=trust, status__in=OPEN).count()
        )
    ]
    if has_perm(user, Perm.CONTRACT_APPROVE):
        waiting = Decommissioning.objects.filter(contract__trust=trust, status=Decommissioning.Status.AWAITING_SIGN_OFF).count()
        tasks.append(Task("Decommissionings waiting for your sign-off", f"{listed}?status=awaiting_sign_off", Stage.REVIEW, count=waiting))
    return tasks
