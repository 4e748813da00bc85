from django.db.models import QuerySet

from .models import AuditEntry


def audit_entries_for(*, instance) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk)).select_related("actor")
