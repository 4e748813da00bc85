from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from jointly.accounts.permissions import Perm, get_object_for
from jointly.core.pagination import paginate

from .models import AuditedModel
from .selectors import audit_entries_for


@login_required
def history(request, object_type: str, object_id: str):
    """Every audit entry for one record, to people who may see that record's history."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        raise Http404("Not found.")
    if not issubclass(model, AuditedModel):
        raise Http404("Not found.")
    try:
        model._meta.pk.to_python(object_id)
    except ValidationError:
        raise Http404("Not found.")
    instance = get_object_for(request.user, Perm.AUDIT_VIEW, model._base_manager.all(), pk=object_id)
    page = paginate(request, audit_entries_for(instance=instance))
    return render(
        request,
        "audit/history.html",
        {"instance": instance, "page_obj": page, "page_title": f"History: {instance}"},
    )
