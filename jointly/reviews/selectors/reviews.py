"""Reviews and improvement plans as each person may see them, and the need a contract serves, now."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jointly.accounts.permissions import Perm
from jointly.assessment.models import PriorityTarget
from jointly.contracts.models import Contract
from jointly.contracts.selectors.contracts import contract_for, contracts_visible
from jointly.needs.selectors import latest_observations

from ..models import ImprovementAction, ImprovementPlan, Review


def reviews_visible(user) -> QuerySet:
    """The reviews of every contract the person may see (a provider: its own contracts')."""
    return Review.objects.filter(contract__in=contracts_visible(user).values("pk")).select_related("contract__trust", "contract__supplier")


def reviews_of_trust(user, trust, *, status: str = "") -> QuerySet:
    queryset = reviews_visible(user).filter(contract__trust=trust)
    return queryset.filter(status=status) if status else queryset


def plans_visible(user) -> QuerySet:
    return (
        ImprovementPlan.objects.filter(contract__in=contracts_visible(user).values("pk"))
        .select_related("contract__trust", "contract__supplier")
        .annotate(
            open_actions=Count("actions", filter=Q(actions__status=ImprovementAction.Status.OPEN)),
            overdue_actions=Count("actions", filter=Q(actions__status=ImprovementAction.Status.OPEN, actions__due_on__lt=timezone.localdate())),
        )
    )


def review_for(user, pk, perm: Perm = Perm.CONTRACTS_VIEW) -> Review:
    """One review: 404 unless the person may see its contract, 403 if they may not do this."""
    review = Review.objects.select_related("consultation", "completed_by").filter(pk=pk).first()
    if review is None:
        raise Http404("Not found.")
    review.contract = contract_for(user, review.contract_id, perm)
    return review


def plan_for(user, pk, perm: Perm = Perm.CONTRACTS_VIEW) -> ImprovementPlan:
    plan = (
        ImprovementPlan.objects.select_related("review", "provider_accepted_by")
        .prefetch_related(Prefetch("actions", queryset=ImprovementAction.objects.order_by("due_on", "pk")), "comments")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404("Not found.")
    plan.contract = contract_for(user, plan.contract_id, perm)
    return plan


def plans_of_contract(contract: Contract) -> QuerySet:
    return ImprovementPlan.objects.filter(contract=contract).select_related("review")


@dataclass(frozen=True)
class NeedNow:
    """One indicator a contract's priority is judged by: where it started, where it is, where it should get to."""

    priority: object
    target: PriorityTarget
    latest_value: float | None
    latest_period: str

    @property
    def moved(self) -> str:
        """Which way the indicator moved from the baseline, in the direction the priority wants."""
        if self.latest_value is None:
            return "Not known yet"
        change = self.latest_value - self.target.baseline_value
        if change == 0:
            return "No change"
        better = (change < 0) if self.target.direction == "decrease" else (change > 0)
        return "Better" if better else "Worse"


def need_now(priorities, area_id: int) -> list[NeedNow]:
    """The priorities' targets with each indicator's latest value for the trust's area (two queries)."""
    targets = list(PriorityTarget.objects.filter(priority__in=list(priorities)).select_related("indicator", "priority"))
    latest = latest_observations(area_ids=[area_id], indicator_ids={t.indicator_id for t in targets}, periods=1) if targets else {}
    rows = []
    for target in targets:
        found = latest.get((target.indicator_id, area_id)) or []
        last = found[-1] if found else None
        rows.append(NeedNow(target.priority, target, last.value if last else None, last.period if last else ""))
    return rows


def contract_priorities(contract: Contract) -> list:
    seen, found = set(), []
    for measure in contract.measures.select_related("priority").all():
        if measure.priority_id and measure.priority_id not in seen:
            seen.add(measure.priority_id)
            found.append(measure.priority)
    return found


def due_reviews(*, on: datetime.date) -> QuerySet:
    return Review.objects.filter(status=Review.Status.PLANNED, due_on=on, contract__status__in=[Contract.Status.ACTIVE, Contract.Status.IN_NOTICE])
