"""What evaluation and award put on a person's home page: their panel work, and a bidder's summaries."""

from __future__ import annotations

from django.urls import reverse

from jointly.core.registry import Stage, Task

from .models import AssessmentSummary, Opportunity, PanelMember


def work(user, trust) -> list[Task]:
    if not user.is_authenticated:
        return []
    tasks = []
    places = PanelMember.objects.filter(person=user, ended_at__isnull=True, opportunity__status=Opportunity.Status.EVALUATION).select_related(
        "opportunity"
    )
    for place in places:
        if place.declared_at is None:
            text, name, hint = f"Declare your interests: {place.opportunity.title}", "evaluation:declarations", "Before you see any bid"
        elif place.scores_submitted_at is None:
            text, name, hint = f"Score the bids: {place.opportunity.title}", "evaluation:scoring", ""
        elif place.is_moderator:
            text, name, hint = f"Moderate the scores: {place.opportunity.title}", "evaluation:moderation", ""
        else:
            continue
        tasks.append(Task(text, reverse(name, args=[place.opportunity_id]), Stage.PROCURE, hint=hint))
    if user.organisation_id:
        count = AssessmentSummary.objects.filter(bid__organisation_id=user.organisation_id, sent_at__isnull=False).count()
        if count:
            tasks.append(Task("Your assessment summaries", reverse("evaluation:my-summaries"), Stage.PROCURE, count=count))
    return tasks
