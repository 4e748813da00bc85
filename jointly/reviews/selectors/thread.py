"""The golden thread closed (issue 11, point 7): for one priority, what was commissioned for it, what it
cost by year, how the providers reported against it, and how the population indicator moved.

The priority's page links here through `home.priority_links` (the registry's hook carries links,
not tables), with the headline in the link's text.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from jointly.contracts.models import ContractMeasure, ContractYear
from jointly.contracts.selectors.contracts import contracts_visible

from ..models import Review
from .reviews import NeedNow, need_now


@dataclass
class ThreadContract:
    contract: object
    measures: list
    years: list
    latest_review: Review | None
    ratings: list = field(default_factory=list)


@dataclass
class Thread:
    priority: object
    contracts: list[ThreadContract]
    cost_by_year: list[tuple[str, Decimal]]
    total: Decimal
    need: list[NeedNow]
    ratings_shown: bool


def _ratings_reader():
    """monitoring's `latest_ratings_for(contract)` where that part is installed (helper k3's), else None."""
    try:
        module = importlib.import_module("jointly.monitoring.selectors")
    except ImportError:
        return None
    return getattr(module, "latest_ratings_for", None)


def serving(user, priority):
    """The contracts the person may see whose measures serve the priority, signed ones only."""
    return (
        contracts_visible(user)
        .filter(measures__priority=priority)
        .exclude(status__in=["draft", "cancelled"])
        .distinct()
        .order_by("starts_on", "reference")
    )


def priority_thread(user, priority) -> Thread:
    contracts = list(
        serving(user, priority).prefetch_related(
            Prefetch("measures", queryset=ContractMeasure.objects.filter(priority=priority), to_attr="serving_measures"),
            Prefetch("years", queryset=ContractYear.objects.filter(extension=False).order_by("number"), to_attr="term_years"),
        )
    )
    latest = {}
    for review in Review.objects.filter(contract__in=contracts, status=Review.Status.COMPLETED).order_by("completed_on", "pk"):
        latest[review.contract_id] = review
    read_ratings = _ratings_reader()
    by_year: dict[str, Decimal] = defaultdict(Decimal)
    rows = []
    for contract in contracts:
        for year in contract.term_years:
            # Financial years (April to March), the way partners budget.
            starts = year.starts_on.year if year.starts_on.month >= 4 else year.starts_on.year - 1
            by_year[f"{starts}–{str(starts + 1)[2:]}"] += year.value
        ratings = list(read_ratings(contract)) if read_ratings else []
        rows.append(ThreadContract(contract, contract.serving_measures, contract.term_years, latest.get(contract.pk), ratings))
    cost = sorted(by_year.items())
    return Thread(
        priority=priority,
        contracts=rows,
        cost_by_year=cost,
        total=sum((value for _year, value in cost), Decimal("0")),
        need=need_now([priority], priority.trust.area_id),
        ratings_shown=read_ratings is not None,
    )
