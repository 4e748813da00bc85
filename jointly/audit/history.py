"""A record's history as one person may see it: shared by the history page and the history API.

The trail keeps every value a record ever had, so each entry is shown through
the record's disclosure rule (accounts/disclosure.py): the history of a record
the person may not see is refused, and each field they may not see on the
record's own page is shown as "Withheld" in every entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404

from jointly.accounts.disclosure import WITHHELD, label, redact, withheld_fields
from jointly.accounts.permissions import Perm, decide, get_object_for

from .models import AuditedModel, AuditEntry
from .selectors import audit_entries_for

__all__ = ["WITHHELD", "HistoryEntry", "history_record", "history_entries", "label", "may_open_history", "shown"]


def history_record(user, object_type: str, object_id: str):
    """The record whose history is asked for: 404 if it is not one the person may know of, 403 if not theirs to read."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        raise Http404("Not found.") from None
    if not issubclass(model, AuditedModel):
        raise Http404("Not found.")
    try:
        model._meta.pk.to_python(object_id)
    except ValidationError:
        raise Http404("Not found.") from None
    return get_object_for(user, Perm.AUDIT_VIEW, model._base_manager.all(), pk=object_id)


def may_open_history(user, instance) -> bool:
    """Would the history page open for this person? The check `history_record` makes, for pages deciding whether to link to it."""
    return decide(user, Perm.AUDIT_VIEW, instance).allowed


def history_entries(*, instance):
    return audit_entries_for(instance=instance)


@dataclass(frozen=True)
class HistoryEntry:
    entry: AuditEntry
    before: dict | None
    after: dict | None

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        # Compared on the stored values, so a withheld field that changed still shows that it changed.
        raw_before, raw_after = self.entry.before or {}, self.entry.after or {}
        return [(key, before.get(key), after.get(key)) for key in keys if raw_before.get(key) != raw_after.get(key)]


def shown(entries, *, user, instance) -> list[HistoryEntry]:
    """The entries with every value the person may not see replaced by WITHHELD."""
    withheld = withheld_fields(user, instance)
    return [HistoryEntry(entry, redact(entry.before, withheld), redact(entry.after, withheld)) for entry in entries]
