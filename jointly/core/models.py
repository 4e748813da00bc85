import uuid

from django.conf import settings
from django.db import models

from jointly.audit.models import AuditedModel


class Job(models.Model):
    """A piece of work that runs outside a request, with progress a page can show."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        SUCCEEDED = "succeeded", "Finished"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress_done = models.PositiveBigIntegerField(default=0)
    progress_total = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs")
    trust = models.ForeignKey("partnerships.Trust", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # When the running job last reported (on start and with every progress report). A running job
    # silent for JOINTLY_JOB_STALE_MINUTES was stopped (its worker killed) and is marked failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    @property
    def percent(self) -> int | None:
        if not self.progress_total:
            return None
        return min(100, int(100 * self.progress_done / self.progress_total))

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}


class ScheduledRun(models.Model):
    """When each scheduled job last ran, so the runner knows what is due, and who holds it now.

    A runner claims a job by one conditional UPDATE that sets `locked_until`
    (a lease) and `locked_by`; the lease runs out by itself if the runner dies.
    """

    name = models.CharField(max_length=100, unique=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_result = models.TextField(blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.name


class BankHoliday(AuditedModel):
    """A weekday that is not a working day in England and Wales: the dated data behind working-day deadlines.

    Seeded from the file shipped in jointly/core/data; an administrator adds
    the years after, or a one-off day (a coronation, say), with
    `jointly bank-holidays`. Audited, because a change here moves deadlines.
    """

    class Source(models.TextChoices):
        SHIPPED = "shipped", "Shipped with Jointly"
        GOV_UK = "gov_uk", "Imported from a GOV.UK bank holidays file"
        RULES = "rules", "Worked out by rule"
        ADMINISTRATOR = "administrator", "Added by an administrator"

    date = models.DateField(unique=True)
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=20, choices=Source.choices)

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.name}, {self.date:%-d %B %Y}"


class DataGeneration(models.Model):
    """One row whose number goes up after every committed change to the data (`core.page_cache`).

    A page kept in memory is filed under the number it was rendered at, so any change anywhere,
    by any process (app servers, the worker, the scheduler, an import), retires every kept page.
    """

    value = models.BigIntegerField(default=0)
