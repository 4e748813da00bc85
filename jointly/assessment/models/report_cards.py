"""Report cards, in the Results Based Accountability way (as Portsmouth's).

A population report card is about an outcome or a priority for all the
trust's children: headline indicators and their trend, the story behind the
curve, partners with a role, what works, and an action plan. A service report
card adds performance measures in three kinds: how much did we do, how well
did we do it, is anyone better off.
"""

from django.db import models
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions


class ReportCard(AuditedModel):
    class Kind(models.TextChoices):
        POPULATION = "population", "Population (an outcome or priority)"
        SERVICE = "service", "Service"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="report_cards")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.POPULATION)
    title = models.CharField(max_length=300)
    priority = models.ForeignKey("assessment.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="report_cards")
    outcome_area = models.ForeignKey("needs.OutcomeArea", null=True, blank=True, on_delete=models.PROTECT, related_name="report_cards")
    service_name = models.CharField(max_length=300, blank=True)
    headline_indicators = models.ManyToManyField("needs.IndicatorDefinition", blank=True, related_name="report_cards")
    story_behind_the_curve = models.TextField(blank=True)
    what_works = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["trust__name", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:report-card-detail", args=[self.pk])

    def audit_trust_id(self):
        return self.trust_id


class ReportCardPartner(AuditedModel):
    report_card = models.ForeignKey(ReportCard, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=300)

    class Meta:
        ordering = ["report_card_id", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["report_card", "organisation"], name="one_role_per_partner")]

    def audit_trust_id(self):
        return self.report_card.trust_id


class ReportCardAction(AuditedModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    report_card = models.ForeignKey(ReportCard, on_delete=models.CASCADE, related_name="actions")
    action = models.CharField(max_length=500)
    owner = models.CharField(max_length=200, help_text="The person or team responsible.")
    owner_organisation = models.ForeignKey("partnerships.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)

    # An action moves forward only: once done or dropped it stays so.
    TRANSITIONS = Transitions(
        Move("start", [Status.NOT_STARTED], Status.IN_PROGRESS, "Start", perm=Perm.ASSESSMENT_MANAGE),
        Move("complete", [Status.NOT_STARTED, Status.IN_PROGRESS], Status.DONE, "Complete", perm=Perm.ASSESSMENT_MANAGE),
        Move("drop", [Status.NOT_STARTED, Status.IN_PROGRESS], Status.DROPPED, "Drop", perm=Perm.ASSESSMENT_MANAGE),
        editable=[Status.NOT_STARTED, Status.IN_PROGRESS],
    )

    class Meta:
        ordering = ["report_card_id", "due_on", "id"]

    def __str__(self):
        return self.action

    def audit_trust_id(self):
        return self.report_card.trust_id


class MeasureCategory(models.TextChoices):
    HOW_MUCH = "how_much", "How much did we do?"
    HOW_WELL = "how_well", "How well did we do it?"
    BETTER_OFF = "better_off", "Is anyone better off?"


MEASURE_ORDER = {MeasureCategory.HOW_MUCH: 0, MeasureCategory.HOW_WELL: 1, MeasureCategory.BETTER_OFF: 2}


class PerformanceMeasure(AuditedModel):
    report_card = models.ForeignKey(ReportCard, on_delete=models.CASCADE, related_name="measures")
    category = models.CharField(max_length=20, choices=MeasureCategory.choices)
    name = models.CharField(max_length=300)
    value = models.FloatField()
    unit = models.CharField(max_length=50, blank=True)
    period = models.CharField(max_length=40)

    class Meta:
        ordering = ["report_card_id", "name", "-period"]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.report_card.trust_id
