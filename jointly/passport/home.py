"""What the passport puts on a provider's home page: what is missing from it or about to expire."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.permissions import Perm, has_perm
from jointly.core.registry import Stage, Task

from . import selectors


def work(user, trust) -> list[Task]:
    if not user.is_authenticated or not user.organisation_id or not has_perm(user, Perm.PASSPORT_EDIT):
        return []
    status = selectors.status_of(user.organisation)
    count = len(status.gaps) + len(status.expiring)
    return [
        Task(
            "Your supplier passport: missing or expiring" if count else "Your supplier passport",
            reverse("passport:detail", args=[user.organisation.slug]),
            Stage.PROCURE,
            count=count or None,
            hint="Kept up to date, it saves you answering the same questions for every opportunity.",
        ),
        # The bidders' view is procurement's page; its address is all the passport knows of it.
        Task("Opportunities and bids", reverse("bidders:home"), Stage.PROCURE, hint="Open opportunities that fit your services, and your bids."),
    ]
