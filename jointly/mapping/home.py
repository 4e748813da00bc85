"""Where a priority leads on the service map."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.permissions import Perm, decide


def priority_links(priority, user) -> list[tuple[str, str]]:
    # The map shows every priority that is not retired (selectors.current_priorities).
    if priority.status == priority.Status.RETIRED or not decide(user, Perm.MAP_VIEW, priority.trust).allowed:
        return []
    return [
        (
            "Service map: the services meeting it, where, what they cost, and the gaps",
            reverse("mapping:priority", args=[priority.trust.slug, priority.pk]),
        )
    ]
