"""The library of standard core clauses, dated and versioned, that contract documents are made from."""

from django.db import models

from jointly.audit.models import AuditedModel

__all__ = ["Clause"]


class Clause(AuditedModel):
    """One clause in one version. A contract's document takes, for each key, the latest version in force
    on its start date that applies to its form. The text may name the contract's terms in braces
    ({buyer}, {supplier}, {notice_period_days}, …: see services/documents.py)."""

    class Applies(models.TextChoices):
        BOTH = "both", "Standard and short form"
        STANDARD = "standard", "Standard contracts only"
        SHORT = "short", "Short-form agreements only"

    key = models.SlugField(max_length=60)
    version = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    text = models.TextField()
    applies_to = models.CharField(max_length=10, choices=Applies.choices, default=Applies.BOTH)
    in_force_from = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "key", "-version"]
        constraints = [models.UniqueConstraint(fields=["key", "version"], name="one_clause_version")]

    def __str__(self):
        return f"{self.title} (version {self.version})"
