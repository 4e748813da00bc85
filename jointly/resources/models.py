"""The resource envelope: what each partner spends, on which outcomes, through which sector, from which budget.

Amounts are pounds held as Decimal, never floats. Every rule a person could
break (a negative amount, an end before a start, a contribution from an
organisation outside the trust) is checked in `services.py`, with a message
for people; the constraints here are the last line of defence.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models

from jointly.audit.models import AuditedModel
from jointly.partnerships.models import Sector

FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
MONEY = {"max_digits": 14, "decimal_places": 2}


def financial_year_problem(value: str) -> str:
    """The reason `value` is not a financial year like 2026-27, or '' when it is one."""
    match = FINANCIAL_YEAR.match(value or "")
    if not match:
        return "Enter the financial year like 2026-27"
    start, end = int(match.group(1)), int(match.group(2))
    if (start + 1) % 100 != end:
        return f"Enter the financial year like {start}-{(start + 1) % 100:02d}: the second year follows the first"
    if not 2000 <= start <= 2100:
        return "Enter a financial year between 2000-01 and 2100-01"
    return ""


def validate_financial_year(value):
    problem = financial_year_problem(value)
    if problem:
        raise ValidationError(problem, code="invalid_financial_year")


def _not_negative(field: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=models.Q(**{f"{field}__gte": 0}), name="%(class)s_" + f"{field}_not_negative")


class Budget(AuditedModel):
    """A partner's budget for children's services in one financial year."""

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="budgets")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="budgets")
    year = models.CharField("financial year", max_length=7, validators=[validate_financial_year])
    amount = models.DecimalField(**MONEY)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-year", "organisation__name"]
        constraints = [
            _not_negative("amount"),
            models.UniqueConstraint(fields=["trust", "organisation", "year"], name="one_budget_per_partner_year"),
        ]

    def __str__(self):
        return f"{self.organisation} budget {self.year}"

    def audit_trust_id(self):
        return self.trust_id


class FundingStream(AuditedModel):
    """Money from a funder with conditions and an end date (a grant programme, a ring-fenced allocation)."""

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="funding_streams")
    funder = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="funding_streams")
    name = models.CharField(max_length=300)
    amount = models.DecimalField(**MONEY)
    conditions = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    ring_fenced = models.BooleanField(default=False)

    class Meta:
        ordering = ["ends_on", "name"]
        constraints = [
            _not_negative("amount"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="funding_stream_ends_after_start"),
        ]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.trust_id


class PooledFund(AuditedModel):
    """A pooled fund or an aligned budget, with its host, governance and risk share."""

    class Kind(models.TextChoices):
        POOLED = "pooled", "Pooled fund"
        ALIGNED = "aligned", "Aligned budget"

    class LegalBasis(models.TextChoices):
        NHS_ACT_S75 = "nhs_act_2006_s75", "Section 75, National Health Service Act 2006"
        CHILDREN_ACT_S10 = "children_act_2004_s10", "Section 10, Children Act 2004"
        NONE = "", "None (an aligned budget needs no legal agreement)"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="pooled_funds")
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    legal_basis = models.CharField(max_length=40, choices=LegalBasis.choices, blank=True)
    host = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="hosted_funds")
    year = models.CharField("financial year", max_length=7, validators=[validate_financial_year])
    governance_agreement = models.TextField(blank=True)
    agreement_signed_on = models.DateField(null=True, blank=True)
    risk_share = models.TextField(blank=True)

    class Meta:
        ordering = ["-year", "name"]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.trust_id


class Contribution(AuditedModel):
    """One partner's part of a pooled fund or aligned budget."""

    fund = models.ForeignKey(PooledFund, on_delete=models.CASCADE, related_name="contributions")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="fund_contributions")
    amount = models.DecimalField(**MONEY)
    in_kind = models.BooleanField(default=False, help_text="Staff, premises or services rather than money.")

    class Meta:
        ordering = ["-amount", "organisation__name"]
        constraints = [_not_negative("amount")]

    def __str__(self):
        return f"{self.organisation} to {self.fund}"

    def audit_trust_id(self):
        return self.fund.trust_id


class SpendKind(models.TextChoices):
    COMMISSIONED = "commissioned", "Commissioned service"
    IN_HOUSE = "in_house", "In-house service"
    GRANT = "grant", "Grant"


class Tier(models.TextChoices):
    UNIVERSAL = "universal", "Universal"
    TARGETED = "targeted", "Targeted"
    SPECIALIST = "specialist", "Specialist"


class Purpose(models.TextChoices):
    PREVENTION = "prevention", "Prevention"
    INTERVENTION = "intervention", "Intervention"


class SpendRecord(AuditedModel):
    """Money a partner spent in a year on one service, and where it went."""

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="spend_records")
    year = models.CharField("financial year", max_length=7, validators=[validate_financial_year])
    partner = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="spend_paid")
    provider = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="spend_received")
    kind = models.CharField(max_length=20, choices=SpendKind.choices)
    # What the ledger called it; `service` is the directory entry it is for, where there is one.
    service_name = models.CharField(max_length=300)
    service = models.ForeignKey("providers.DirectoryService", null=True, blank=True, on_delete=models.PROTECT, related_name="spend_records")
    outcome_area = models.ForeignKey("needs.OutcomeArea", null=True, blank=True, on_delete=models.PROTECT, related_name="spend_records")
    priority = models.ForeignKey("assessment.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="spend_records")
    # Kept as it was when spent, so last year's report does not move when a provider changes sector.
    provider_sector = models.CharField(max_length=30, choices=Sector.choices)
    tier = models.CharField(max_length=20, choices=Tier.choices)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    place = models.ForeignKey("places.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(**MONEY)
    budget = models.ForeignKey(Budget, null=True, blank=True, on_delete=models.PROTECT, related_name="spend_records")
    funding_stream = models.ForeignKey(FundingStream, null=True, blank=True, on_delete=models.PROTECT, related_name="spend_records")
    pooled_fund = models.ForeignKey(PooledFund, null=True, blank=True, on_delete=models.PROTECT, related_name="spend_records")
    # Set by the importer: the same row imported twice is stored once.
    row_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "partner__name", "service_name"]
        indexes = [models.Index(fields=["trust", "year"])]
        constraints = [
            _not_negative("amount"),
            models.UniqueConstraint(fields=["trust", "row_hash"], condition=~models.Q(row_hash=""), name="spend_row_imported_once"),
            models.CheckConstraint(
                condition=(
                    models.Q(budget__isnull=True, funding_stream__isnull=True)
                    | models.Q(budget__isnull=True, pooled_fund__isnull=True)
                    | models.Q(funding_stream__isnull=True, pooled_fund__isnull=True)
                ),
                name="spend_funded_from_at_most_one_source",
            ),
        ]

    def __str__(self):
        return f"{self.service_name} ({self.year})"

    def audit_trust_id(self):
        return self.trust_id

    @property
    def funded_from(self):
        return self.budget or self.funding_stream or self.pooled_fund
