"""Evaluation and award: the panel, its declarations, scores, moderation and the decision.

The panel place itself is an `accounts.Assignment` PANEL_MEMBER on the opportunity (it grants
EVALUATION_TAKE_PART there and on its bids); a declared conflict is an Assignment CONFLICT on the
bid, so the permission layer bars the person from that bid everywhere. The rows here record what
the panel did: who sits in which capacity, what each declared, scored and agreed, and the award.

Kept plain for open data (OCDS awards read `AwardDecision` and `Award`).
"""

from django.conf import settings
from django.db import models

from jointly.audit.models import AuditedModel

from .bids import Bid
from .opportunities import MONEY, Criterion, Lot, Opportunity

__all__ = [
    "PanelMember",
    "Declaration",
    "Score",
    "ModeratedScore",
    "SelectionActivity",
    "AwardDecision",
    "Award",
    "AssessmentSummary",
]


class PanelMember(AuditedModel):
    """One person's place on an opportunity's evaluation panel, and in what capacity."""

    class Capacity(models.TextChoices):
        OFFICER = "officer", "Officer"
        VCS = "vcs", "Voluntary and community sector representative"
        SERVICE_USER = "service_user", "Young person or parent"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="panel")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_places")
    capacity = models.CharField(max_length=20, choices=Capacity.choices)
    is_moderator = models.BooleanField("moderator", default=False)
    # The Assignment PANEL_MEMBER that grants the place; ended with it.
    assignment = models.ForeignKey("accounts.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Set when the person has declared for every bidder: only then may they see any bid.
    declared_at = models.DateTimeField(null=True, blank=True)
    # Set when the person submits their scores: only then may they see the others'.
    scores_submitted_at = models.DateTimeField(null=True, blank=True)
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opportunity", "appointed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "person"], condition=models.Q(ended_at__isnull=True), name="one_live_panel_place_per_person"
            ),
            models.UniqueConstraint(
                fields=["opportunity"], condition=models.Q(ended_at__isnull=True, is_moderator=True), name="one_moderator_per_opportunity"
            ),
        ]

    def __str__(self):
        return f"{self.person} on the panel for {self.opportunity_id}"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class Declaration(AuditedModel):
    """A panel member's declaration, for one bid, of a conflict of interest or none."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="declarations")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="declarations")
    conflicted = models.BooleanField()
    details = models.TextField(blank=True)
    # The Assignment CONFLICT this declaration made on the bid, which the permission layer enforces.
    conflict = models.ForeignKey("accounts.Assignment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["member", "bid"]
        constraints = [models.UniqueConstraint(fields=["member", "bid"], name="one_declaration_per_member_and_bid")]

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id


class Score(AuditedModel):
    """One evaluator's own score of one bid against one criterion, with its reason."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField()
    reason = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bid", "criterion__order", "criterion_id", "member"]
        # Each evaluator has rows of their own: two saving at once never overwrite each other.
        constraints = [models.UniqueConstraint(fields=["member", "bid", "criterion"], name="one_score_per_member_bid_criterion")]

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id


class ModeratedScore(AuditedModel):
    """The panel's consensus score for one bid against one criterion, with the reason agreed."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="moderated_scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="moderated_scores")
    score = models.PositiveSmallIntegerField()
    reason = models.TextField()
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["bid", "criterion__order", "criterion_id"]
        constraints = [models.UniqueConstraint(fields=["bid", "criterion"], name="one_moderated_score_per_bid_criterion")]

    def audit_trust_id(self):
        return self.bid.opportunity.trust_id


class SelectionActivity(AuditedModel):
    """Service users' part in selection: a visit, a presentation or a panel vote, and what came of it."""

    class Kind(models.TextChoices):
        VISIT = "visit", "Visit"
        PRESENTATION = "presentation", "Presentation"
        VOTE = "vote", "Panel vote by young people or parents"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="selection_activities")
    # Blank: about every bid (a vote between them, say).
    bid = models.ForeignKey(Bid, null=True, blank=True, on_delete=models.CASCADE, related_name="selection_activities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField()
    who_took_part = models.CharField(max_length=300)
    outcome = models.TextField()
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opportunity", "held_on", "pk"]
        verbose_name_plural = "selection activities"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class AwardDecision(AuditedModel):
    """The recorded decision to award an opportunity (one winner per lot, in `awards`), then its notice and standstill."""

    opportunity = models.OneToOneField(Opportunity, on_delete=models.PROTECT, related_name="award_decision")
    reasons = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    # Every assessed bidder's summary sent (required before the award notice).
    summaries_sent_at = models.DateTimeField(null=True, blank=True)
    # The contract award notice (UK6) marked published: the standstill starts.
    notice_published_at = models.DateTimeField(null=True, blank=True)
    # Working days of standstill: 8 where it is mandatory; for light-touch, 0 unless a voluntary one is chosen.
    standstill_days = models.PositiveSmallIntegerField(default=8)
    # The last day of the standstill; signing is allowed from the next day.
    standstill_ends_on = models.DateField(null=True, blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["standstill_ends_on", "concluded_at"], name="award_standstill_due")]

    def __str__(self):
        return f"Award decision for {self.opportunity}"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class Award(AuditedModel):
    """The winning bid for the opportunity or one of its lots, handed to contracts once the standstill ends."""

    class Status(models.TextChoices):
        STANDSTILL = "standstill", "Decided: awaiting the end of the standstill"
        READY_FOR_CONTRACT = "ready_for_contract", "Ready for contract"

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="awards")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="award")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="awards")
    value = models.DecimalField("value, including VAT", **MONEY)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.STANDSTILL)
    ready_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decision", "lot__number", "pk"]

    def __str__(self):
        return f"Award to {self.organisation} ({self.decision.opportunity})"

    def audit_trust_id(self):
        return self.decision.opportunity.trust_id


class AssessmentSummary(AuditedModel):
    """What one assessed bidder is told: its scores and reasons, and the winner's, fixed when generated."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="summaries")
    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="assessment_summary")
    # A snapshot ({"bid": {...}, "winner": {...}}): later changes never rewrite what was sent.
    content = models.JSONField()
    generated_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.TextField(blank=True)

    class Meta:
        ordering = ["decision", "bid"]
        verbose_name_plural = "assessment summaries"

    def __str__(self):
        return f"Assessment summary for bid {self.bid_id}"

    def audit_trust_id(self):
        return self.decision.opportunity.trust_id
