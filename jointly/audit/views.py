from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from jointly.core.pagination import paginate

from .history import history_entries, history_record, label, shown


@login_required
def history(request, object_type: str, object_id: str):
    """Every audit entry for one record, as much of it as the person may see of the record itself."""
    instance = history_record(request.user, object_type, object_id)
    page = paginate(request, history_entries(instance=instance))
    name = label(request.user, instance)
    return render(
        request,
        "audit/history.html",
        {
            "instance": instance,
            "name": name,
            "page_obj": page,
            "entries": shown(page.object_list, user=request.user, instance=instance),
            "page_title": f"History: {name}",
        },
    )
