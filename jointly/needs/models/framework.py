"""The outcomes framework: outcome areas and the indicators that measure them."""

from django.db import models
from django.urls import reverse

from jointly.audit.models import AuditedModel


class OutcomeArea(AuditedModel):
    """One of the outcomes a trust plans for.

    The five Every Child Matters outcomes are shared by every trust (no trust
    set); a trust may add its own.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    trust = models.ForeignKey("partnerships.Trust", null=True, blank=True, on_delete=models.CASCADE, related_name="outcome_areas")

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug"], condition=models.Q(trust__isnull=True), name="one_shared_outcome_per_slug"),
            models.UniqueConstraint(fields=["trust", "slug"], name="one_trust_outcome_per_slug"),
        ]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.trust_id


class Polarity(models.TextChoices):
    HIGHER_BETTER = "higher_better", "Higher is better"
    LOWER_BETTER = "lower_better", "Lower is better"
    NO_JUDGEMENT = "no_judgement", "No judgement"


class ValueType(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_1000 = "rate_per_1000", "Rate per 1,000"
    RATE_PER_10000 = "rate_per_10000", "Rate per 10,000"
    RATE_PER_100000 = "rate_per_100000", "Rate per 100,000"
    AVERAGE = "average", "Average"
    SCORE = "score", "Score"
    RATIO = "ratio", "Ratio"
    OTHER = "other", "Other"


class IntervalMethod(models.TextChoices):
    AUTO = "auto", "Published limits, or worked out from the count and denominator"
    NONE = "none", "None: the figure is not compared for significance"


class IndicatorDefinition(AuditedModel):
    """What an indicator measures, how, and how to read it."""

    code = models.CharField(max_length=200, unique=True, help_text="Stable identifier, e.g. fingertips/90284.")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    outcome_area = models.ForeignKey(OutcomeArea, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators")
    polarity = models.CharField(max_length=20, choices=Polarity.choices, default=Polarity.NO_JUDGEMENT)
    value_type = models.CharField(max_length=20, choices=ValueType.choices, default=ValueType.OTHER)
    unit = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=300, blank=True)
    source_url = models.URLField(blank=True)
    method = models.TextField(blank=True)
    disclosure_rule = models.TextField(blank=True, help_text="How small numbers are protected, e.g. counts under 5 are shown as 'c'.")
    # Who the figure counts, in words ("looked-after children", "care leavers aged 19 to 21").
    cohort = models.CharField(max_length=200, blank=True)
    # The publisher's own warning about reading the figure, shown wherever it is.
    caution = models.TextField(blank=True)
    # Decimal places the publisher gives; empty when not known (the figure is shown as it is stored).
    decimal_places = models.PositiveSmallIntegerField(null=True, blank=True)
    # Some figures' counts are not independent trials (sessions of the same pupils): no interval is worked out.
    interval_method = models.CharField(max_length=10, choices=IntervalMethod.choices, default=IntervalMethod.AUTO)
    # Published statistics are open to anyone; a trust's own local indicator can be kept to the trust.
    published = models.BooleanField(default=True)
    trust = models.ForeignKey("partnerships.Trust", null=True, blank=True, on_delete=models.CASCADE, related_name="indicators")
    # The group a profile shows by default; empty means the total for everyone.
    headline_breakdown = models.ForeignKey("needs.Breakdown", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dataset = models.CharField(max_length=200, blank=True, help_text="The published dataset it was imported from.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["outcome_area", "name"], name="indicator_outcome_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("needs:indicator-list") + f"#indicator-{self.pk}"

    def audit_trust_id(self):
        return self.trust_id
