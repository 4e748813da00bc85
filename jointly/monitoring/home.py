"""What monitoring puts on the home page: a provider's returns to complete; a reviewer's returns to review."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import MonitoringReturn
from .selectors.returns import NOT_SUBMITTED, reviewer_to_do


def work(user, trust) -> list[Task]:
    if not user.is_authenticated:
        return []
    if user.role == Role.PROVIDER_USER:
        if not user.organisation_id or not has_perm(user, Perm.RETURN_SUBMIT):
            return []
        to_do = MonitoringReturn.objects.filter(organisation_id=user.organisation_id, status__in=NOT_SUBMITTED).count()
        return [
            Task(
                "Monitoring returns to complete",
                reverse("monitoring:my-returns"),
                Stage.REVIEW,
                count=to_do,
                hint="One return for every contract you hold with the partners who use it.",
            )
        ]
    if trust is None or not decide(user, Perm.RETURNS_REVIEW, trust).allowed:
        return []
    return [
        Task(
            "Monitoring returns to review",
            reverse("monitoring:trust-returns", args=[trust.slug]) + "?state=submitted",
            Stage.REVIEW,
            count=reviewer_to_do(trust).count(),
        )
    ]
