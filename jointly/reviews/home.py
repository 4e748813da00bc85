"""What reviews put on a person's home page, and where a priority's page leads in this stage."""

from __future__ import annotations

import datetime

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from jointly.accounts.models import Role
from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import ImprovementAction, ImprovementPlan, Review
from .selectors.reviews import plans_visible, reviews_visible
from .selectors.thread import serving

DUE_SOON_DAYS = 60


def work(user, trust) -> list[Task]:
    if not user.is_authenticated or not has_perm(user, Perm.CONTRACTS_VIEW):
        return []
    today = timezone.localdate()
    if user.role == Role.PROVIDER_USER:
        plans = plans_visible(user).exclude(status__in=[ImprovementPlan.Status.COMPLETED, ImprovementPlan.Status.FAILED])
        return [Task("Your contracts' reviews and improvement plans", reverse("reviews:mine"), Stage.REVIEW, count=plans.count())]
    if trust is None or not decide(user, Perm.CONTRACTS_VIEW, trust).allowed:
        return []
    due = reviews_visible(user).filter(
        contract__trust=trust, status=Review.Status.PLANNED, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
    )
    overdue = ImprovementAction.objects.filter(
        plan__contract__trust=trust, plan__status=ImprovementPlan.Status.AGREED, status=ImprovementAction.Status.OPEN, due_on__lt=today
    )
    listed = reverse("reviews:list", args=[trust.slug])
    return [
        Task("Contract reviews due in the next two months", f"{listed}?status=planned", Stage.REVIEW, count=due.count()),
        Task("Improvement actions overdue", f"{listed}#plans", Stage.REVIEW, count=overdue.count()),
    ]


def priority_links(priority, user) -> list[tuple[str, str]]:
    """One link, to the priority's golden thread, its text the headline: how many contracts, what they cost."""
    if not user.is_authenticated or user.role == Role.PROVIDER_USER or not decide(user, Perm.CONTRACTS_VIEW, priority.trust).allowed:
        return []
    contracts = serving(user, priority)
    count = contracts.count()
    total = contracts.aggregate(total=Sum("value"))["total"] or 0
    text = f"Commissioned for this priority: {count} contract{'s' if count != 1 else ''}, £{total:,.0f}, with reviews and the indicators' progress"
    return [(text, reverse("reviews:thread", args=[priority.pk]))]
