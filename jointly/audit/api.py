"""GET /api/v1/history/{object_type}/{object_id}: a record's history, by the same rules as its history page."""

import datetime
from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate

from jointly.core.pagination import PageNumberPagination

from .history import history_entries, history_record, shown

router = Router(tags=["history"])


class HistoryEntryOut(Schema):
    at: datetime.datetime
    action: str
    action_label: str
    actor: str
    reason: str
    # The record's stored values before and after, with each value the person may not see as "Withheld".
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    changed_fields: list[str]


class _HistoryPagination(PageNumberPagination):
    """Redacts only the page it returns, so a long history costs one page of work."""

    def paginate_queryset(self, queryset, pagination, request, **params):
        page = super().paginate_queryset(queryset, pagination, request=request, **params)
        instance = request._jointly_history_record  # Set by the endpoint, which fetched and checked it.
        page["items"] = [_out(item) for item in shown(page["items"], user=request.user, instance=instance)]
        return page


def _out(item) -> dict:
    entry = item.entry
    return {
        "at": entry.at,
        "action": entry.action,
        "action_label": entry.get_action_display(),
        "actor": entry.actor_label,
        "reason": entry.reason,
        "before": item.before,
        "after": item.after,
        "changed_fields": [name for name, _, _ in item.changes],
    }


@router.get("/history/{object_type}/{object_id}", response=list[HistoryEntryOut])
@paginate(_HistoryPagination, page_size=50)
def get_history(request, object_type: str, object_id: str):
    """Every audit entry for one record, newest first. 404 for a record you may not know of, 403 for one whose history you may not read."""
    instance = history_record(request.user, object_type, object_id)
    request._jointly_history_record = instance
    return history_entries(instance=instance)
