"""An opportunity: what is being bought or funded, by which route, judged how, closing when."""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

MONEY = {"max_digits": 14, "decimal_places": 2}

__all__ = ["MONEY", "RouteKind", "Opportunity", "Lot", "Criterion", "Question"]


class RouteKind(models.TextChoices):
    """The routes an opportunity can take. What each allows and when is dated data (see `routes`)."""

    QUOTATION = "quotation", "Quotation"
    BELOW_THRESHOLD_OPEN = "below_threshold_open", "Below-threshold open competition"
    OPEN = "open", "Open procedure"
    COMPETITIVE_FLEXIBLE = "competitive_flexible", "Competitive flexible procedure"
    LIGHT_TOUCH = "light_touch", "Light-touch competitive procedure"
    DIRECT_AWARD = "direct_award", "Direct award (with recorded justification)"
    PSR_DIRECT_A = "psr_direct_a", "Provider Selection Regime: direct award process A"
    PSR_DIRECT_B = "psr_direct_b", "Provider Selection Regime: direct award process B"
    PSR_DIRECT_C = "psr_direct_c", "Provider Selection Regime: direct award process C"
    PSR_MOST_SUITABLE = "psr_most_suitable", "Provider Selection Regime: most suitable provider process"
    PSR_COMPETITIVE = "psr_competitive", "Provider Selection Regime: competitive process"


class Opportunity(AuditedModel):
    """One procurement, from its draft to its award: the golden thread runs priority → intention → here."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for bids"
        EVALUATION = "evaluation", "Closed: being evaluated"
        STANDSTILL = "standstill", "Award decided: standstill"
        AWARDED = "awarded", "Awarded"
        CANCELLED = "cancelled", "Cancelled"

    # The gates of publication, closing and award are guards the services pass as `check=`,
    # so they stay beside the rules they enforce. The clock makes the moves with no permission.
    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.OPEN, "Publish", perm=Perm.PROCUREMENT_MANAGE),
        Move("close", [Status.OPEN], Status.EVALUATION, "Close for bids"),
        Move("decide_award", [Status.EVALUATION], Status.STANDSTILL, "Record the award decision", perm=Perm.AWARD_DECIDE),
        Move("conclude", [Status.STANDSTILL], Status.AWARDED, "End the standstill and award"),
        Move(
            "cancel",
            [Status.DRAFT, Status.OPEN, Status.EVALUATION, Status.STANDSTILL],
            Status.CANCELLED,
            "Cancel",
            perm=Perm.PROCUREMENT_MANAGE,
        ),
        editable=[Status.DRAFT],
    )

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="opportunities")
    intention = models.ForeignKey("plans.CommissioningIntention", on_delete=models.PROTECT, related_name="opportunities")
    # One Open Contracting id from planning to contract: set once at creation, never changed.
    ocid = models.CharField("OCDS id", max_length=100, unique=True, editable=False)
    reference = models.CharField(max_length=50, blank=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    route = models.CharField(max_length=30, choices=RouteKind.choices)
    estimated_value = models.DecimalField("estimated total value, including VAT", **MONEY)
    budget = models.DecimalField("budget, including VAT", null=True, blank=True, **MONEY)
    budget_published = models.BooleanField("publish the budget", default=False)
    # Scores run from 0 to this; what each point means is published with the criteria.
    scale_max = models.PositiveSmallIntegerField("top of the scoring scale", default=4)
    closes_at = models.DateTimeField("closing time", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["trust", "status"], name="opportunity_trust_status"),
            # The clock's query: open opportunities whose closing time has passed.
            models.Index(fields=["status", "closes_at"], name="opportunity_status_closes"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(estimated_value__gte=0), name="opportunity_value_not_negative"),
            models.CheckConstraint(condition=models.Q(scale_max__gte=1), name="opportunity_scale_at_least_one"),
        ]

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.trust_id

    # Its evaluation panel places are Assignments PANEL_MEMBER on it (p3-evaluation).
    assignable = True


class Lot(AuditedModel):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    value = models.DecimalField("estimated value, including VAT", null=True, blank=True, **MONEY)
    suitable_for_sme = models.BooleanField("suitable for small and medium-sized enterprises", default=False)
    suitable_for_vcse = models.BooleanField("suitable for voluntary, community and social enterprise organisations", default=False)

    class Meta:
        ordering = ["opportunity", "number"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "number"], name="one_lot_number_per_opportunity")]

    def __str__(self):
        return f"Lot {self.number}: {self.title}"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class Criterion(AuditedModel):
    """What bids are judged on, with its weight, published with the opportunity."""

    class Kind(models.TextChoices):
        QUALITY = "quality", "Quality"
        PRICE = "price", "Price"
        SOCIAL_VALUE = "social_value", "Social value"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="criteria")
    # Blank: the criterion applies to every lot.
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.QUALITY)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(help_text="Percentage of the total score.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["opportunity", "order", "pk"]
        verbose_name_plural = "criteria"
        constraints = [models.CheckConstraint(condition=models.Q(weight__lte=100), name="criterion_weight_at_most_100")]

    def __str__(self):
        return f"{self.title} ({self.weight}%)"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class Question(AuditedModel):
    """A question bidders answer, published with the opportunity; the criterion it is scored against."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="questions")
    criterion = models.ForeignKey(Criterion, null=True, blank=True, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    guidance = models.TextField(blank=True)
    word_limit = models.PositiveIntegerField(null=True, blank=True)
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["opportunity", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def audit_trust_id(self):
        return self.opportunity.trust_id
