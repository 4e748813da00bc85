"""What the needs assessment puts on a person's home page: priorities to approve, evidence to read, drafts, evidence to give."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from . import selectors
from .models import EvidenceItem, Priority


def work(user, trust) -> list[Task]:
    tasks = []
    if not has_perm(user, Perm.ASSESSMENT_VIEW):
        published = selectors.published_assessments().count()
        tasks.append(Task("Published needs assessments", reverse("assessment:published-list"), Stage.ASSESS_NEED, count=published))
    if trust is not None and has_perm(user, Perm.ASSESSMENT_VIEW):
        query = f"?trust={trust.slug}"
        counts = Priority.objects.filter(trust=trust).aggregate(
            proposed=Count("pk", filter=Q(status=Priority.Status.PROPOSED)),
            drafts=Count("pk", filter=Q(status=Priority.Status.DRAFT, created_by=user)),
        )
        if decide(user, Perm.PRIORITY_APPROVE, trust).allowed:
            tasks.append(
                Task(
                    "Priorities waiting for the board's approval",
                    f"{reverse('assessment:priority-list')}{query}&status=proposed",
                    Stage.ASSESS_NEED,
                    count=counts["proposed"],
                )
            )
        if decide(user, Perm.ASSESSMENT_MANAGE, trust).allowed:
            submitted = EvidenceItem.objects.filter(trust=trust, status=EvidenceItem.Status.SUBMITTED).count()
            tasks.append(
                Task(
                    "Evidence waiting to be read",
                    f"{reverse('assessment:evidence-list')}{query}&status=submitted",
                    Stage.ASSESS_NEED,
                    count=submitted,
                )
            )
            tasks.append(
                Task("Your draft priorities", f"{reverse('assessment:priority-list')}{query}&status=draft", Stage.ASSESS_NEED, count=counts["drafts"])
            )
    if trust is not None and has_perm(user, Perm.EVIDENCE_SUBMIT) and not has_perm(user, Perm.ASSESSMENT_MANAGE):
        tasks.append(
            Task(
                "Contribute evidence",
                f"{reverse('assessment:evidence-submit')}?trust={trust.slug}",
                Stage.ASSESS_NEED,
                hint="tell the trust what you see of children's needs",
            )
        )
    return tasks
