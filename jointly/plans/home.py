"""What plans put on a person's home page (forward-plan dates, drafts, opportunities), and where a priority leads in plans."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import CommissioningIntention

DATES_AHEAD_DAYS = 90
_DATES = ("engagement_starts_on", "tender_opens_on", "award_on", "service_starts_on", "current_contract_ends_on")


def _date_within(start: datetime.date, end: datetime.date) -> Q:
    condition = Q()
    for field in _DATES:
        condition |= Q(**{f"{field}__range": (start, end)})
    return condition


def work(user, trust) -> list[Task]:
    today = timezone.localdate()
    soon = _date_within(today, today + datetime.timedelta(days=DATES_AHEAD_DAYS))
    Status = CommissioningIntention.Status
    if not has_perm(user, Perm.PLANS_VIEW):
        coming = CommissioningIntention.objects.filter(Q(status=Status.PUBLISHED) & _date_within(today, today + datetime.timedelta(days=365))).count()
        # Providers read the forward plan for opportunities to bid (tenders will join it); everyone else for what changes.
        text = "Opportunities: the forward plans" if has_perm(user, Perm.DIRECTORY_EDIT) else "Forward plans of commissioning intentions"
        return [Task(text, reverse("plans:forward-plans"), Stage.PLAN, count=coming, hint="with a key date in the next 12 months")]
    if trust is None or not decide(user, Perm.PLANS_VIEW, trust).allowed:
        return []
    counts = CommissioningIntention.objects.filter(trust=trust).aggregate(
        soon=Count("pk", filter=Q(status__in=[Status.DRAFT, Status.PUBLISHED]) & soon),
        drafts=Count("pk", filter=Q(status=Status.DRAFT, created_by=user)),
    )
    listed = reverse("plans:intentions", args=[trust.slug])
    tasks = [Task(f"Forward-plan dates in the next {DATES_AHEAD_DAYS} days", listed, Stage.PLAN, count=counts["soon"])]
    if decide(user, Perm.PLANS_MANAGE, trust).allowed:
        tasks.append(Task("Your draft intentions", f"{listed}?status=draft", Stage.PLAN, count=counts["drafts"]))
    return tasks


def priority_links(priority, user) -> list[tuple[str, str]]:
    """The intentions that serve the priority: the staff page to those who plan, the published page to anyone else."""
    staff = decide(user, Perm.PLANS_VIEW, priority.trust).allowed
    intentions = priority.intentions.all() if staff else priority.intentions.filter(status=CommissioningIntention.Status.PUBLISHED)
    view = "plans:intention-manage" if staff else "plans:intention"
    return [(f"Intention: {i.title}", reverse(view, args=[priority.trust.slug, i.pk])) for i in intentions.order_by("title", "pk")]
