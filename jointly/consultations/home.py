"""What consultations put on a person's home page: those open to answer now, and for staff those closing soon and their drafts."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import Consultation

CLOSING_SOON_DAYS = 14


def work(user, trust) -> list[Task]:
    today = timezone.localdate()
    if not has_perm(user, Perm.CONSULTATION_VIEW_RESULTS):
        open_now = Consultation.objects.filter(status=Consultation.Status.OPEN, opens_on__lte=today, closes_on__gte=today).count()
        return [Task("Consultations open now", reverse("consultations:index"), Stage.ASSESS_NEED, count=open_now, hint="have your say")]
    if trust is None or not decide(user, Perm.CONSULTATION_MANAGE, trust).allowed:
        return []
    counts = Consultation.objects.filter(trust=trust).aggregate(
        closing=Count(
            "pk",
            filter=Q(status=Consultation.Status.OPEN, closes_on__gte=today, closes_on__lte=today + datetime.timedelta(days=CLOSING_SOON_DAYS)),
        ),
        drafts=Count("pk", filter=Q(status=Consultation.Status.DRAFT, created_by=user)),
    )
    listed = reverse("consultations:list")
    return [
        Task(f"Consultations closing in the next {CLOSING_SOON_DAYS} days", listed, Stage.ASSESS_NEED, count=counts["closing"]),
        Task("Your draft consultations", listed, Stage.ASSESS_NEED, count=counts["drafts"]),
    ]
