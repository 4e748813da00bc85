"""Priorities for the Children and Young People's Plan: the start of the golden thread.

Later parts of the cycle (commissioning intentions, contracts, measures) point
at `Priority`, so its shape is kept small and stable: who (trust), when (the
plan period), what (title, outcome area), why (evidence and findings), how we
will know (targets) and who agreed it (the board's approval).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions


class Priority(AuditedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PROPOSED = "proposed", "Proposed to the board"
        APPROVED = "approved", "Approved by the board"
        RETIRED = "retired", "Retired"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="priorities")
    period = models.CharField(max_length=20, help_text="The Children and Young People's Plan period, for example 2027–2030.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    outcome_area = models.ForeignKey("needs.OutcomeArea", on_delete=models.PROTECT, related_name="priorities")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    evidence = models.ManyToManyField("assessment.EvidenceItem", blank=True, related_name="priorities")
    findings = models.ManyToManyField("assessment.Finding", blank=True, related_name="priorities")

    # The board's decision, recorded when the priority is approved.
    approved_by_body = models.ForeignKey("partnerships.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="approved_priorities")
    approval_meeting_date = models.DateField(null=True, blank=True)
    approval_minute_reference = models.CharField(max_length=100, blank=True)
    approval_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    approval_recorded_at = models.DateTimeField(null=True, blank=True)
    retired_on = models.DateField(null=True, blank=True)

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    TRANSITIONS = Transitions(
        Move("propose", [Status.DRAFT], Status.PROPOSED, "Propose", perm=Perm.ASSESSMENT_MANAGE),
        # The board asked for changes: back to draft.
        Move("withdraw", [Status.PROPOSED], Status.DRAFT, "Withdraw", perm=Perm.ASSESSMENT_MANAGE),
        Move("approve", [Status.PROPOSED], Status.APPROVED, "Approve", perm=Perm.PRIORITY_APPROVE),
        Move("retire", [Status.DRAFT, Status.PROPOSED, Status.APPROVED], Status.RETIRED, "Retire", perm=Perm.ASSESSMENT_MANAGE),
        # What the board approved stays as it approved it.
        editable=[Status.DRAFT, Status.PROPOSED],
    )

    class Meta:
        ordering = ["trust__name", "-period", "outcome_area__order", "title"]
        verbose_name_plural = "priorities"
        indexes = [models.Index(fields=["trust", "status"], name="priority_trust_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:priority-detail", args=[self.pk])

    def audit_trust_id(self):
        return self.trust_id


class TargetDirection(models.TextChoices):
    INCREASE = "increase", "Increase"
    DECREASE = "decrease", "Decrease"
    MAINTAIN = "maintain", "Keep at least at the baseline"


class PriorityTarget(AuditedModel):
    """How the trust will know the priority is being met: an indicator, where it starts and where it should get to."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey("needs.IndicatorDefinition", on_delete=models.PROTECT, related_name="priority_targets")
    baseline_value = models.FloatField()
    baseline_period = models.CharField(max_length=40)
    target_value = models.FloatField()
    target_period = models.CharField(max_length=40)
    direction = models.CharField(max_length=20, choices=TargetDirection.choices)

    class Meta:
        ordering = ["priority_id", "indicator__name"]
        constraints = [models.UniqueConstraint(fields=["priority", "indicator"], name="one_target_per_indicator")]

    def __str__(self):
        return f"{self.indicator}: {self.baseline_value:g} → {self.target_value:g} by {self.target_period}"

    def audit_trust_id(self):
        return self.priority.trust_id
