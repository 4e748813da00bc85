"""Evidence: what children, families, front-line staff, the VCS and research tell the trust.

Each item names the organisation that contributed it, so the share of the
evidence that came from the voluntary and community sector can be shown
(seed 004: the VCS is "not universally engaged in the needs assessment phases").
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions
from jointly.needs.vocabulary import group_labels


class EvidenceKind(models.TextChoices):
    CONSULTATION_FINDING = "consultation_finding", "Consultation finding"
    VCS_INTELLIGENCE = "vcs_intelligence", "VCS intelligence"
    FRONT_LINE_VIEW = "front_line_view", "Front-line view"
    RESEARCH = "research", "Research"
    DATA_ANALYSIS = "data_analysis", "Data analysis"


class EvidenceItem(AuditedModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted into the assessment"
        DECLINED = "declined", "Not used"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="evidence_items")
    title = models.CharField(max_length=300)
    summary = models.TextField()
    kind = models.CharField(max_length=30, choices=EvidenceKind.choices)
    source_organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="evidence_items")
    outcome_areas = models.ManyToManyField("needs.OutcomeArea", blank=True, related_name="evidence_items")
    # A list of children's group codes (`needs.vocabulary.Group`). Kept as tags: an item is usually about one or two groups.
    groups = models.JSONField(default=list, blank=True)
    places = models.ManyToManyField("places.Area", blank=True, related_name="evidence_items")
    consultation = models.ForeignKey("consultations.Consultation", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence_items")
    dated = models.DateField(help_text="When the evidence was gathered or published.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    TRANSITIONS = Transitions(
        # Evidence once not used can still be accepted later; accepted evidence stays in.
        Move("accept", [Status.SUBMITTED, Status.DECLINED], Status.ACCEPTED, "Accept", perm=Perm.ASSESSMENT_MANAGE),
        Move("decline", [Status.SUBMITTED], Status.DECLINED, "Decline", perm=Perm.ASSESSMENT_MANAGE),
        # Evidence stays as its contributor gave it: the trust only decides whether to use it.
        editable=[],
    )

    class Meta:
        ordering = ["-dated", "title"]
        verbose_name = "evidence item"
        indexes = [models.Index(fields=["trust", "status"], name="evidence_trust_status")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:evidence-detail", args=[self.pk])

    def audit_trust_id(self):
        return self.trust_id

    @property
    def group_labels(self) -> list[str]:
        return group_labels(self.groups)
