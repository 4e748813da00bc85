"""What procurement puts on a person's home page: drafts still short of a gate, questions waiting for an answer."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.permissions import Perm, decide
from jointly.core.registry import Stage, Task

from .models import Clarification, Opportunity
from .services.opportunities import publish_problems


def work(user, trust) -> list[Task]:
    if trust is None or not decide(user, Perm.PROCUREMENT_MANAGE, trust).allowed:
        return []
    listed = reverse("procurement:opportunities", args=[trust.slug])
    drafts = Opportunity.objects.filter(trust=trust, status=Opportunity.Status.DRAFT).select_related("trust")
    # Few drafts at a time: each is checked against the gates, as its page would.
    unready = sum(1 for draft in drafts[:50] if publish_problems(draft))
    unanswered = Clarification.objects.filter(opportunity__trust=trust, status=Clarification.Status.ASKED).count()
    return [
        Task("Draft opportunities with gates still to pass", f"{listed}?status=draft", Stage.PROCURE, count=unready),
        Task("Clarification questions waiting for an answer", f"{listed}?status=open", Stage.PROCURE, count=unanswered),
    ]


def priority_links(priority, user) -> list[tuple[str, str]]:
    """The opportunities made from the intentions serving the priority: staff pages to procurement staff, published ones to anyone."""
    staff = decide(user, Perm.PROCUREMENT_VIEW, priority.trust).allowed
    found = Opportunity.objects.filter(intention__priorities=priority).distinct().order_by("title", "pk")
    if not staff:
        found = found.exclude(status=Opportunity.Status.DRAFT)
    view = "procurement:opportunity-manage" if staff else "procurement:public-opportunity"
    return [(f"Opportunity: {o.title}", reverse(view, args=[priority.trust.slug, o.pk])) for o in found]
