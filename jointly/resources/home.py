"""Where a priority leads in the resources: the spend on its outcome area."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.permissions import Perm, decide


def priority_links(priority, user) -> list[tuple[str, str]]:
    if priority.outcome_area_id is None or not decide(user, Perm.RESOURCES_VIEW, priority.trust).allowed:
        return []
    href = f"{reverse('resources:spend', args=[priority.trust.slug])}?outcome={priority.outcome_area.slug}"
    return [(f"Spend on {priority.outcome_area.name.lower()}", href)]
