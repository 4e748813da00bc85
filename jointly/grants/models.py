"""Grants: a programme from a forward-plan intention, short applications, a panel, decisions and agreements.

Amounts are pounds as Decimal, including VAT where any applies, as in `plans`. A programme's
criteria and questions are published with it and cannot change once it is open.
"""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

MONEY = {"max_digits": 14, "decimal_places": 2}


class GrantProgramme(AuditedModel):
    """A round of grants: the fund, the most one applicant can get, when it opens and closes, how it is judged."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for applications"
        PANEL = "panel", "Closed: the panel is deciding"
        DECIDED = "decided", "Decided"
        CANCELLED = "cancelled", "Cancelled"

    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.OPEN, "Publish", perm=Perm.GRANTS_MANAGE),
        # The clock closes a programme when its closing time passes; nobody chooses to.
        Move("close", [Status.OPEN], Status.PANEL, "Close for applications"),
        Move("finish", [Status.PANEL], Status.DECIDED, "Finish: every application decided", perm=Perm.GRANTS_MANAGE),
        Move("cancel", [Status.DRAFT, Status.OPEN, Status.PANEL], Status.CANCELLED, "Cancel", perm=Perm.GRANTS_MANAGE),
        editable=[Status.DRAFT],
    )

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="grant_programmes")
    intention = models.ForeignKey("plans.CommissioningIntention", on_delete=models.PROTECT, related_name="grant_programmes")
    title = models.CharField(max_length=300)
    description = models.TextField("what the programme funds")
    eligibility = models.TextField("who can apply")
    conditions = models.TextField("conditions of grant", help_text="Written into every grant agreement, in plain English.")
    fund_size = models.DecimalField("total fund", **MONEY)
    max_award = models.DecimalField("largest award", **MONEY)
    # Scores run from 0 to this; what each point means is published with the criteria.
    scale_max = models.PositiveSmallIntegerField("top of the scoring scale", default=4)
    opens_at = models.DateTimeField("opens")
    closes_at = models.DateTimeField("closes")
    # The funder's org-id.guide identifier, such as GB-LAE-PLY for Plymouth City Council.
    funder_org_id = models.CharField("funder's organisation identifier", max_length=60)
    funder_name = models.CharField("funder's name", max_length=300)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Panel places (PANEL_MEMBER assignments) are held on the programme.
    assignable = True

    class Meta:
        ordering = ["-opens_at", "-pk"]
        indexes = [models.Index(fields=["status", "closes_at"], name="grant_programme_status_closes")]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_award__gt=0), name="grant_max_award_positive"),
            models.CheckConstraint(condition=models.Q(max_award__lte=models.F("fund_size")), name="grant_max_award_within_fund"),
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="grant_closes_after_opening"),
            models.CheckConstraint(condition=models.Q(scale_max__gte=1), name="grant_scale_at_least_one"),
        ]

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.trust_id

    @property
    def public_record(self) -> bool:
        # Published programmes are open to everyone, with or without an account.
        return self.status != self.Status.DRAFT


class GrantCriterion(AuditedModel):
    """What applications are judged on, published with the programme."""

    programme = models.ForeignKey(GrantProgramme, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name_plural = "grant criteria"

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.programme.trust_id


class GrantQuestion(AuditedModel):
    """One of the few short questions an applicant answers."""

    programme = models.ForeignKey(GrantProgramme, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=500)
    guidance = models.TextField(blank=True)
    word_limit = models.PositiveIntegerField(default=250)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def audit_trust_id(self):
        return self.programme.trust_id


class GrantApplication(AuditedModel):
    """One organisation's application to one programme: kept as a draft until sent, decided with feedback."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Sent"
        WITHDRAWN = "withdrawn", "Withdrawn"
        AWARDED = "awarded", "Awarded"
        DECLINED = "declined", "Not funded"

    TRANSITIONS = Transitions(
        Move("submit", [Status.DRAFT], Status.SUBMITTED, "Send the application", perm=Perm.GRANT_APPLY),
        Move("withdraw", [Status.DRAFT, Status.SUBMITTED], Status.WITHDRAWN, "Withdraw", perm=Perm.GRANT_APPLY),
        Move("award", [Status.SUBMITTED], Status.AWARDED, "Award a grant", perm=Perm.GRANTS_MANAGE),
        Move("decline", [Status.SUBMITTED], Status.DECLINED, "Do not fund", perm=Perm.GRANTS_MANAGE),
        # A sent application can still be changed until the closing time (the services check the time).
        editable=[Status.DRAFT, Status.SUBMITTED],
    )
    DECIDED = (Status.AWARDED, Status.DECLINED)

    programme = models.ForeignKey(GrantProgramme, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="grant_applications")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    project_title = models.CharField("project name", max_length=200)
    summary = models.TextField("what the money is for", blank=True)
    amount_requested = models.DecimalField("amount asked for", null=True, blank=True, **MONEY)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The decision, with the written feedback every applicant gets, funded or not.
    amount_awarded = models.DecimalField(null=True, blank=True, **MONEY)
    feedback = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The conditions of grant as they stood at the award: the agreement does not change if the programme's text does.
    agreement_conditions = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["programme", "pk"]
        indexes = [models.Index(fields=["programme", "status"], name="grant_application_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=~models.Q(status="withdrawn"),
                name="one_live_grant_application_per_organisation",
            ),
            models.CheckConstraint(condition=models.Q(amount_awarded__isnull=True) | models.Q(amount_awarded__gt=0), name="grant_award_positive"),
        ]

    def __str__(self):
        return self.project_title

    def audit_trust_id(self):
        return self.programme.trust_id

    def assignment_parents(self):
        # A panel place on the programme covers its applications; a conflict is declared on the application.
        return [(GrantProgramme, self.programme_id)]


class GrantAnswer(AuditedModel):
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(GrantQuestion, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["application", "question__order", "question_id"]
        constraints = [models.UniqueConstraint(fields=["application", "question"], name="one_answer_per_grant_question")]

    def audit_trust_id(self):
        return self.application.programme.trust_id


class PanelDeclaration(AuditedModel):
    """A panel member's answer, for one applicant, to "do you have a conflict of interest?", before seeing any application.

    A conflict also places a CONFLICT assignment on the application, which bars the member from it.
    """

    programme = models.ForeignKey(GrantProgramme, on_delete=models.CASCADE, related_name="declarations")
    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="declarations")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    conflict = models.BooleanField()
    note = models.TextField(blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme", "person", "application"]
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="one_declaration_per_application_person")]

    def audit_trust_id(self):
        return self.programme.trust_id


class PanelScore(AuditedModel):
    """One panel member's score for one application, with the reason for it."""

    application = models.ForeignKey(GrantApplication, on_delete=models.CASCADE, related_name="scores")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "person"]
        constraints = [models.UniqueConstraint(fields=["application", "person"], name="one_score_per_application_person")]

    def audit_trust_id(self):
        return self.application.programme.trust_id
