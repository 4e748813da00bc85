"""A contract: who is bound to deliver what, for whom, from when to when, for how much, measured how."""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

MONEY = {"max_digits": 14, "decimal_places": 2}
PERCENT = {"max_digits": 5, "decimal_places": 2}

__all__ = ["MONEY", "PERCENT", "PaymentBasis", "Contract", "ContractParty", "ContractYear", "ContractMeasure"]


class PaymentBasis(models.TextChoices):
    BLOCK = "block", "Block payments"
    SPOT = "spot", "Spot purchase"
    PER_PLACEMENT = "per_placement", "Per placement, once operational"
    MILESTONES = "milestones", "Milestone payments"
    ADVANCE = "advance", "Payments in advance"


class Contract(AuditedModel):
    """One contract or grant-funded agreement with a provider (or a consortium through its lead).

    Made from an `procurement.Award` once its standstill has ended, or from a direct award recorded
    here with its justification. The golden thread runs priority → intention → opportunity → award →
    contract → its measures, which name the priorities and indicators they serve.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        ACTIVE = "active", "Signed and running"
        # Notice has been given to end it early: only through a completed decommissioning's steps.
        IN_NOTICE = "in_notice", "Notice given: ending"
        ENDED = "ended", "Ended at the end of its term"
        TERMINATED = "terminated", "Ended early"
        CANCELLED = "cancelled", "Cancelled before signing"

    class Origin(models.TextChoices):
        AWARD = "award", "Awarded through a procurement"
        DIRECT_AWARD = "direct_award", "Direct award, recorded with its justification"

    class Form(models.TextChoices):
        STANDARD = "standard", "Standard contract"
        # Proportionate: a few pages of core clauses for low-value work.
        SHORT = "short", "Short-form agreement"

    # Signing checks the award's standstill and that the contract is complete (services/contracts.py).
    # Notice and early termination are the decommissioning's moves: its service alone calls them,
    # after its gates (risk and equality impact, sign-off, exit plans), so no contract ends early
    # without them. The clock ends contracts at the end of their term.
    TRANSITIONS = Transitions(
        Move("sign", [Status.DRAFT], Status.ACTIVE, "Record as signed", perm=Perm.CONTRACTS_MANAGE),
        Move("cancel", [Status.DRAFT], Status.CANCELLED, "Cancel", perm=Perm.CONTRACTS_MANAGE),
        Move("give_notice", [Status.ACTIVE], Status.IN_NOTICE, "Give notice"),
        Move("terminate", [Status.IN_NOTICE], Status.TERMINATED, "End early"),
        Move("expire", [Status.ACTIVE, Status.IN_NOTICE], Status.ENDED, "End at the end of the term"),
        editable=[Status.DRAFT, Status.ACTIVE],
    )

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="contracts")
    # The partner that contracts (the council, the ICB): a provider's contracts from several partners
    # of one trust share one monitoring return.
    buyer = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="contracts_bought")
    # The lead provider; a consortium's members are its parties too (ContractParty).
    supplier = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="contracts_held")
    reference = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices)
    award = models.OneToOneField("procurement.Award", null=True, blank=True, on_delete=models.PROTECT, related_name="contract")
    direct_award_justification = models.TextField(blank=True)
    intention = models.ForeignKey("plans.CommissioningIntention", null=True, blank=True, on_delete=models.PROTECT, related_name="contracts")
    form = models.CharField(max_length=20, choices=Form.choices, default=Form.STANDARD)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)

    starts_on = models.DateField("start date")
    ends_on = models.DateField("end date of the current term")
    # Optional extensions, in months, in order ("three years plus two" is [24] or [12, 12]).
    extension_months = models.JSONField(default=list, blank=True)
    short_term_reason = models.TextField("why a VCS contract is shorter than three years", blank=True)
    value = models.DecimalField("total value over the term, including VAT", **MONEY)
    payment_basis = models.CharField(max_length=20, choices=PaymentBasis.choices, default=PaymentBasis.BLOCK)
    payment_terms_days = models.PositiveSmallIntegerField("days to pay an undisputed invoice", default=30)
    notice_period_days = models.PositiveSmallIntegerField("notice period to end it early, in days", default=90)
    pooled_fund = models.ForeignKey("resources.PooledFund", null=True, blank=True, on_delete=models.PROTECT, related_name="contracts")
    funding_note = models.TextField("funding source (partner budgets and their shares)", blank=True)
    # How overpayments and undelivered work are recovered, in general (risk by risk: ContractRisk).
    clawback_terms = models.TextField("clawback", blank=True)

    signed_on = models.DateField(null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["trust", "-starts_on", "reference"]
        indexes = [
            models.Index(fields=["trust", "status"], name="contract_trust_status"),
            models.Index(fields=["supplier", "status"], name="contract_supplier_status"),
            # The clock's query: running contracts whose term has ended.
            models.Index(fields=["status", "ends_on"], name="contract_status_ends"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["trust", "reference"], name="one_contract_reference_per_trust"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="contract_value_not_negative"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="contract_ends_after_start"),
            models.CheckConstraint(condition=~models.Q(origin="award") | models.Q(award__isnull=False), name="awarded_contract_names_award"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def audit_trust_id(self):
        return self.trust_id

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.ACTIVE, self.Status.IN_NOTICE)


class ContractParty(AuditedModel):
    """A provider bound by the contract: the lead, or a consortium member with its role and shares."""

    class Part(models.TextChoices):
        LEAD = "lead", "Lead provider"
        MEMBER = "member", "Consortium member"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="contract_parts")
    part = models.CharField(max_length=10, choices=Part.choices)
    role = models.CharField(max_length=300, blank=True)
    work_share = models.DecimalField("share of the work (%)", **PERCENT)
    money_share = models.DecimalField("share of the money (%)", **PERCENT)

    class Meta:
        ordering = ["contract", "-part", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "organisation"], name="one_part_per_organisation_per_contract"),
            models.UniqueConstraint(fields=["contract"], condition=models.Q(part="lead"), name="one_lead_per_contract"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_part_display()}) in {self.contract_id}"

    def audit_trust_id(self):
        return self.contract.trust_id


class ContractYear(AuditedModel):
    """The contract's value in one year of its term (year 1 from the start date)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="years")
    number = models.PositiveSmallIntegerField()
    starts_on = models.DateField()
    ends_on = models.DateField()
    value = models.DecimalField("value in the year, including VAT", **MONEY)
    # Years added by an extension are part of the term only once the extension is decided.
    extension = models.BooleanField(default=False)

    class Meta:
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="one_value_per_contract_year"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="contract_year_value_not_negative"),
        ]

    def __str__(self):
        return f"Year {self.number} of {self.contract_id}"

    def audit_trust_id(self):
        return self.contract.trust_id


class ContractMeasure(AuditedModel):
    """What the contract is judged by: an outcome (from the specification), a KPI, or a social value
    commitment from the winning bid, with the priority and indicator it serves (the golden thread)."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Outcome"
        KPI = "kpi", "Key performance indicator"
        SOCIAL_VALUE = "social_value", "Social value commitment"

    class Question(models.TextChoices):
        # Results-based accountability: the three questions a measure answers.
        HOW_MUCH = "how_much", "How much did we do?"
        HOW_WELL = "how_well", "How well did we do it?"
        BETTER_OFF = "better_off", "Is anyone better off?"

    class ValueType(models.TextChoices):
        NUMBER = "number", "A number"
        PERCENT = "percent", "A percentage"
        TEXT = "text", "Words"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    question = models.CharField(max_length=20, choices=Question.choices, default=Question.BETTER_OFF)
    text = models.TextField("what is measured")
    how_measured = models.TextField(blank=True)
    value_type = models.CharField(max_length=10, choices=ValueType.choices, default=ValueType.NUMBER)
    target = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    required = models.BooleanField("a return must report it", default=True)
    priority = models.ForeignKey("assessment.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="contract_measures")
    indicator = models.ForeignKey("needs.IndicatorDefinition", null=True, blank=True, on_delete=models.PROTECT, related_name="contract_measures")
    # Where it came from, so it is copied once: the specification's outcome.
    source_outcome = models.ForeignKey("procurement.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["contract", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def audit_trust_id(self):
        return self.contract.trust_id
