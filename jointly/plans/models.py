"""Planning the pattern of services: commissioning intentions, the forward plan, make-or-buy.

Amounts are pounds as Decimal, INCLUDING VAT (the Procurement Act 2023 compares
values including VAT). Procurement thresholds are configuration data with the
date they take effect (`ProcurementThreshold`), never literals in code.
"""

import secrets

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

MONEY = {"max_digits": 14, "decimal_places": 2}


class ThresholdKind(models.TextChoices):
    PUBLICATION = "publication", "Below-threshold publication (councils)"
    LIGHT_TOUCH = "light_touch", "Light-touch services"
    OTHER_SERVICES = "other_services", "Other services bought by councils"


class ProcurementThreshold(AuditedModel):
    """A threshold from law, in force from a date until the next one of the same kind."""

    kind = models.CharField(max_length=20, choices=ThresholdKind.choices)
    amount = models.DecimalField(help_text="Pounds, including VAT.", **MONEY)
    effective_from = models.DateField()
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["kind", "effective_from"], name="one_threshold_per_kind_date")]

    def __str__(self):
        return f"{self.get_kind_display()}: £{self.amount:,.0f} from {self.effective_from:%-d %B %Y}"

    def audit_trust_id(self):
        return None


class IntentionKind(models.TextChoices):
    COMMISSION = "commission", "Commission"
    RECOMMISSION = "recommission", "Re-commission"
    DECOMMISSION = "decommission", "Decommission"
    DIFFERENTLY = "differently", "Commission differently"


class Route(models.TextChoices):
    GRANT = "grant", "Grant"
    OPEN = "open", "Open procedure"
    COMPETITIVE_FLEXIBLE = "competitive_flexible", "Competitive flexible procedure"
    DIRECT_AWARD = "direct_award", "Direct award"
    PSR = "psr", "Provider Selection Regime"
    IN_HOUSE = "in_house", "In-house"


class ValueBand(models.TextChoices):
    UNDER_PUBLICATION = "under_publication", "Under £30,000"
    BELOW_THRESHOLD = "below_threshold", "£30,000 up to the procurement threshold"
    ABOVE_THRESHOLD = "above_threshold", "Above the procurement threshold"


class CommissioningIntention(AuditedModel):
    """What the trust means to commission, re-commission, decommission or commission differently, and when."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="intentions")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=IntentionKind.choices)
    priorities = models.ManyToManyField("assessment.Priority", blank=True, related_name="intentions")
    outcome_area = models.ForeignKey("needs.OutcomeArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    estimated_annual_value = models.DecimalField("estimated annual value, including VAT", **MONEY)
    total_value = models.DecimalField("estimated total value over the whole term, including VAT", **MONEY)
    light_touch = models.BooleanField(
        "light-touch service", default=True, help_text="Social, health, education and children's services are light-touch."
    )
    route = models.CharField("likely route", max_length=30, choices=Route.choices)
    # Stored when the values or dates change, from the thresholds in force when the procurement starts.
    value_band = models.CharField(max_length=20, choices=ValueBand.choices, blank=True)

    published_on = models.DateField("intention published", null=True, blank=True)
    engagement_starts_on = models.DateField("engagement starts", null=True, blank=True)
    tender_opens_on = models.DateField("tender opens", null=True, blank=True)
    award_on = models.DateField("contract award", null=True, blank=True)
    service_starts_on = models.DateField("service starts", null=True, blank=True)
    current_contract_ends_on = models.DateField("current contract ends", null=True, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    withdrawn_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.PUBLISHED, "Publish", perm=Perm.PLANS_MANAGE),
        Move("withdraw", [Status.DRAFT, Status.PUBLISHED], Status.WITHDRAWN, "Withdraw", perm=Perm.PLANS_MANAGE),
        editable=[Status.DRAFT, Status.PUBLISHED],
    )

    class Meta:
        ordering = ["trust__name", "tender_opens_on", "title"]
        indexes = [models.Index(fields=["trust", "status"], name="intention_trust_status")]
        constraints = [
            models.CheckConstraint(condition=models.Q(estimated_annual_value__gte=0), name="intention_annual_not_negative"),
            models.CheckConstraint(condition=models.Q(total_value__gte=0), name="intention_total_not_negative"),
        ]

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.trust_id

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("plans:intention", args=[self.trust.slug, self.pk])

    @property
    def key_date(self):
        """The date the plan is organised by: the tender, else the next milestone there is."""
        return self.tender_opens_on or self.award_on or self.service_starts_on or self.current_contract_ends_on or self.engagement_starts_on


class PlanChange(AuditedModel):
    """One change to a trust's published forward plan, for the subscribers' digest."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", "Published"
        CHANGED = "changed", "Changed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="plan_changes")
    intention = models.ForeignKey(CommissioningIntention, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField()
    summary = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def audit_trust_id(self):
        return self.trust_id


def _token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """An email address that asked for the forward plan's changes. Nothing else is kept (UK GDPR minimisation).

    Not audited: the audit trail would keep the address after someone unsubscribes.
    """

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="plan_subscribers")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=_token)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The last plan change already sent: the digest never sends a change twice.
    last_change_sent = models.ForeignKey(PlanChange, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trust", "email"], name="one_subscription_per_trust_email")]


class MakeOrBuyAppraisal(AuditedModel):
    """In-house full cost against external options, counted the same way; then the decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        DECIDED = "decided", "Decided"

    class Decision(models.TextChoices):
        IN_HOUSE = "in_house", "Make: provide in-house"
        EXTERNAL = "external", "Buy: commission externally"
        MIXED = "mixed", "Mixed: part in-house, part external"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="appraisals")
    service_name = models.CharField(max_length=300)
    intention = models.ForeignKey(CommissioningIntention, null=True, blank=True, on_delete=models.SET_NULL, related_name="appraisals")
    unit_name = models.CharField(max_length=100, help_text="What one unit of service is, for example 'family supported for a year'.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    TRANSITIONS = Transitions(
        Move("decide", [Status.DRAFT], Status.DECIDED, "Record the decision", perm=Perm.PLANS_MANAGE),
        editable=[Status.DRAFT],
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Make or buy: {self.service_name}"

    def audit_trust_id(self):
        return self.trust_id


class CostOption(AuditedModel):
    """One way of providing the service, priced with full cost recovery or as a quoted full-cost bid."""

    class Kind(models.TextChoices):
        IN_HOUSE = "in_house", "In-house"
        EXTERNAL = "external", "External"

    appraisal = models.ForeignKey(MakeOrBuyAppraisal, on_delete=models.CASCADE, related_name="options")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    provider = models.ForeignKey("partnerships.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    units_per_year = models.DecimalField(max_digits=12, decimal_places=2)
    direct_costs = models.DecimalField("direct costs a year, including non-cash costs", null=True, blank=True, **MONEY)
    # A bid already priced with full cost recovery: its total is taken as quoted.
    quoted_full_cost = models.DecimalField("quoted full cost a year", null=True, blank=True, **MONEY)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.appraisal.trust_id


class OverheadShare(AuditedModel):
    """One overhead pool of the organisation providing an option, and the service's share of its driver."""

    option = models.ForeignKey(CostOption, on_delete=models.CASCADE, related_name="overheads")
    pool = models.CharField(max_length=20)  # a key of fcr.POOLS
    pool_cost = models.DecimalField(**MONEY)
    driver_total = models.DecimalField(max_digits=16, decimal_places=2)
    driver_service = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["option_id", "pool"]
        constraints = [models.UniqueConstraint(fields=["option", "pool"], name="one_share_per_pool")]

    def audit_trust_id(self):
        return self.option.appraisal.trust_id
