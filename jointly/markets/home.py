"""Where a priority leads in the market analysis: the market for its outcome area."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.permissions import Perm, decide


def priority_links(priority, user) -> list[tuple[str, str]]:
    if priority.outcome_area_id is None or not decide(user, Perm.MARKET_VIEW, priority.trust).allowed:
        return []
    href = reverse("markets:category", args=[priority.trust.slug, priority.outcome_area.slug])
    return [(f"Market for {priority.outcome_area.name.lower()}: providers, concentration and dependencies", href)]
