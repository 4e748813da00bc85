"""One monitoring return: a standard return defined once, adopted by the partners who buy, completed
by a provider once per period for every running contract it holds with them, reviewed by each trust.

ReturnTemplate (trust or region) ─► TemplateVersion (fixed once published) ─► TemplateQuestion
        └─► Adoption (one per buyer organisation): a contract whose buyer adopted it is covered
MonitoringReturn (provider, template, period) ─► ReturnPart (one per contract: the trust's RAG and comment)
        ├─► ReturnLine (a measure's value, or a narrative question's answer, as typed)
        └─► CommissionerRating (the provider's rating of each trust: the 360-degree part)
"""

from django.conf import settings
from django.db import models

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", "Every quarter"
    HALF_YEARLY = "half_yearly", "Every half year"
    YEARLY = "yearly", "Every year"


class Rag(models.TextChoices):
    RED = "red", "Red: not on track"
    AMBER = "amber", "Amber: some concerns"
    GREEN = "green", "Green: on track"


class ReturnTemplate(AuditedModel):
    """The standard return of one trust, or of a whole region (then its trusts' partners adopt it)."""

    trust = models.ForeignKey("partnerships.Trust", null=True, blank=True, on_delete=models.PROTECT, related_name="return_templates")
    region = models.ForeignKey("partnerships.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="return_templates")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trust__isnull=False, region__isnull=True) | models.Q(trust__isnull=True, region__isnull=False),
                name="return_template_of_a_trust_or_a_region",
            )
        ]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.trust_id

    @property
    def scope_name(self) -> str:
        return str(self.trust or self.region)


class TemplateVersion(AuditedModel):
    """One version of a template's questions. A published version is fixed: a change makes the next version."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Replaced by a later version"

    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.PUBLISHED, "Publish", perm=Perm.CONTRACTS_MANAGE),
        Move("supersede", [Status.PUBLISHED], Status.SUPERSEDED, "Replace by the next version"),
        editable=[Status.DRAFT],
    )

    template = models.ForeignKey(ReturnTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["template", "-number"]
        constraints = [models.UniqueConstraint(fields=["template", "number"], name="one_template_version_number")]

    def __str__(self):
        return f"{self.template} (version {self.number})"

    def audit_trust_id(self):
        return self.template.trust_id


class TemplateQuestion(AuditedModel):
    """A question asked once for the whole return (the measures come from each contract)."""

    class Section(models.TextChoices):
        NARRATIVE = "narrative", "About the period"
        CASE_STUDY = "case_study", "Case studies"
        FEEDBACK = "feedback", "What children, young people and families told you"

    version = models.ForeignKey(TemplateVersion, on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(max_length=20, choices=Section.choices, default=Section.NARRATIVE)
    text = models.CharField(max_length=500)
    guidance = models.TextField(blank=True)
    required = models.BooleanField(default=True)
    # A case study happened on a day, which must fall in the period reported on.
    asks_date = models.BooleanField("asks when it happened", default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def audit_trust_id(self):
        return self.version.template.trust_id


class Adoption(AuditedModel):
    """A buying partner (Contract.buyer) uses the template for its contracts' monitoring."""

    template = models.ForeignKey(ReturnTemplate, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="return_adoptions")
    adopted_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["template", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["template", "organisation"], name="one_adoption_per_buyer_and_template")]

    def __str__(self):
        return f"{self.organisation} uses {self.template}"

    def audit_trust_id(self):
        return self.template.trust_id


class MonitoringReturn(AuditedModel):
    """One provider's return for one period, covering every running contract with the adopting partners."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        ACCEPTED = "accepted", "Accepted"
        CHANGES_REQUESTED = "changes_requested", "Sent back for changes"

    # Submitting checks every line (services.returns.submit_problems); accepting needs every contract's RAG.
    TRANSITIONS = Transitions(
        Move("submit", [Status.DRAFT, Status.CHANGES_REQUESTED], Status.SUBMITTED, "Submit", perm=Perm.RETURN_SUBMIT),
        Move("accept", [Status.SUBMITTED], Status.ACCEPTED, "Accept", perm=Perm.RETURNS_REVIEW),
        Move("send_back", [Status.SUBMITTED], Status.CHANGES_REQUESTED, "Send back for changes", perm=Perm.RETURNS_REVIEW),
        editable=[Status.DRAFT, Status.CHANGES_REQUESTED],
    )

    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="monitoring_returns")
    template = models.ForeignKey(ReturnTemplate, on_delete=models.PROTECT, related_name="returns")
    # The version in force when the return was opened: its questions are the ones answered.
    template_version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="returns")
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    period_starts_on = models.DateField()
    period_ends_on = models.DateField()
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Submitted after the due date: kept, so a late return stays late after it is accepted.
    late = models.BooleanField(default=False)
    changes_requested = models.TextField("what to change", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "monitoring return"
        ordering = ["-period_starts_on", "organisation__name", "pk"]
        indexes = [
            # The reminders' and the overdue list's query: returns not yet submitted, by due date.
            models.Index(fields=["status", "due_on"], name="return_status_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "template", "period_starts_on"], name="one_return_per_provider_template_period"),
            models.CheckConstraint(condition=models.Q(period_ends_on__gte=models.F("period_starts_on")), name="return_period_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.period_label}"

    def audit_trust_id(self):
        return self.template.trust_id

    @property
    def period_label(self) -> str:
        return f"{self.period_starts_on:%-d %B %Y} to {self.period_ends_on:%-d %B %Y}"

    @property
    def is_submitted(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED)

    def is_overdue(self, today) -> bool:
        return not self.is_submitted and today > self.due_on


class ReturnPart(AuditedModel):
    """One contract's part of a return, with its trust's review: a RAG rating and comments."""

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="parts")
    contract = models.ForeignKey("contracts.Contract", on_delete=models.PROTECT, related_name="return_parts")
    rag = models.CharField("RAG rating", max_length=10, choices=Rag.choices, blank=True)
    comment = models.TextField("comments", blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring_return", "contract__reference"]
        constraints = [models.UniqueConstraint(fields=["monitoring_return", "contract"], name="one_part_per_contract_per_return")]

    def __str__(self):
        return f"{self.contract} in {self.monitoring_return}"

    def audit_trust_id(self):
        return self.contract.trust_id


class ReturnLine(AuditedModel):
    """One answer: a contract measure's value (in its part), or a question asked once for the return.

    What the provider typed is kept as typed (`entry`, `date_entry`), so a draft is never lost; the
    number and the date are read from it when the return is submitted.
    """

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="lines")
    part = models.ForeignKey(ReturnPart, null=True, blank=True, on_delete=models.CASCADE, related_name="lines")
    measure = models.ForeignKey("contracts.ContractMeasure", null=True, blank=True, on_delete=models.PROTECT, related_name="return_lines")
    question = models.ForeignKey(TemplateQuestion, null=True, blank=True, on_delete=models.PROTECT, related_name="lines")
    entry = models.TextField(blank=True)
    date_entry = models.CharField(max_length=40, blank=True)  # "day/month/year" as typed
    note = models.TextField(blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    on_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["monitoring_return", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(measure__isnull=False, question__isnull=True, part__isnull=False)
                | models.Q(measure__isnull=True, question__isnull=False, part__isnull=True),
                name="return_line_is_a_measure_or_a_question",
            ),
            models.UniqueConstraint(fields=["monitoring_return", "measure"], condition=models.Q(measure__isnull=False), name="one_line_per_measure"),
            models.UniqueConstraint(
                fields=["monitoring_return", "question"], condition=models.Q(question__isnull=False), name="one_line_per_question"
            ),
        ]

    def __str__(self):
        return f"Line {self.pk} of {self.monitoring_return_id}"

    def audit_trust_id(self):
        return self.monitoring_return.template.trust_id

    @property
    def field_name(self) -> str:
        return f"measure_{self.measure_id}" if self.measure_id else f"question_{self.question_id}"


class CommissionerRating(AuditedModel):
    """The provider's rating of one trust as a commissioner, once per return (360-degree monitoring)."""

    ASPECTS = (
        ("clarity", "Clarity of requirements"),
        ("payment", "Timeliness of payment"),
        ("partnership", "Partnership working"),
    )

    monitoring_return = models.ForeignKey(MonitoringReturn, on_delete=models.CASCADE, related_name="ratings")
    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="commissioner_ratings")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="commissioner_ratings")
    clarity = models.PositiveSmallIntegerField()
    payment = models.PositiveSmallIntegerField()
    partnership = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["monitoring_return", "trust"], name="one_rating_per_return_and_trust"),
            *[
                models.CheckConstraint(condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"commissioner_rating_{name}_one_to_five")
                for name in ("clarity", "payment", "partnership")
            ],
        ]

    def __str__(self):
        return f"Rating of {self.trust} for return {self.monitoring_return_id}"

    def audit_trust_id(self):
        return self.trust_id
