"""What the directory puts on a person's home page: the approval queue, and a provider's own entry."""

from __future__ import annotations

from django.urls import reverse

from jointly.accounts.permissions import Perm, has_perm
from jointly.core.registry import Stage, Task

from . import selectors
from .models import Revision


def work(user, trust) -> list[Task]:
    tasks = [
        Task(
            "Find services in the directory",
            reverse("providers:directory"),
            Stage.RESOURCES_AND_PROVIDERS,
            hint="what is on offer for children and families, and who runs it",
        )
    ]
    if has_perm(user, Perm.DIRECTORY_REVIEW):
        tasks.append(
            Task(
                "Directory changes waiting for approval",
                reverse("providers:review"),
                Stage.RESOURCES_AND_PROVIDERS,
                count=selectors.revisions_to_review(user=user).count(),
            )
        )
    if has_perm(user, Perm.DIRECTORY_EDIT) and user.organisation_id:
        waiting = Revision.objects.filter(organisation_id=user.organisation_id, status=Revision.Status.PENDING).count()
        tasks.append(
            Task(
                "Your directory entry",
                reverse("providers:manage", args=[user.organisation.slug]),
                Stage.RESOURCES_AND_PROVIDERS,
                count=waiting,
                hint="changes you proposed, waiting for a commissioner",
            )
        )
    return tasks
