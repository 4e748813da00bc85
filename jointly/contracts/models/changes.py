"""Changes to a signed contract: variations (a reason and the change test) and extensions (an option taken)."""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

from .contracts import MONEY, Contract

__all__ = ["Variation", "Extension"]


class Variation(AuditedModel):
    """A proposed change to a running contract's value or term, tested against the rules when proposed and
    applied to the contract only when approved (services/variations.py)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Awaiting approval"
        APPROVED = "approved", "Approved and applied"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # Approval needs CONTRACTS_MANAGE here; above the officers' limit the service asks CONTRACT_APPROVE too.
    TRANSITIONS = Transitions(
        Move("approve", [Status.PROPOSED], Status.APPROVED, "Approve and apply"),
        Move("refuse", [Status.PROPOSED], Status.REFUSED, "Refuse"),
        Move("withdraw", [Status.PROPOSED], Status.WITHDRAWN, "Withdraw", perm=Perm.CONTRACTS_MANAGE),
        editable=[],
    )

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="variations")
    number = models.PositiveSmallIntegerField()
    reason = models.TextField()
    description = models.TextField("what changes", blank=True)
    value_change = models.DecimalField("change in value, including VAT (negative to reduce)", **MONEY)
    new_ends_on = models.DateField("new end date", null=True, blank=True)
    applies_from = models.DateField("the change applies from")
    # The change test's results, fixed when proposed (services/variations.change_test).
    change_notice_needed = models.BooleanField(default=False)
    senior_approval_needed = models.BooleanField(default=False)
    test_note = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    value_before = models.DecimalField(null=True, blank=True, **MONEY)
    ends_on_before = models.DateField(null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "number"]
        constraints = [models.UniqueConstraint(fields=["contract", "number"], name="one_variation_number_per_contract")]

    def __str__(self):
        return f"Variation {self.number} of {self.contract.reference}"

    def audit_trust_id(self):
        return self.contract.trust_id


class Extension(AuditedModel):
    """A decision to take the contract's next extension option, with its evidence: on approval it adds the
    option's years (with their value) and moves the end of the term."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Awaiting decision"
        APPROVED = "approved", "Taken"
        DECLINED = "declined", "Not taken"

    TRANSITIONS = Transitions(
        Move("approve", [Status.PROPOSED], Status.APPROVED, "Take the extension", perm=Perm.CONTRACT_APPROVE),
        Move("decline", [Status.PROPOSED], Status.DECLINED, "Do not extend", perm=Perm.CONTRACT_APPROVE),
        editable=[],
    )

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="extensions")
    option = models.PositiveSmallIntegerField("which extension option (1 for the first)")
    months = models.PositiveSmallIntegerField()
    value = models.DecimalField("value of the extension, including VAT", **MONEY)
    evidence = models.TextField("the evidence for extending")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    value_before = models.DecimalField(null=True, blank=True, **MONEY)
    ends_on_before = models.DateField(null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "option", "pk"]

    def __str__(self):
        return f"Extension option {self.option} of {self.contract.reference}"

    def audit_trust_id(self):
        return self.contract.trust_id
