"""A contract's terms beyond its value and dates: who funds it, who bears each risk, what insurance it asks."""

from django.db import models

from jointly.audit.models import AuditedModel

from .contracts import MONEY, PERCENT, Contract

__all__ = ["FundingShare", "ContractRisk", "ContractInsurance"]


class FundingShare(AuditedModel):
    """One partner's budget paying a share of the contract (an aligned arrangement, or beside a pooled fund)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="funding_shares")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="+")
    budget = models.CharField("the partner's budget", max_length=200, blank=True)
    share = models.DecimalField("share of the cost (%)", **PERCENT)

    class Meta:
        ordering = ["contract", "-share", "pk"]
        constraints = [models.UniqueConstraint(fields=["contract", "organisation"], name="one_funding_share_per_partner")]

    def __str__(self):
        return f"{self.organisation}: {self.share}%"

    def audit_trust_id(self):
        return self.contract.trust_id


class ContractRisk(AuditedModel):
    """One risk of the contract and who bears it, so risk is not pushed by default onto the smallest partner."""

    class Bearer(models.TextChoices):
        BUYER = "buyer", "The commissioner"
        PROVIDER = "provider", "The provider"
        SHARED = "shared", "Shared"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="risks")
    risk = models.CharField(max_length=300)
    bearer = models.CharField("who bears it", max_length=10, choices=Bearer.choices)
    # For a shared risk: the provider's part.
    provider_share = models.DecimalField("the provider's share (%)", null=True, blank=True, **PERCENT)
    mitigation = models.TextField(blank=True)
    clawback = models.TextField("clawback: when money is paid back, and how much", blank=True)

    class Meta:
        ordering = ["contract", "pk"]

    def __str__(self):
        return self.risk

    def audit_trust_id(self):
        return self.contract.trust_id


class ContractInsurance(AuditedModel):
    """Cover the provider must hold, proportionate to the service (config.insurance_defaults by value)."""

    class Kind(models.TextChoices):
        PUBLIC_LIABILITY = "public_liability", "Public liability"
        EMPLOYERS_LIABILITY = "employers_liability", "Employers' liability"
        PROFESSIONAL_INDEMNITY = "professional_indemnity", "Professional indemnity"
        ABUSE = "abuse", "Abuse cover"
        MOTOR = "motor", "Motor (business use)"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="insurance")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    cover = models.DecimalField("cover for each claim", **MONEY)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["contract", "kind"]
        constraints = [models.UniqueConstraint(fields=["contract", "kind"], name="one_cover_of_each_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: £{self.cover:,.0f}"

    def audit_trust_id(self):
        return self.contract.trust_id
