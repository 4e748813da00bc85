"""An opportunity: what is being bought or funded, by which route, judged how, closing when."""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

MONEY = {"max_digits": 14, "decimal_places": 2}

__all__ = [
    "MONEY",
    "RouteKind",
    "GRANT_ROUTES",
    "Opportunity",
    "Lot",
    "Criterion",
    "Question",
    "RouteRule",
    "LocalPolicy",
    "Outcome",
    "ScaleDescriptor",
    "ConflictsAssessment",
    "SocialValueConsideration",
    "Clarification",
]


def default_passport_requirements() -> list[str]:
    from jointly.passport.selectors import STANDARD

    return list(STANDARD)


class RouteKind(models.TextChoices):
    """The routes an opportunity can take. What each allows and when is dated data (see `routes`)."""

    QUOTATION = "quotation", "Quotation"
    BELOW_THRESHOLD_OPEN = "below_threshold_open", "Below-threshold open competition"
    OPEN = "open", "Open procedure"
    COMPETITIVE_FLEXIBLE = "competitive_flexible", "Competitive flexible procedure"
    LIGHT_TOUCH = "light_touch", "Light-touch competitive procedure"
    DIRECT_AWARD = "direct_award", "Direct award (with recorded justification)"
    PSR_DIRECT_A = "psr_direct_a", "Provider Selection Regime: direct award process A"
    PSR_DIRECT_B = "psr_direct_b", "Provider Selection Regime: direct award process B"
    PSR_DIRECT_C = "psr_direct_c", "Provider Selection Regime: direct award process C"
    PSR_MOST_SUITABLE = "psr_most_suitable", "Provider Selection Regime: most suitable provider process"
    PSR_COMPETITIVE = "psr_competitive", "Provider Selection Regime: competitive process"
    # Advised here, run by the grants app as a grant programme, never as an opportunity.
    SMALL_GRANT = "small_grant", "Small grant (simplified application)"
    GRANT_ROUND = "grant_round", "Grant round"


GRANT_ROUTES = frozenset({RouteKind.SMALL_GRANT, RouteKind.GRANT_ROUND})


class Opportunity(AuditedModel):
    """One procurement, from its draft to its award: the golden thread runs priority → intention → here."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for bids"
        EVALUATION = "evaluation", "Closed: being evaluated"
        STANDSTILL = "standstill", "Award decided: standstill"
        AWARDED = "awarded", "Awarded"
        CANCELLED = "cancelled", "Cancelled"

    # The gates of publication, closing and award are guards the services pass as `check=`,
    # so they stay beside the rules they enforce. The clock makes the moves with no permission.
    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.OPEN, "Publish", perm=Perm.PROCUREMENT_MANAGE),
        Move("close", [Status.OPEN], Status.EVALUATION, "Close for bids"),
        Move("decide_award", [Status.EVALUATION], Status.STANDSTILL, "Record the award decision", perm=Perm.AWARD_DECIDE),
        Move("conclude", [Status.STANDSTILL], Status.AWARDED, "End the standstill and award"),
        Move(
            "cancel",
            [Status.DRAFT, Status.OPEN, Status.EVALUATION, Status.STANDSTILL],
            Status.CANCELLED,
            "Cancel",
            perm=Perm.PROCUREMENT_MANAGE,
        ),
        editable=[Status.DRAFT],
    )

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="opportunities")
    intention = models.ForeignKey("plans.CommissioningIntention", on_delete=models.PROTECT, related_name="opportunities")
    # One Open Contracting id from planning to contract: set once at creation, never changed.
    ocid = models.CharField("OCDS id", max_length=100, unique=True, editable=False)
    reference = models.CharField(max_length=50, blank=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    # Outcome-based: what must change for children and families, not the activities to deliver.
    specification = models.TextField("specification: the outcomes sought and the context", blank=True)
    route = models.CharField(max_length=30, choices=RouteKind.choices)
    route_justification = models.TextField("why this route (required for a direct award)", blank=True)
    light_touch = models.BooleanField("a light-touch service", default=True)
    health_care = models.BooleanField("a health care service (Provider Selection Regime)", default=False)
    pre_qualification = models.BooleanField("has a pre-qualification (supplier suitability) stage", default=False)
    # Local policies, switched off or changed for this opportunity only with a logged reason.
    social_value_minimum_applies = models.BooleanField("the minimum social value weighting applies", default=True)
    social_value_minimum_reason = models.TextField(blank=True)
    response_days_override = models.PositiveSmallIntegerField("minimum response days for this opportunity", null=True, blank=True)
    response_days_reason = models.TextField(blank=True)
    # What the supplier passport must hold for a bid (passport requirement keys): asked once, in the
    # passport, never again in the bid. Bidders are told only what theirs lacks by the closing date.
    passport_requirements = models.JSONField(default=default_passport_requirements, blank=True)
    estimated_value = models.DecimalField("estimated total value, including VAT", **MONEY)
    budget = models.DecimalField("budget, including VAT", null=True, blank=True, **MONEY)
    budget_published = models.BooleanField("publish the budget", default=False)
    # Scores run from 0 to this; what each point means is published with the criteria.
    scale_max = models.PositiveSmallIntegerField("top of the scoring scale", default=4)
    closes_at = models.DateTimeField("closing time", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["trust", "status"], name="opportunity_trust_status"),
            # The clock's query: open opportunities whose closing time has passed.
            models.Index(fields=["status", "closes_at"], name="opportunity_status_closes"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(estimated_value__gte=0), name="opportunity_value_not_negative"),
            models.CheckConstraint(condition=models.Q(scale_max__gte=1), name="opportunity_scale_at_least_one"),
        ]

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.trust_id

    # Its evaluation panel places are Assignments PANEL_MEMBER on it (p3-evaluation).
    assignable = True


class Lot(AuditedModel):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    value = models.DecimalField("estimated value, including VAT", null=True, blank=True, **MONEY)
    suitable_for_sme = models.BooleanField("suitable for small and medium-sized enterprises", default=False)
    suitable_for_vcse = models.BooleanField("suitable for voluntary, community and social enterprise organisations", default=False)

    class Meta:
        ordering = ["opportunity", "number"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "number"], name="one_lot_number_per_opportunity")]

    def __str__(self):
        return f"Lot {self.number}: {self.title}"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class Criterion(AuditedModel):
    """What bids are judged on, with its weight, published with the opportunity."""

    class Kind(models.TextChoices):
        QUALITY = "quality", "Quality"
        PRICE = "price", "Price"
        SOCIAL_VALUE = "social_value", "Social value"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="criteria")
    # Blank: the criterion applies to every lot.
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.QUALITY)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    weight = models.PositiveSmallIntegerField(help_text="Percentage of the total score.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["opportunity", "order", "pk"]
        verbose_name_plural = "criteria"
        constraints = [models.CheckConstraint(condition=models.Q(weight__lte=100), name="criterion_weight_at_most_100")]

    def __str__(self):
        return f"{self.title} ({self.weight}%)"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class Question(AuditedModel):
    """A question bidders answer, published with the opportunity; the criterion it is scored against."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="questions")
    criterion = models.ForeignKey(Criterion, null=True, blank=True, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    guidance = models.TextField(blank=True)
    word_limit = models.PositiveIntegerField(null=True, blank=True)
    required = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["opportunity", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def audit_trust_id(self):
        return self.opportunity.trust_id


class RouteRule(AuditedModel):
    """What a route allows and asks, from a date: the law's numbers as data, never as literals in code.

    A route applies to a value from `lower` to below `upper` (either a threshold kind in force on the
    day, or none), up to `max_value` where one is set, and to the kind of service given.
    """

    class Bound(models.TextChoices):
        NONE = "none", "No bound"
        PUBLICATION = "publication", "The below-threshold publication threshold"
        PROCUREMENT = "procurement", "The procurement threshold for the kind of service"

    route = models.CharField(max_length=30, choices=RouteKind.choices)
    effective_from = models.DateField()
    order = models.PositiveSmallIntegerField(default=0, help_text="Simplest first.")
    lower = models.CharField("applies from", max_length=20, choices=Bound.choices, default=Bound.NONE)
    upper = models.CharField("applies below", max_length=20, choices=Bound.choices, default=Bound.NONE)
    max_value = models.DecimalField("applies up to (including VAT)", null=True, blank=True, **MONEY)
    # None: either; True: only those; False: never those.
    light_touch = models.BooleanField(null=True, blank=True)
    health_care = models.BooleanField(null=True, blank=True)
    min_response_days = models.PositiveSmallIntegerField("legal minimum response days (0: none)", default=0)
    pre_qualification_allowed = models.BooleanField(default=False)
    standstill_applies = models.BooleanField(default=False)
    standstill_working_days = models.PositiveSmallIntegerField(default=0)
    transparency_notice_first = models.BooleanField(default=False)
    justification_required = models.BooleanField(default=False)
    run_as_grant = models.BooleanField("run by the grants app as a grant programme", default=False)
    summary = models.TextField("what it is, in plain words")
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["order", "route", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["route", "effective_from"], name="one_route_rule_per_route_date")]

    def __str__(self):
        return f"{self.get_route_display()} from {self.effective_from:%-d %B %Y}"

    def audit_trust_id(self):
        return None


class LocalPolicy(AuditedModel):
    """A trust's own, stricter rules for its opportunities; each change logged with its reason."""

    trust = models.OneToOneField("partnerships.Trust", on_delete=models.CASCADE, related_name="procurement_policy")
    min_response_days = models.PositiveSmallIntegerField("minimum response days", default=40)
    social_value_minimum = models.PositiveSmallIntegerField("minimum social value weighting, per cent", default=10)
    reason = models.TextField("why the policy is as it is", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "local policies"

    def __str__(self):
        return f"Procurement policy: {self.trust}"

    def audit_trust_id(self):
        return self.trust_id


class Outcome(AuditedModel):
    """An outcome the service must achieve, and how it will be measured."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="outcomes")
    text = models.TextField("outcome to achieve")
    measure = models.TextField("how it will be measured")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["opportunity", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def audit_trust_id(self):
        return self.opportunity.trust_id


class ScaleDescriptor(AuditedModel):
    """What one point of the scoring scale means, published with the criteria."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="scale")
    score = models.PositiveSmallIntegerField()
    meaning = models.TextField()

    class Meta:
        ordering = ["opportunity", "score"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "score"], name="one_meaning_per_score")]

    def __str__(self):
        return f"{self.score}: {self.meaning[:60]}"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class ConflictsAssessment(AuditedModel):
    """The procurement's conflicts assessment, recorded before publication and again whenever it changes.

    The latest one is the assessment in force; the earlier ones are its history.
    """

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="conflicts_assessments")
    declarations = models.TextField("who declared what")
    actions = models.TextField("what was done about each")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opportunity", "-assessed_at", "-pk"]

    def __str__(self):
        return f"Conflicts assessment of {self.assessed_at:%-d %B %Y}"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class SocialValueConsideration(AuditedModel):
    """The Public Services (Social Value) Act 2012 consideration, before the tender notice."""

    opportunity = models.OneToOneField(Opportunity, on_delete=models.CASCADE, related_name="social_value")
    improvements = models.TextField("how the service could improve the area's economic, social and environmental well-being")
    consulted = models.BooleanField("the trust consulted on it", default=False)
    consultation = models.TextField("who was consulted, or why not", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Social value consideration: {self.opportunity}"

    def audit_trust_id(self):
        return self.opportunity.trust_id


class Clarification(AuditedModel):
    """A bidder's question and the trust's answer to everyone. The asker is never shown publicly."""

    class Status(models.TextChoices):
        ASKED = "asked", "Waiting for an answer"
        ANSWERED = "answered", "Answered"

    TRANSITIONS = Transitions(
        Move("answer", [Status.ASKED], Status.ANSWERED, "Answer", perm=Perm.PROCUREMENT_MANAGE),
        editable=[Status.ASKED, Status.ANSWERED],
    )

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="clarifications")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question = models.TextField("question as asked")
    # The wording published: the commissioner may take out anything that names the asker.
    published_question = models.TextField("question as published", blank=True)
    answer = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ASKED)
    asked_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["opportunity", "asked_at", "pk"]
        indexes = [models.Index(fields=["opportunity", "status"], name="clarification_opp_status")]

    def __str__(self):
        return (self.published_question or "Clarification question")[:80]

    def audit_trust_id(self):
        return self.opportunity.trust_id
