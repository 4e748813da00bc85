"""The one mechanism for changing a record's state.

Every named transition in a services module calls `transition()`: it locks the
row, checks the current state, changes it, and writes the transition to the
audit trail (old state, new state, reason, who, when).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db import models, transaction

from jointly.audit.models import AuditEntry
from jointly.audit.services import audit_record, snapshot, transition_in_progress

M = TypeVar("M", bound=models.Model)


class InvalidTransition(Exception):
    """The record is not in a state from which this change is allowed."""

    def __init__(self, instance, field: str, current, target, allowed_from):
        self.current, self.target = current, target
        label = instance._meta.verbose_name
        allowed = ", ".join(str(state) for state in allowed_from)
        super().__init__(f"This {label} is {current}; it can only become {target} when it is {allowed}.")


def transition(
    *,
    instance: M,
    to,
    allowed_from: Iterable,
    by,
    reason: str = "",
    field: str = "status",
    changes: dict | None = None,
) -> M:
    allowed_from = tuple(allowed_from)
    model = type(instance)
    with transaction.atomic():
        locked = model._base_manager.select_for_update().get(pk=instance.pk)
        current = getattr(locked, field)
        if current not in allowed_from:
            raise InvalidTransition(locked, field, current, to, allowed_from)
        before = snapshot(locked)
        setattr(locked, field, to)
        for name, value in (changes or {}).items():
            setattr(locked, name, value)
        with transition_in_progress():
            locked.save()
        after = snapshot(locked)
        audit_record(
            action=AuditEntry.Action.TRANSITION, instance=locked, before=before, after=after, reason=reason, by=by
        )
    return locked
