"""Bids: made by one organisation (or a consortium it leads), sealed until the closing time."""

from django.conf import settings
from django.db import models

from jointly.audit.models import AppendOnlyError, AuditedModel
from jointly.core.transitions import Move, Transitions

from .opportunities import MONEY, Lot, Opportunity, Question

__all__ = ["Bid", "BidAnswer", "BidOverhead", "BidAttachment", "ConsortiumMember", "SealAttempt"]

PERCENT = {"max_digits": 5, "decimal_places": 2}
# Driver figures (headcount, hours, pounds) can be larger than money per line.
DRIVER = {"max_digits": 16, "decimal_places": 2}


class Bid(AuditedModel):
    """One organisation's bid for one opportunity (and lot, where there are lots).

    Sealed: nothing here is read before the opportunity's closing time, by anyone but the
    bidder's own organisation. The selectors enforce that (`procurement.selectors.bids`,
    `procurement.sealing`), not the views.

    Priced with full cost recovery (`plans.fcr`): direct costs (staff, running and non-cash)
    plus a share of each overhead pool (`BidOverhead`), all over the same period as `price`.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        # Replaced by a later version the bidder submitted before the deadline; kept with its history.
        SUPERSEDED = "superseded", "Replaced by a later version"

    # The services check the deadline, the organisation and completeness on the locked rows
    # (services/bids.py), so the moves carry no permission of their own.
    TRANSITIONS = Transitions(
        Move("submit", [Status.DRAFT], Status.SUBMITTED, "Submit"),
        Move("withdraw", [Status.DRAFT, Status.SUBMITTED], Status.WITHDRAWN, "Withdraw"),
        Move("supersede", [Status.SUBMITTED], Status.SUPERSEDED, "Replace"),
        editable=[Status.DRAFT],
    )

    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="bids")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.PROTECT, related_name="bids")
    # The bidder, or the lead of a consortium.
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="bids")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by")
    price = models.DecimalField("total price, including VAT", null=True, blank=True, **MONEY)
    # Full cost recovery: the direct costs of the service over the same period as the price.
    direct_staff = models.DecimalField("staff costs", null=True, blank=True, **MONEY)
    direct_running = models.DecimalField("running costs", null=True, blank=True, **MONEY)
    direct_non_cash = models.DecimalField("non-cash costs (volunteers' time, donated premises)", null=True, blank=True, **MONEY)
    units = models.DecimalField("number of units", max_digits=12, decimal_places=2, null=True, blank=True)
    unit_name = models.CharField("what a unit is", max_length=100, blank=True)
    # The lead's role in a consortium (its shares are what the members leave).
    lead_role = models.CharField(max_length=300, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    # The receipt's reference, given at submission: the bidder's proof of what was sent and when.
    receipt = models.CharField(max_length=40, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["opportunity", "pk"]
        indexes = [models.Index(fields=["opportunity", "status"], name="bid_opportunity_status")]
        constraints = [
            # One submitted bid and one draft per organisation per lot: a replacement is drafted while
            # the bid it replaces still stands, and supersedes it only when submitted.
            models.UniqueConstraint(
                fields=["opportunity", "lot", "organisation", "status"],
                condition=models.Q(status__in=["draft", "submitted"]) & models.Q(lot__isnull=False),
                name="one_live_bid_per_organisation_and_lot",
            ),
            models.UniqueConstraint(
                fields=["opportunity", "organisation", "status"],
                condition=models.Q(status__in=["draft", "submitted"]) & models.Q(lot__isnull=True),
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

    @property
    def direct_costs(self):
        parts = [self.direct_staff, self.direct_running, self.direct_non_cash]
        return None if all(part is None for part in parts) else sum(part or 0 for part in parts)


class BidAnswer(AuditedModel):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["bid", "question__order", "question_id"]
        constraints = [models.UniqueConstraint(fields=["bid", "question"], name="one_answer_per_bid_question")]

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id


class BidOverhead(AuditedModel):
    """One overhead pool of the bidder (a key of `plans.fcr.POOLS`) and the service's share of its driver."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="overheads")
    pool = models.CharField(max_length=20)
    pool_cost = models.DecimalField(**MONEY)
    driver_total = models.DecimalField(**DRIVER)
    driver_service = models.DecimalField(**DRIVER)

    class Meta:
        ordering = ["bid", "pool"]
        constraints = [models.UniqueConstraint(fields=["bid", "pool"], name="one_bid_overhead_per_pool")]

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id


class BidAttachment(AuditedModel):
    """A file sent with a bid, kept in the database with the bid so the seal and the all-or-nothing hold."""

    # The file's bytes are the bid's content: never copied into the audit trail.
    audit_exclude = ("content",)

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    content = models.BinaryField(default=b"")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["bid", "pk"]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id


class ConsortiumMember(AuditedModel):
    """An organisation bidding with the lead. The lead's shares are what the members leave of 100%."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="consortium_places")
    role = models.CharField(max_length=300)
    work_share = models.DecimalField("share of the work (%)", **PERCENT)
    money_share = models.DecimalField("share of the money (%)", **PERCENT)
    years_experience = models.PositiveSmallIntegerField("years delivering similar services", default=0)

    class Meta:
        ordering = ["bid", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "organisation"], name="one_place_per_member_organisation"),
            models.CheckConstraint(condition=models.Q(work_share__gte=0, work_share__lte=100), name="member_work_share_a_percentage"),
            models.CheckConstraint(condition=models.Q(money_share__gte=0, money_share__lte=100), name="member_money_share_a_percentage"),
        ]

    def __str__(self):
        return f"{self.organisation} in bid {self.bid_id}"

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id


class SealAttemptQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Attempts to read sealed bids cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Attempts to read sealed bids cannot be deleted.")


class SealAttempt(models.Model):
    """Someone other than the bidder tried to read a sealed bid (and was refused). Append-only.

    Not an AuditedModel: it is itself a trail, kept apart from the record trail so that reading
    it never needs a bid's disclosure rule.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    by_label = models.CharField(max_length=300, blank=True)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.DO_NOTHING, db_constraint=False, related_name="seal_attempts")
    bid = models.ForeignKey(Bid, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    # Where the read was tried: "page", "api", "history", "export", "evaluation"…
    channel = models.CharField(max_length=30)
    what = models.CharField(max_length=300)

    objects = SealAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.by_label or 'someone'} tried to read {self.what} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Attempts to read sealed bids cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Attempts to read sealed bids cannot be deleted.")
