"""The service map: which directory services a trust counts against its priorities, and how well they work.

The directory (`providers`) says what a service is and where it runs; only the
trust can say which of its priorities a service serves, so that link is the
trust's own record (`MapEntry`). A priority's groups say whom it means to reach,
so the map can find groups no service reaches. Efficacy judgements are kept in
full: the newest is the current one, the older ones show how the view changed.
In-house services (run by a statutory partner: `partnerships.sectors`) are
judged exactly like contracted ones.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions
from jointly.needs.vocabulary import Group


class MapEntry(AuditedModel):
    """A directory service on a trust's map, with the trust's priorities it serves.

    Taking a service off the map marks the entry removed rather than deleting
    it: its efficacy judgements belong to it, and they are the trust's record
    of whether the service worked, so they stay with it; mapping the service
    again brings the same entry back, judgements and all.
    """

    class Status(models.TextChoices):
        ON_MAP = "on_map", "On the map"
        REMOVED = "removed", "Taken off the map"

    TRANSITIONS = Transitions(
        Move("remove", [Status.ON_MAP], Status.REMOVED, "Remove", perm=Perm.MAP_MANAGE),
        # Mapping the service again brings the same entry back, judgements and all (services.map_entry_create).
        Move("restore", [Status.REMOVED], Status.ON_MAP, "Restore", perm=Perm.MAP_MANAGE),
        # Its priorities, note and judgements change only while it is on the map.
        editable=[Status.ON_MAP],
    )

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="map_entries")
    service = models.ForeignKey("providers.DirectoryService", on_delete=models.CASCADE, related_name="map_entries")
    priorities = models.ManyToManyField("assessment.Priority", through="MappedPriority", related_name="map_entries", blank=True)
    note = models.TextField("why it is on the map", blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ON_MAP)
    removed_reason = models.TextField("why it was taken off the map", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["trust_id", "service__name"]
        verbose_name = "service map entry"
        verbose_name_plural = "service map entries"
        constraints = [models.UniqueConstraint(fields=["trust", "service"], name="one_map_entry_per_service")]

    def __str__(self):
        return f"{self.service} on the map of {self.trust}"

    def get_absolute_url(self):
        return reverse("mapping:service", args=[self.trust.slug, self.pk])

    def audit_trust_id(self):
        return self.trust_id


class MappedPriority(AuditedModel):
    """One priority a mapped service serves (a row of its own, so each change is audited)."""

    entry = models.ForeignKey(MapEntry, on_delete=models.CASCADE, related_name="priority_rows")
    priority = models.ForeignKey("assessment.Priority", on_delete=models.PROTECT, related_name="mapped_rows")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "priority"], name="one_mapped_priority_each")]

    def __str__(self):
        return f"{self.entry.service} serves {self.priority}"

    def audit_trust_id(self):
        return self.priority.trust_id


class PriorityGroup(AuditedModel):
    """A group of children a priority means to reach: a group no mapped service reaches is a gap."""

    priority = models.ForeignKey("assessment.Priority", on_delete=models.CASCADE, related_name="map_groups")
    group = models.CharField(max_length=40, choices=Group.choices)

    class Meta:
        ordering = ["priority_id", "group"]
        constraints = [models.UniqueConstraint(fields=["priority", "group"], name="one_priority_group_each")]

    def __str__(self):
        return self.get_group_display()

    def audit_trust_id(self):
        return self.priority.trust_id


class Rating(models.TextChoices):
    STRONG = "strong", "Strong evidence it works"
    PROMISING = "promising", "Promising"
    MIXED = "mixed", "Mixed evidence"
    NO_EVIDENCE_YET = "no_evidence_yet", "No evidence yet"
    NO_EFFECT = "no_effect", "Evidence of no effect"


class EfficacyJudgement(AuditedModel):
    """The trust's judgement of whether a mapped service works, and the evidence for it. Never changed: a new one supersedes."""

    entry = models.ForeignKey(MapEntry, on_delete=models.CASCADE, related_name="judgements")
    rating = models.CharField(max_length=20, choices=Rating.choices)
    evidence_summary = models.TextField()
    evidence = models.ManyToManyField("assessment.EvidenceItem", blank=True, related_name="efficacy_judgements")
    judged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    judged_at = models.DateTimeField()

    class Meta:
        ordering = ["entry_id", "-judged_at", "-id"]

    def __str__(self):
        return f"{self.get_rating_display()} ({self.judged_at:%d %B %Y})"

    def audit_trust_id(self):
        return self.entry.trust_id
