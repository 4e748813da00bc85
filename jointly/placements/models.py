"""Micro-commissioning: frameworks and dynamic lists shared by trusts, placement requests for one child
under a pseudonymous reference, providers' offers, and individual budgets held by a lead professional.

A child's personal data lives only in `ChildDetails`, kept out of the audit trail, recorded only under
a data protection impact assessment (`ProcessingAssessment`) and deleted when its retention ends.
"""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

MONEY = {"max_digits": 12, "decimal_places": 2}


class Framework(AuditedModel):
    """A framework agreement or a dynamic list of approved providers, which several trusts may use.

    The lead trust keeps it (its providers and the trusts that use it); every using trust's
    commissioners call off from it. It may name the contract or award it came from.
    """

    class Kind(models.TextChoices):
        FRAMEWORK = "framework", "Framework agreement"
        # Providers can join while it runs, once they meet its terms.
        DYNAMIC_LIST = "dynamic_list", "Dynamic list (providers may join while it runs)"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="placement_frameworks_led")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FRAMEWORK)
    covers = models.TextField("what it covers", blank=True)
    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date", null=True, blank=True)
    contract = models.ForeignKey("contracts.Contract", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    award = models.ForeignKey("procurement.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["trust", "name"], name="one_framework_name_per_lead_trust")]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.trust_id


class FrameworkTrust(AuditedModel):
    """A trust that commissions through the framework (the lead trust is one too)."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="users")
    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="placement_frameworks")
    joined_on = models.DateField()

    class Meta:
        ordering = ["framework", "trust__name"]
        constraints = [models.UniqueConstraint(fields=["framework", "trust"], name="one_use_per_trust_per_framework")]

    def __str__(self):
        return f"{self.trust_id} uses {self.framework_id}"

    def audit_trust_id(self):
        return self.framework.trust_id


class FrameworkProvider(AuditedModel):
    """An organisation approved on the framework from a date, until it leaves."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="providers")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="placement_frameworks")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["framework", "organisation__name", "joined_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "organisation"], condition=models.Q(left_on__isnull=True), name="one_live_approval_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")), name="left_after_joining"
            ),
        ]

    def __str__(self):
        return f"{self.organisation_id} on {self.framework_id}"

    def audit_trust_id(self):
        return self.framework.trust_id

    def approved_on(self, day) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on >= day)


class ProcessingAssessment(AuditedModel):
    """The data protection impact assessment for a trust's placements processing (UK GDPR art. 35).

    The latest one recorded is in force: without one, no child's personal data may be recorded.
    """

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="placement_assessments")
    lawful_basis = models.TextField("lawful basis for processing")
    minimisation = models.TextField("what is collected, and why no more")
    retention_months = models.PositiveSmallIntegerField("months to keep personal data after a placement ends")
    approved_by = models.CharField("approved by (name and role)", max_length=200)
    approved_on = models.DateField("date approved")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "data protection impact assessment"
        ordering = ["trust", "-approved_on", "-pk"]

    def __str__(self):
        return f"DPIA approved {self.approved_on} by {self.approved_by}"

    def audit_trust_id(self):
        return self.trust_id


class IndividualBudget(AuditedModel):
    """Money set aside for one child (pseudonymous reference), held by a lead professional.

    The lead professional's `Assignment` (LEAD_PROFESSIONAL) on the budget grants them
    PLACEMENTS_MANAGE on it and on its requests, whatever their role.
    """

    assignable = True

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="individual_budgets")
    reference = models.CharField("child's pseudonymous reference", max_length=40)
    purpose = models.TextField()
    amount = models.DecimalField("budget", **MONEY)
    starts_on = models.DateField()
    ends_on = models.DateField()
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="individual_budgets_held")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trust", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "reference"], name="one_budget_reference_per_trust"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="individual_budget_not_negative"),
        ]

    def __str__(self):
        return f"Individual budget {self.reference}"

    def audit_trust_id(self):
        return self.trust_id


class BudgetLine(AuditedModel):
    """A commitment against the budget (a chosen offer, say) or money spent, perhaps drawn from a commitment."""

    class Kind(models.TextChoices):
        COMMITMENT = "commitment", "Committed"
        SPEND = "spend", "Spent"

    budget = models.ForeignKey(IndividualBudget, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    amount = models.DecimalField(**MONEY)
    description = models.CharField(max_length=300)
    on_date = models.DateField("date")
    # A payment for a committed placement draws the commitment down rather than adding to it.
    commitment = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="drawn")
    offer = models.OneToOneField("placements.Offer", null=True, blank=True, on_delete=models.PROTECT, related_name="commitment")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["budget", "on_date", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="budget_line_positive")]

    def __str__(self):
        return f"{self.get_kind_display()} £{self.amount} on {self.budget_id}"

    def audit_trust_id(self):
        return self.budget.trust_id

    def assignment_parents(self):
        return [(IndividualBudget, self.budget_id)]


class PlacementRequest(AuditedModel):
    """What one child needs, under a pseudonymous reference, sent to a framework's providers for offers."""

    class Kind(models.TextChoices):
        RESIDENTIAL = "residential", "Residential children's home"
        FOSTERING = "fostering", "Foster care"
        SUPPORTED = "supported", "Supported accommodation (16 and over)"
        SHORT_BREAKS = "short_breaks", "Short breaks"
        PACKAGE = "package", "Package of support at home"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENT = "sent", "Sent to providers"
        PLACED = "placed", "Placement agreed"
        ENDED = "ended", "Placement ended"
        CANCELLED = "cancelled", "Cancelled"

    TRANSITIONS = Transitions(
        Move("send", [Status.DRAFT], Status.SENT, "Send to providers", perm=Perm.PLACEMENTS_MANAGE),
        Move("choose", [Status.SENT], Status.PLACED, "Choose an offer"),
        Move("cancel", [Status.DRAFT, Status.SENT], Status.CANCELLED, "Cancel", perm=Perm.PLACEMENTS_MANAGE),
        Move("end", [Status.PLACED], Status.ENDED, "Record the end of the placement", perm=Perm.PLACEMENTS_MANAGE),
        editable=[Status.DRAFT],
    )

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="placement_requests")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="requests")
    budget = models.ForeignKey(IndividualBudget, null=True, blank=True, on_delete=models.PROTECT, related_name="requests")
    # The partner that will contract for the placement (the council, usually).
    buyer = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="+")
    # Made by the service, never typed: a reference cannot be a name.
    reference = models.CharField("pseudonymous reference", max_length=40)
    kind = models.CharField("type of placement or package", max_length=20, choices=Kind.choices)
    needs = models.TextField("needs")
    outcomes = models.TextField("outcomes the placement should achieve")
    starts_on = models.DateField("wanted from")
    duration_weeks = models.PositiveSmallIntegerField("duration in weeks")
    weekly_budget = models.DecimalField("most it can cost a week", **MONEY)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)
    choice_reasons = models.TextField(blank=True)
    contract = models.OneToOneField("contracts.Contract", null=True, blank=True, on_delete=models.PROTECT, related_name="placement_request")
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "placement request"
        ordering = ["trust", "-created_at", "-pk"]
        indexes = [models.Index(fields=["trust", "status"], name="placement_request_trust_status")]
        constraints = [
            models.UniqueConstraint(fields=["trust", "reference"], name="one_placement_reference_per_trust"),
            models.CheckConstraint(condition=models.Q(duration_weeks__gte=1), name="placement_at_least_a_week"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.get_kind_display()}"

    def audit_trust_id(self):
        return self.trust_id

    def assignment_parents(self):
        return [(IndividualBudget, self.budget_id)] if self.budget_id else []


class ChildDetails(AuditedModel):
    """The child's personal data for one request: recorded only under a DPIA, never sent to providers,
    never in the audit trail (audit_exclude), deleted when the retention period ends."""

    PERSONAL_FIELDS = ("date_of_birth", "school", "family_member")
    audit_exclude = PERSONAL_FIELDS

    request = models.OneToOneField(PlacementRequest, on_delete=models.CASCADE, related_name="child_details")
    assessment = models.ForeignKey(ProcessingAssessment, on_delete=models.PROTECT, related_name="+")
    date_of_birth = models.DateField(null=True, blank=True)
    school = models.CharField(max_length=200, blank=True)
    family_member = models.CharField("a named family member and their relationship", max_length=200, blank=True)
    # Set when the placement ends or the request is cancelled: the end plus the DPIA's retention period.
    delete_on = models.DateField(null=True, blank=True, db_index=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "child's personal details"
        verbose_name_plural = "children's personal details"

    def __str__(self):
        return f"Personal details for request {self.request_id}"

    def audit_trust_id(self):
        return self.request.trust_id

    def assignment_parents(self):
        return [self.request]


class PlacementRecipient(AuditedModel):
    """A provider the request was sent to."""

    request = models.ForeignKey(PlacementRequest, on_delete=models.CASCADE, related_name="recipients")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="placement_requests_received")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["request", "organisation"], name="one_send_per_organisation")]

    def __str__(self):
        return f"{self.request_id} sent to {self.organisation_id}"

    def audit_trust_id(self):
        return self.request.trust_id


class Offer(AuditedModel):
    """A provider's offer for a request: price, start date and how it will meet the outcomes."""

    class Status(models.TextChoices):
        MADE = "made", "Offered"
        CHOSEN = "chosen", "Chosen"
        NOT_CHOSEN = "not_chosen", "Not chosen"
        WITHDRAWN = "withdrawn", "Withdrawn"

    TRANSITIONS = Transitions(
        Move("choose", [Status.MADE], Status.CHOSEN, "Choose"),
        Move("decline", [Status.MADE], Status.NOT_CHOSEN, "Not chosen"),
        Move("withdraw", [Status.MADE], Status.WITHDRAWN, "Withdraw", perm=Perm.PLACEMENT_OFFER),
        editable=[Status.MADE],
    )

    request = models.ForeignKey(PlacementRequest, on_delete=models.CASCADE, related_name="offers")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="placement_offers")
    weekly_price = models.DecimalField("price a week", **MONEY)
    starts_on = models.DateField("can start on")
    how_outcomes_met = models.TextField("how the outcomes will be met")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.MADE)
    outcome_reason = models.TextField("why it was or was not chosen", blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request", "weekly_price", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "organisation"], name="one_offer_per_organisation_per_request"),
            models.CheckConstraint(condition=models.Q(weekly_price__gt=0), name="offer_price_positive"),
        ]

    def __str__(self):
        return f"Offer {self.pk} on {self.request_id}"

    def audit_trust_id(self):
        return self.request.trust_id

    def assignment_parents(self):
        return [self.request]

    def total_for(self, weeks: int):
        return self.weekly_price * weeks
