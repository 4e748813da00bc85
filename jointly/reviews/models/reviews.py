"""A contract's review against its outcomes and the current need, and the improvement plan it may lead to."""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

__all__ = ["Review", "ImprovementPlan", "ImprovementAction", "PlanComment"]


class Review(AuditedModel):
    """One review of a running contract: what it achieved against its measures, whether the need it
    serves has moved (its priorities' indicators), what children and families said (a consultation),
    the finding, and the decision on what happens next."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    class Kind(models.TextChoices):
        ANNUAL = "annual", "Yearly review"
        BEFORE_END = "before_end", "Review six months before the end of the term"
        OTHER = "other", "Review when needed"

    class Decision(models.TextChoices):
        CONTINUE = "continue", "Continue as it is"
        IMPROVE = "improve", "Improve: agree an improvement plan with the provider"
        EXTEND = "extend", "Extend the contract"
        RECOMMISSION = "recommission", "Re-commission the service"
        DECOMMISSION = "decommission", "Decommission the service"

    TRANSITIONS = Transitions(
        Move("complete", [Status.PLANNED], Status.COMPLETED, "Complete the review", perm=Perm.CONTRACTS_MANAGE),
        Move("cancel", [Status.PLANNED], Status.CANCELLED, "Cancel the review", perm=Perm.CONTRACTS_MANAGE),
        editable=[Status.PLANNED],
    )

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    due_on = models.DateField("review due by")
    # The findings, each against what the review asks.
    outcomes_finding = models.TextField("how the contract did against its outcomes and KPIs", blank=True)
    need_finding = models.TextField("whether the need it serves has changed", blank=True)
    consultation = models.ForeignKey("consultations.Consultation", null=True, blank=True, on_delete=models.PROTECT, related_name="contract_reviews")
    # Children and families are consulted unless there is a recorded reason they could not be.
    no_consultation_reason = models.TextField("why children and families were not consulted", blank=True)
    families_said = models.TextField("what children and families said", blank=True)
    finding = models.TextField("overall finding", blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_evidence = models.TextField("the evidence for the decision", blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="review_status_due")]
        constraints = [
            # The schedule writes one planned review per contract, kind and date, however often it runs.
            models.UniqueConstraint(fields=["contract", "kind", "due_on"], name="one_review_per_contract_kind_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.contract_id} due {self.due_on}"

    def audit_trust_id(self):
        return self.contract.trust_id


class ImprovementPlan(AuditedModel):
    """What the provider and the trust agree to do to bring a contract back on track, action by action.

    The trust works with the provider first: a decommissioning for poor performance needs a plan
    that was completed or failed (or a recorded reason there was none)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Being agreed"
        AGREED = "agreed", "Agreed and in progress"
        COMPLETED = "completed", "Completed: back on track"
        FAILED = "failed", "Failed: not back on track"

    TRANSITIONS = Transitions(
        Move("agree", [Status.DRAFT], Status.AGREED, "Record as agreed with the provider", perm=Perm.CONTRACTS_MANAGE),
        Move("complete", [Status.AGREED], Status.COMPLETED, "Close as completed", perm=Perm.CONTRACTS_MANAGE),
        Move("fail", [Status.AGREED], Status.FAILED, "Close as failed", perm=Perm.CONTRACTS_MANAGE),
        editable=[Status.DRAFT, Status.AGREED],
    )

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="improvement_plans")
    review = models.OneToOneField(Review, null=True, blank=True, on_delete=models.PROTECT, related_name="improvement_plan")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    aim = models.TextField("what the plan must achieve")
    review_by = models.DateField("when the plan is reviewed")
    # The provider's own acceptance, by one of its people, before the trust records the plan as agreed.
    provider_accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    provider_accepted_at = models.DateTimeField(null=True, blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.TextField("how the plan ended", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Improvement plan for {self.contract_id}"

    def audit_trust_id(self):
        return self.contract.trust_id

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.FAILED)


class ImprovementAction(AuditedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    class Side(models.TextChoices):
        PROVIDER = "provider", "The provider"
        TRUST = "trust", "The trust"

    TRANSITIONS = Transitions(
        Move("finish", [Status.OPEN], Status.DONE, "Mark as done", perm=Perm.CONTRACTS_MANAGE),
        Move("drop", [Status.OPEN], Status.DROPPED, "Drop", perm=Perm.CONTRACTS_MANAGE),
        editable=[Status.OPEN],
    )

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField("what will be done")
    owner_side = models.CharField("whose action", max_length=10, choices=Side.choices)
    owner = models.CharField("who owns it (a name or a role)", max_length=200)
    due_on = models.DateField("due by")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="improvement_action_due")]

    def __str__(self):
        return self.text[:80]

    def audit_trust_id(self):
        return self.plan.contract.trust_id

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today


class PlanComment(AuditedModel):
    """A comment on an improvement plan, by the trust's staff or the provider's people."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="comments")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Kept as written, so the thread reads the same if the person later leaves the organisation.
    by_name = models.CharField(max_length=200)
    from_provider = models.BooleanField(default=False)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Comment by {self.by_name}"

    def audit_trust_id(self):
        return self.plan.contract.trust_id
