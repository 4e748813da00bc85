"""Transparency notices: drafts Jointly writes from an opportunity's data, tracked until published on the Central Digital Platform.

Which notices an opportunity needs, and when each is due, is dated configuration in `procurement.notices`.
"""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

from .opportunities import Opportunity

__all__ = ["NoticeKind", "Notice"]


class NoticeKind(models.TextChoices):
    UK2 = "UK2", "UK2 preliminary market engagement notice"
    UK4 = "UK4", "UK4 tender notice"
    UK5 = "UK5", "UK5 transparency notice"
    UK6 = "UK6", "UK6 contract award notice"
    UK7 = "UK7", "UK7 contract details notice"
    UK12 = "UK12", "UK12 procurement termination notice"


class Notice(AuditedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.PUBLISHED, "Mark as published", perm=Perm.PROCUREMENT_MANAGE),
        editable=[Status.DRAFT],
    )

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # The draft's fields, as {label: text}, rewritten from the opportunity until the notice is published.
    content = models.JSONField(default=dict)
    # When the period runs from (the contract's signing, for a UK7), where the rules count from an event.
    clock_starts_on = models.DateField("the day the period starts", null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    # What the rules say about when, for a notice due "before" something rather than on a date.
    due_rule = models.CharField(max_length=300, blank=True)
    published_on = models.DateField(null=True, blank=True)
    # The notice's identifier on the Central Digital Platform, once published there.
    platform_reference = models.CharField(max_length=100, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["opportunity", "kind"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "kind"], name="one_notice_per_kind_per_opportunity")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.opportunity}"

    def audit_trust_id(self):
        return self.opportunity.trust_id
