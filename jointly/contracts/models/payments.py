"""Invoices and advance payments: what a contract's providers are paid, when, and how promptly.

The four dates the payments compliance figures need are kept on each invoice: received, payable
(from the day it counts as valid and undisputed, plus the contract's payment terms), paid, and
received by the supplier. How the figures treat disputed time: docs/decisions/0024-payments.md.
"""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

from .contracts import MONEY

__all__ = ["Invoice", "AdvancePayment"]


class Invoice(AuditedModel):
    """An invoice from a party to a contract: sent here by the provider, or recorded by staff from paper."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        APPROVED = "approved", "Approved for payment"
        DISPUTED = "disputed", "Disputed"
        PAID = "paid", "Paid"
        CANCELLED = "cancelled", "Cancelled"

    class Channel(models.TextChoices):
        ONLINE = "online", "Sent online by the provider"
        PAPER = "paper", "Received on paper or by email, recorded by staff"

    class Outcome(models.TextChoices):
        # How a dispute ended decides where the clock starts (decision 0024).
        WITHDRAWN = "withdrawn", "Dispute withdrawn: the invoice was valid as received"
        CORRECTED = "corrected", "Invoice corrected: valid from the day the correction was accepted"

    # Paying is its own service: it refuses a second payment with the date of the first.
    TRANSITIONS = Transitions(
        Move("approve", [Status.RECEIVED], Status.APPROVED, "Approve for payment", perm=Perm.PAYMENTS_MANAGE),
        Move("dispute", [Status.RECEIVED, Status.APPROVED], Status.DISPUTED, "Dispute", perm=Perm.PAYMENTS_MANAGE),
        Move("resolve", [Status.DISPUTED], Status.RECEIVED, "Resolve the dispute", perm=Perm.PAYMENTS_MANAGE),
        Move("resolve_approve", [Status.DISPUTED], Status.APPROVED, "Resolve the dispute and approve", perm=Perm.PAYMENTS_MANAGE),
        Move("pay", [Status.APPROVED], Status.PAID, "Record as paid", perm=Perm.PAYMENTS_MANAGE),
        Move("cancel", [Status.RECEIVED, Status.DISPUTED], Status.CANCELLED, "Cancel", perm=Perm.PAYMENTS_MANAGE),
        editable=[Status.RECEIVED, Status.APPROVED, Status.DISPUTED, Status.PAID],
    )

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="invoices")
    # The party that invoices: the lead, or a consortium member paid directly.
    supplier = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="invoices_sent")
    number = models.CharField("invoice number", max_length=60)
    amount = models.DecimalField("amount, including VAT", **MONEY)
    period_starts_on = models.DateField("start of the period invoiced")
    period_ends_on = models.DateField("end of the period invoiced")
    milestone = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    version = models.PositiveIntegerField(default=1)

    received_on = models.DateField("date received")
    # The day from which it counts as a valid, undisputed invoice: the day received, or the day a
    # corrected invoice was accepted after a dispute. Days to pay are counted from it.
    valid_on = models.DateField("valid and undisputed from")
    payable_on = models.DateField("date payable")
    paid_on = models.DateField("date paid", null=True, blank=True)
    supplier_received_on = models.DateField("date the supplier received the money", null=True, blank=True)

    dispute_reason = models.TextField(blank=True)
    disputed_on = models.DateField(null=True, blank=True)
    dispute_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    dispute_resolved_on = models.DateField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)

    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["contract", "status"], name="invoice_contract_status"),
            # The reminder's query: unpaid invoices past their payable date.
            models.Index(fields=["status", "payable_on"], name="invoice_status_payable"),
            models.Index(fields=["received_on"], name="invoice_received"),
        ]
        constraints = [
            # One supplier never uses an invoice number twice; a cancelled invoice frees its number.
            models.UniqueConstraint(
                fields=["supplier", "number"], condition=~models.Q(status="cancelled"), name="one_live_invoice_number_per_supplier"
            ),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="invoice_amount_positive"),
            models.CheckConstraint(condition=models.Q(period_ends_on__gte=models.F("period_starts_on")), name="invoice_period_in_order"),
            models.CheckConstraint(condition=~models.Q(status="paid") | models.Q(paid_on__isnull=False), name="paid_invoice_has_date"),
        ]

    def __str__(self):
        return f"Invoice {self.number} on {self.contract_id}"

    def audit_trust_id(self):
        return self.contract.trust_id

    @property
    def is_unpaid(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.APPROVED, self.Status.DISPUTED)

    def is_past_due(self, today) -> bool:
        # A disputed invoice is not yet valid, so it is not late (its clock restarts when resolved).
        return self.status in (self.Status.RECEIVED, self.Status.APPROVED) and self.payable_on < today

    @property
    def days_to_pay(self) -> int | None:
        return (self.paid_on - self.valid_on).days if self.paid_on else None


class AdvancePayment(AuditedModel):
    """One payment in advance on a contract paid that way (PaymentBasis.ADVANCE): due on a date, then paid."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        PAID = "paid", "Paid"
        CANCELLED = "cancelled", "Cancelled"

    TRANSITIONS = Transitions(
        Move("pay", [Status.SCHEDULED], Status.PAID, "Record as paid", perm=Perm.PAYMENTS_MANAGE),
        Move("cancel", [Status.SCHEDULED], Status.CANCELLED, "Cancel", perm=Perm.PAYMENTS_MANAGE),
        editable=[Status.SCHEDULED, Status.PAID],
    )

    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="advance_payments")
    year = models.ForeignKey("contracts.ContractYear", on_delete=models.PROTECT, related_name="advance_payments")
    number = models.PositiveSmallIntegerField()
    period_starts_on = models.DateField("start of the period paid for")
    period_ends_on = models.DateField("end of the period paid for")
    due_on = models.DateField("date due")
    amount = models.DecimalField("amount, including VAT", **MONEY)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    version = models.PositiveIntegerField(default=1)
    paid_on = models.DateField("date paid", null=True, blank=True)
    supplier_received_on = models.DateField("date the supplier received the money", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["contract", "number"]
        indexes = [models.Index(fields=["status", "due_on"], name="advance_status_due")]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="one_advance_payment_number_per_contract"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="advance_payment_not_negative"),
        ]

    def __str__(self):
        return f"Advance payment {self.number} on {self.contract_id}"

    def audit_trust_id(self):
        return self.contract.trust_id

    def is_overdue(self, today) -> bool:
        return self.status == self.Status.SCHEDULED and self.due_on < today
