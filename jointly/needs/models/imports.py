"""Provenance of every file imported: what, when, by whom, and what came of it."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions


class ImportRun(AuditedModel):
    class Format(models.TextChoices):
        DFE = "dfe", "DfE statistics (tidy CSV)"
        FINGERTIPS = "fingertips", "OHID Fingertips (CSV export)"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        SUCCEEDED = "succeeded", "Imported"
        REJECTED = "rejected", "Rejected"
        FAILED = "failed", "Failed"

    trust = models.ForeignKey("partnerships.Trust", null=True, blank=True, on_delete=models.CASCADE, related_name="import_runs")
    format = models.CharField(max_length=20, choices=Format.choices)
    file_name = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500, blank=True)
    sha256 = models.CharField(max_length=64, db_index=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    # The column choices: which are indicators, which are breakdowns, and so on.
    spec = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(default=0)
    rows_skipped = models.PositiveIntegerField(default=0)
    observations_written = models.PositiveBigIntegerField(default=0)
    observations_suppressed = models.PositiveBigIntegerField(default=0)
    areas_created = models.PositiveIntegerField(default=0)
    indicators_created = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="import_runs")
    job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    audit_exclude = ("errors", "spec")

    # Moves the import makes itself, in the background: no person is offered them (no perm).
    TRANSITIONS = Transitions(
        Move("start", [Status.QUEUED], Status.RUNNING, "Start"),
        Move("complete", [Status.RUNNING], Status.SUCCEEDED, "Complete"),
        Move("reject", [Status.RUNNING], Status.REJECTED, "Reject"),
        # A job that stops before it starts the import (its worker killed) fails its run too.
        Move("fail", [Status.QUEUED, Status.RUNNING], Status.FAILED, "Fail"),
        # What came of an import is written by its moves, never edited.
        editable=[],
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["trust", "-created_at"], name="importrun_trust_created")]

    def __str__(self):
        return f"Import of {self.file_name}"

    def get_absolute_url(self):
        return reverse("needs:import-detail", args=[self.pk])

    def audit_trust_id(self):
        return self.trust_id

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.REJECTED, self.Status.FAILED}
