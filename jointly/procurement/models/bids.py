"""Bids: made by one organisation (or a consortium it leads), sealed until the closing time."""

from django.conf import settings
from django.db import models

from jointly.audit.models import AuditedModel

from .opportunities import MONEY, Lot, Opportunity, Question

__all__ = ["Bid", "BidAnswer"]


class Bid(AuditedModel):
    """One organisation's bid for one opportunity (and lot, where there are lots).

    Sealed: nothing here is read before the opportunity's closing time, by anyone. The
    selectors enforce that (`procurement.selectors`), not the views.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="bids")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.PROTECT, related_name="bids")
    # The bidder, or the lead of a consortium.
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="bids")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    price = models.DecimalField("total price, including VAT", null=True, blank=True, **MONEY)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["opportunity", "pk"]
        indexes = [models.Index(fields=["opportunity", "status"], name="bid_opportunity_status")]
        constraints = [
            # One live bid per organisation per lot: a replacement supersedes, a withdrawal ends it.
            models.UniqueConstraint(
                fields=["opportunity", "lot", "organisation"],
                condition=~models.Q(status="withdrawn") & models.Q(lot__isnull=False),
                name="one_live_bid_per_organisation_and_lot",
            ),
            models.UniqueConstraint(
                fields=["opportunity", "organisation"],
                condition=~models.Q(status="withdrawn") & models.Q(lot__isnull=True),
                name="one_live_bid_per_organisation",
            ),
        ]

    def __str__(self):
        return f"Bid {self.pk} for {self.opportunity_id}"

    def audit_trust_id(self):
        return self.opportunity.trust_id

    # A declared conflict is an Assignment CONFLICT on the bid; a panel place on the opportunity covers its bids.
    assignable = True

    def assignment_parents(self):
        return [(Opportunity, self.opportunity_id)]


class BidAnswer(AuditedModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["bid", "question__order", "question_id"]
        constraints = [models.UniqueConstraint(fields=["bid", "question"], name="one_answer_per_bid_question")]

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id
