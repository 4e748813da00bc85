"""What procurement puts on a person's home page, and where a priority leads in procurement.

Commissioners: drafts still short of a gate, questions waiting for an answer. Everyone else: the
opportunities open for bids (the service navigation has no room for a public entry).
"""

from __future__ import annotations

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import Clarification, ConflictsAssessment, Criterion, Opportunity, Outcome, Question, ScaleDescriptor


def _short_of_a_gate(trust):
    """Drafts missing a record the gates ask for (conflicts, outcomes, questions, a closing time), criteria
    adding up to other than 100, or a scale with a point undescribed: one query, however many drafts.
    The draft's page lists every gate (the window and route ones too)."""
    weight = Subquery(
        Criterion.objects.filter(opportunity=OuterRef("pk")).values("opportunity").annotate(total=Sum("weight")).values("total"),
        output_field=IntegerField(),
    )
    described = Subquery(
        ScaleDescriptor.objects.filter(opportunity=OuterRef("pk")).values("opportunity").annotate(n=Count("pk")).values("n"),
        output_field=IntegerField(),
    )
    return (
        Opportunity.objects.filter(trust=trust, status=Opportunity.Status.DRAFT)
        .annotate(
            assessed=Exists(ConflictsAssessment.objects.filter(opportunity=OuterRef("pk"))),
            has_outcomes=Exists(Outcome.objects.filter(opportunity=OuterRef("pk"))),
            has_questions=Exists(Question.objects.filter(opportunity=OuterRef("pk"))),
            weight=Coalesce(weight, 0),
            described=Coalesce(described, 0),
        )
        .filter(
            Q(assessed=False)
            | Q(has_outcomes=False)
            | Q(has_questions=False)
            | Q(closes_at__isnull=True)
            | ~Q(weight=100)
            # A scale of 0 to scale_max has scale_max + 1 points: fewer described leaves one out.
            | Q(described__lte=F("scale_max"))
        )
    )


def work(user, trust) -> list[Task]:
    from .home_evaluation import work as evaluation_work

    return _opportunities_work(user, trust) + evaluation_work(user, trust)


def _opportunities_work(user, trust) -> list[Task]:
    if not has_perm(user, Perm.PROCUREMENT_VIEW):
        open_now = Opportunity.objects.filter(status=Opportunity.Status.OPEN, closes_at__gt=timezone.now()).count()
        return [Task("Opportunities open for bids", reverse("procurement:public-opportunities"), Stage.PROCURE, count=open_now)]
    if trust is None or not decide(user, Perm.PROCUREMENT_MANAGE, trust).allowed:
        return []
    listed = reverse("procurement:opportunities", args=[trust.slug])
    unanswered = Clarification.objects.filter(opportunity__trust=trust, status=Clarification.Status.ASKED).count()
    return [
        Task("Draft opportunities with gates still to pass", f"{listed}?status=draft", Stage.PROCURE, count=_short_of_a_gate(trust).count()),
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
