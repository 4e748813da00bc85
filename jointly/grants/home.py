"""What grants put on a person's home page, in a fixed number of queries.

An applicant's people: their draft applications, and awarded grants' agreements. A panel member:
programmes at the panel stage still waiting for their declarations or scores. A grant officer:
sent applications waiting for a decision, and drafts of programmes not yet published.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse

from jointly.accounts.permissions import Perm, decide, has_perm
from jointly.core.registry import Stage, Task

from .models import GrantApplication, GrantProgramme
from .selectors import panel_programmes


def work(user, trust) -> list[Task]:
    tasks = []
    if has_perm(user, Perm.GRANT_APPLY) and user.organisation_id:
        mine = GrantApplication.objects.filter(organisation_id=user.organisation_id).aggregate(
            drafts=Count("pk", filter=Q(status=GrantApplication.Status.DRAFT)),
            awarded=Count("pk", filter=Q(status=GrantApplication.Status.AWARDED)),
        )
        tasks.append(Task("Grant applications you have not sent yet", reverse("grants:my-applications"), Stage.PROCURE, count=mine["drafts"]))
        if mine["awarded"]:
            tasks.append(Task("Grants awarded to your organisation", reverse("grants:my-applications"), Stage.PROCURE, count=mine["awarded"]))
    on_panel = list(panel_programmes(user).filter(status=GrantProgramme.Status.PANEL).order_by("closes_at", "pk")[:1])
    if on_panel:
        programme = on_panel[0]
        tasks.append(Task(f"Grant panel: {programme.title}", reverse("grants:panel", args=[programme.pk]), Stage.PROCURE))
    if trust is not None and decide(user, Perm.GRANTS_MANAGE, trust).allowed:
        waiting = GrantProgramme.objects.filter(trust=trust).aggregate(
            decisions=Count("applications", filter=Q(status=GrantProgramme.Status.PANEL, applications__status=GrantApplication.Status.SUBMITTED)),
            drafts=Count("pk", filter=Q(status=GrantProgramme.Status.DRAFT), distinct=True),
        )
        managed = reverse("grants:manage", args=[trust.slug])
        tasks.append(Task("Grant applications waiting for a decision", managed, Stage.PROCURE, count=waiting["decisions"]))
        tasks.append(Task("Grant programmes not yet published", managed, Stage.PROCURE, count=waiting["drafts"]))
    return tasks
