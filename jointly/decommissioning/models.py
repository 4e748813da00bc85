"""Ending a contract early as a managed process (issue 11, point 5).

The rationale and evidence, a risk and equality impact assessment, senior and board sign-off by two
people other than the proposer, notice no shorter than the contract's, an exit plan for every
service user and the staff-transfer flags, then a record of completion. Only this app's services
give a contract notice or end it early (decision 0026).
"""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

__all__ = ["Decommissioning", "SignOff", "ExitPlanEntry"]

PERCENT = {"max_digits": 5, "decimal_places": 2}


class Decommissioning(AuditedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being prepared"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Waiting for sign-off"
        APPROVED = "approved", "Signed off: notice not yet given"
        IN_NOTICE = "in_notice", "Notice given: service users moving on"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Reason(models.TextChoices):
        POOR_PERFORMANCE = "poor_performance", "The service is not performing"
        NEED_CHANGED = "need_changed", "The need has changed or gone"
        FUNDING = "funding", "The funding has ended"
        RECOMMISSIONING = "recommissioning", "The service is being re-commissioned differently"
        SAFEGUARDING = "safeguarding", "A safeguarding concern"
        OTHER = "other", "Another reason"

    # The moves' gates are in services/decommissionings.py (each refusal names what is missing);
    # the contract's own give_notice and terminate are made there, in the same transaction.
    TRANSITIONS = Transitions(
        Move("submit", [Status.DRAFT], Status.AWAITING_SIGN_OFF, "Send for sign-off", perm=Perm.CONTRACTS_MANAGE),
        Move("approve", [Status.AWAITING_SIGN_OFF], Status.APPROVED, "Record as signed off"),
        Move("give_notice", [Status.APPROVED], Status.IN_NOTICE, "Give notice", perm=Perm.CONTRACTS_MANAGE),
        Move("complete", [Status.IN_NOTICE], Status.COMPLETED, "Record as completed", perm=Perm.CONTRACTS_MANAGE),
        Move("withdraw", [Status.DRAFT, Status.AWAITING_SIGN_OFF, Status.APPROVED], Status.WITHDRAWN, "Withdraw", perm=Perm.CONTRACTS_MANAGE),
        editable=[Status.DRAFT, Status.IN_NOTICE],
    )

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="decommissionings")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    rationale = models.TextField("why the service is ending", blank=True)
    evidence = models.TextField("the evidence", blank=True)
    review = models.ForeignKey("reviews.Review", null=True, blank=True, on_delete=models.PROTECT, related_name="decommissionings")
    # Working with the provider first: the improvement plan tried, or why there was none.
    improvement_plan = models.ForeignKey("reviews.ImprovementPlan", null=True, blank=True, on_delete=models.PROTECT, related_name="decommissionings")
    no_improvement_plan_reason = models.TextField("why no improvement plan was tried", blank=True)

    # The risk and equality impact assessment.
    users_affected = models.PositiveIntegerField("children, young people and families using the service", null=True, blank=True)
    equality_impact = models.TextField("impact on people with protected characteristics and priority groups", blank=True)
    risks = models.TextField("risks of ending the service and how they are managed", blank=True)
    provider_impact = models.TextField("impact on the provider", blank=True)
    provider_income_share = models.DecimalField("the contract's share of the provider's income (%)", null=True, blank=True, **PERCENT)
    impact_assessed_on = models.DateField(null=True, blank=True)

    # Staff transfer (TUPE).
    tupe_applies = models.BooleanField("staff may transfer under TUPE", null=True, blank=True)
    tupe_note = models.TextField("staff-transfer arrangements", blank=True)

    # Notice: never shorter than the contract's notice period; the service ends on ends_on.
    notice_given_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField("the last day of the service", null=True, blank=True)

    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField("what happened at the end", blank=True)
    withdrawn_reason = models.TextField(blank=True)

    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One decommissioning in progress per contract: a withdrawn or completed one does not count.
            models.UniqueConstraint(
                fields=["contract"],
                condition=~models.Q(status__in=["withdrawn", "completed"]),
                name="one_open_decommissioning_per_contract",
            ),
            models.CheckConstraint(
                condition=models.Q(provider_income_share__isnull=True)
                | (models.Q(provider_income_share__gte=0) & models.Q(provider_income_share__lte=100)),
                name="decommissioning_income_share_a_percentage",
            ),
        ]

    def __str__(self):
        return f"Decommissioning of {self.contract_id}"

    def audit_trust_id(self):
        return self.contract.trust_id


class SignOff(AuditedModel):
    """A senior officer's or a board member's sign-off: two people, neither the proposer."""

    class Kind(models.TextChoices):
        SENIOR = "senior", "Senior officer"
        BOARD = "board", "Board"

    decommissioning = models.ForeignKey(Decommissioning, on_delete=models.CASCADE, related_name="sign_offs")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_name = models.CharField(max_length=200)
    note = models.TextField(blank=True)
    signed_on = models.DateField()

    class Meta:
        ordering = ["signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["decommissioning", "kind"], name="one_sign_off_of_each_kind"),
            models.UniqueConstraint(fields=["decommissioning", "by"], name="sign_offs_by_two_people"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} sign-off by {self.by_name}"

    def audit_trust_id(self):
        return self.decommissioning.contract.trust_id


class ExitPlanEntry(AuditedModel):
    """One service user's move on, under a pseudonymous reference (never a name)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        TRANSFERRED = "transferred", "Moved to the new service"
        CLOSED = "closed", "Support ended: no longer needed"
        DECLINED = "declined", "Declined further support"

    decommissioning = models.ForeignKey(Decommissioning, on_delete=models.CASCADE, related_name="exit_plan")
    reference = models.CharField("pseudonymous reference", max_length=40)
    destination = models.CharField("where they will be supported", max_length=300)
    destination_service = models.ForeignKey("providers.DirectoryService", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    move_by = models.DateField("moved by")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["move_by", "reference"]
        constraints = [models.UniqueConstraint(fields=["decommissioning", "reference"], name="one_exit_entry_per_reference")]
        indexes = [models.Index(fields=["status", "move_by"], name="exit_entry_status_due")]

    def __str__(self):
        return f"{self.reference} → {self.destination}"

    def audit_trust_id(self):
        return self.decommissioning.contract.trust_id

    @property
    def is_settled(self) -> bool:
        return self.status != self.Status.PLANNED
