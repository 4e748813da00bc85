"""Write an audit entry for every create, change and delete of a domain record.

This is the one place that does it, so no service can forget. It holds no
business rules: it only records what happened.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import AuditedModel, AuditEntry
from .services import audit_record, is_in_transition, snapshot


@receiver(pre_save)
def remember_before(sender, instance, raw=False, **kwargs):
    if raw or not isinstance(instance, AuditedModel) or instance._state.adding or instance.pk is None:
        return
    previous = type(instance)._base_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(previous) if previous else None


@receiver(post_save)
def record_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, AuditedModel) or is_in_transition():
        return
    after = snapshot(instance)
    if created:
        audit_record(action=AuditEntry.Action.CREATE, instance=instance, after=after)
        return
    before = getattr(instance, "_audit_before", None)
    if before == after:
        return
    audit_record(action=AuditEntry.Action.UPDATE, instance=instance, before=before, after=after)


@receiver(post_delete)
def record_delete(sender, instance, **kwargs):
    if not isinstance(instance, AuditedModel):
        return
    audit_record(action=AuditEntry.Action.DELETE, instance=instance, before=snapshot(instance))
