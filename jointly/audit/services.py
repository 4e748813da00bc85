"""Writing the audit trail. Nothing here, or anywhere else, edits an entry."""

from __future__ import annotations

import contextlib
import contextvars
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEntry

_actor: contextvars.ContextVar = contextvars.ContextVar("jointly_audit_actor", default=None)
# Set while a named transition saves its record, so the save is logged once,
# as the transition, not again as a plain change.
_in_transition: contextvars.ContextVar = contextvars.ContextVar("jointly_audit_in_transition", default=False)

_SECRET_FIELDS = {"password", "key_hash", "key"}


@contextlib.contextmanager
def acting_as(user):
    """Attribute every audit entry written inside the block to `user`."""
    token = _actor.set(user if user is not None and getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


@contextlib.contextmanager
def transition_in_progress():
    token = _in_transition.set(True)
    try:
        yield
    finally:
        _in_transition.reset(token)


def set_actor_for_rest_of_request(user) -> None:
    """For API token sign-in, which happens inside the view, after the middleware set the actor."""
    _actor.set(user)


def current_actor():
    return _actor.get()


def is_in_transition() -> bool:
    return _in_transition.get()


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's stored values, safe to keep in JSON and free of secrets."""
    exclude = _SECRET_FIELDS | set(getattr(instance, "audit_exclude", ()))
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.attname in exclude:
            continue
        value = getattr(instance, field.attname)
        data[field.attname] = DjangoJSONEncoder().default(value) if _needs_encoding(value) else value
    return data


def _needs_encoding(value) -> bool:
    return value is not None and not isinstance(value, (str, int, float, bool, list, dict))


def audit_record(
    *,
    action: str,
    instance: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    by=None,
) -> AuditEntry:
    actor = by if by is not None else current_actor()
    trust_id = instance.audit_trust_id() if hasattr(instance, "audit_trust_id") else None
    return AuditEntry.objects.create(
        actor=actor if actor is not None and getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        trust_id=trust_id,
        before=before,
        after=after,
        reason=reason,
    )


def audit_view(*, instance: models.Model, by) -> AuditEntry:
    """Record that someone read a confidential record."""
    return audit_record(action=AuditEntry.Action.VIEW, instance=instance, by=by)


def _actor_label(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "system"
    return f"{actor.get_full_name()} <{actor.email}>"
