"""What placements puts on a person's home page: requests waiting for a choice, budgets held, requests to answer."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import Offer, PlacementRequest
from .selectors import budgets_held_by


def work(user, trust) -> list[Task]:
    if not user.is_authenticated:
        return []
    tasks = []
    if has_perm(user, Perm.PLACEMENT_OFFER) and user.organisation_id:
        open_requests = (
            PlacementRequest.objects.filter(recipients__organisation_id=user.organisation_id, status=PlacementRequest.Status.SENT)
            .exclude(offers__organisation_id=user.organisation_id, offers__status=Offer.Status.MADE)
            .count()
        )
        tasks.append(
            Task("Placement requests sent to your organisation", reverse("placements:provider-requests"), Stage.CONTRACT, count=open_requests)
        )
    held = budgets_held_by(user).count()
    if held:
        tasks.append(Task("Individual budgets you hold", reverse("placements:my-budgets"), Stage.CONTRACT, count=held))
    if trust is not None and decide(user, Perm.PLACEMENTS_MANAGE, trust).allowed:
        waiting = PlacementRequest.objects.filter(trust=trust, status=PlacementRequest.Status.SENT).count()
        tasks.append(Task("Placement requests waiting for a choice", reverse("placements:trust", args=[trust.slug]), Stage.CONTRACT, count=waiting))
    return tasks
