"""The integrated needs assessment: a versioned document for a trust and a period.

A draft gathers indicators, evidence, findings and priorities. Publishing
freezes it: the indicators' values and comparisons are copied into `snapshot`
so the published version reads the same for ever, whatever data arrives later.
The next draft starts as a copy of the last version.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions


class NeedsAssessment(AuditedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="needs_assessments")
    period = models.CharField(max_length=20, help_text="The plan period it informs, for example 2027–2030.")
    version = models.PositiveIntegerField(default=1)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    indicators = models.ManyToManyField("needs.IndicatorDefinition", blank=True, related_name="needs_assessments")
    evidence = models.ManyToManyField("assessment.EvidenceItem", blank=True, related_name="needs_assessments")
    priorities = models.ManyToManyField("assessment.Priority", blank=True, related_name="needs_assessments")
    # Written once, at publication: indicator values, comparisons, evidence and priorities as they stood.
    snapshot = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    previous = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="next_version")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.PUBLISHED, "Publish", perm=Perm.ASSESSMENT_MANAGE),
        # A published version never changes: the next one starts as a copy (assessment_new_draft).
        editable=[Status.DRAFT],
    )

    class Meta:
        ordering = ["trust__name", "-period", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "period", "version"], name="one_assessment_version"),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version})"

    def get_absolute_url(self):
        if self.status == self.Status.PUBLISHED:
            return reverse("assessment:published", args=[self.pk])
        return reverse("assessment:assessment-detail", args=[self.pk])

    def audit_trust_id(self):
        return self.trust_id

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Finding(AuditedModel):
    """What the assessment concludes, with the evidence behind it."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="findings")
    title = models.CharField(max_length=300)
    text = models.TextField()
    outcome_area = models.ForeignKey("needs.OutcomeArea", null=True, blank=True, on_delete=models.PROTECT, related_name="findings")
    evidence = models.ManyToManyField("assessment.EvidenceItem", blank=True, related_name="findings")
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["assessment_id", "order", "id"]

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.assessment.trust_id
