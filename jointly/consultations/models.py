"""Consultations: asking children, young people, families, the VCS and staff.

A consultation belongs to one trust. Its questions are fixed once it opens, so
every response answers the same questions. Responses are anonymous by design:
nothing here can hold a name, an email address, a date of birth or a network
address (see `Response`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions


class Audience(models.TextChoices):
    CHILDREN_YOUNG_PEOPLE = "children_young_people", "Children and young people"
    PARENTS_CARERS = "parents_carers", "Parents and carers"
    VCS = "vcs", "Voluntary and community sector"
    STAFF = "staff", "Staff"


# How the public form asks "who are you answering as?", in plain words.
AUDIENCE_PLAIN = {
    Audience.CHILDREN_YOUNG_PEOPLE: "A child or young person",
    Audience.PARENTS_CARERS: "A parent or carer",
    Audience.VCS: "Someone from a charity or community group",
    Audience.STAFF: "Someone who works with children and young people",
}


class AgeBand(models.TextChoices):
    # An age band, never a date of birth: enough to plan services, too coarse to identify anyone.
    UNDER_11 = "under_11", "Under 11"
    AGE_11_15 = "11_15", "11 to 15"
    AGE_16_18 = "16_18", "16 to 18"
    AGE_19_25 = "19_25", "19 to 25"
    ADULT = "adult", "26 or older"
    NOT_SAID = "not_said", "I'd rather not say"


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    WORKSHOP = "workshop", "Workshop"
    PAPER = "paper", "Paper form"


class Consultation(AuditedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        # Said in messages as "This consultation is reported back, so ...".
        REPORTED = "reported", "Reported back"

    trust = models.ForeignKey("partnerships.Trust", on_delete=models.PROTECT, related_name="consultations")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    purpose = models.TextField(help_text="Why you are asking, in plain words a 9-year-old could read.")
    audiences = models.JSONField(default=list, blank=True)  # clean() says what is wrong when empty
    opens_on = models.DateField()
    closes_on = models.DateField()
    report_due_on = models.DateField(help_text="When you will publish 'you said, we did'.")
    retention_until = models.DateField(help_text="Responses are deleted after this date.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    # What the consultation is about, in the needs framework's words: shared outcome areas or the trust's own.
    outcome_areas = models.ManyToManyField("needs.OutcomeArea", blank=True, related_name="consultations")
    # Themes that are not outcome areas (kept from the free tags consultations had before they named outcome areas).
    other_themes = models.TextField(blank=True)
    safeguarding_contact = models.TextField(blank=True, help_text="Local help to add to the safeguarding notice, as well as Childline.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    reported_on = models.DateField(null=True, blank=True)
    responses_erased_on = models.DateField(null=True, blank=True)

    # Questions and details are fixed once people can answer, so every response answers the same questions.
    TRANSITIONS = Transitions(
        Move("open", [Status.DRAFT], Status.OPEN, "Open", perm=Perm.CONSULTATION_MANAGE),
        Move("close", [Status.OPEN], Status.CLOSED, "Close", perm=Perm.CONSULTATION_MANAGE),
        Move("report", [Status.CLOSED], Status.REPORTED, "Report back on", perm=Perm.CONSULTATION_MANAGE),
        editable=[Status.DRAFT],
    )

    class Meta:
        ordering = ["-opens_on", "title"]
        # Serve the closing and erasure jobs' queries, so each reads only the consultations due.
        indexes = [
            models.Index(fields=["status", "closes_on"], name="consultation_closing_due"),
            models.Index(fields=["retention_until"], condition=models.Q(responses_erased_on__isnull=True), name="consultation_erasure_due"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultations:detail", args=[self.slug])

    def get_public_url(self):
        return reverse("consultations:respond", args=[self.slug])

    def audit_trust_id(self):
        return self.trust_id

    def clean(self):
        errors = {}
        unknown = [value for value in self.audiences if value not in Audience.values]
        if not self.audiences:
            errors["audiences"] = "Select who the consultation is for"
        elif unknown:
            errors["audiences"] = "Select who the consultation is for from the list"
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = "The closing date must be on or after the opening date"
        if self.closes_on and self.report_due_on and self.report_due_on < self.closes_on:
            errors["report_due_on"] = "The date for 'you said, we did' must be on or after the closing date"
        if self.report_due_on and self.retention_until and self.retention_until < self.report_due_on:
            errors["retention_until"] = "Keep responses at least until 'you said, we did' is published"
        if errors:
            raise ValidationError(errors)

    def get_audiences_display(self) -> list[str]:
        return [Audience(value).label for value in self.audiences if value in Audience.values]

    def accepts_online_responses(self, today) -> bool:
        return self.status == self.Status.OPEN and self.opens_on <= today <= self.closes_on

    @property
    def accepts_offline_responses(self) -> bool:
        # Paper forms and workshop notes often arrive after the closing date.
        return self.status in (self.Status.OPEN, self.Status.CLOSED) and self.responses_erased_on is None

    @property
    def has_answers_to_read(self) -> bool:
        """Themes and coding start once people can answer."""
        return self.status != self.Status.DRAFT

    @property
    def takes_you_said_we_did(self) -> bool:
        """'You said, we did' is written once the consultation has closed (and added to after it is reported)."""
        return self.status in (self.Status.CLOSED, self.Status.REPORTED)


class Question(AuditedModel):
    class Kind(models.TextChoices):
        SINGLE = "single", "Choose one answer"
        MULTIPLE = "multiple", "Choose one or more answers"
        SCALE = "scale", "A scale from 1 to 5"
        TEXT = "text", "Write an answer"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    choices = models.JSONField(default=list, blank=True)
    scale_low_label = models.CharField(max_length=60, blank=True)
    scale_high_label = models.CharField(max_length=60, blank=True)

    SCALE = (1, 2, 3, 4, 5)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text

    def audit_trust_id(self):
        return self.consultation.trust_id

    @property
    def has_choices(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    def scale_labels(self) -> list[tuple[int, str]]:
        labels = {1: self.scale_low_label, 5: self.scale_high_label}
        return [(point, f"{point} – {labels[point]}" if labels.get(point) else str(point)) for point in self.SCALE]


class Response(models.Model):
    """One person's answers. Anonymous by design.

    There is no field for a name, an email address, a date of birth or a
    network address, and none may be added. The date is kept, not the time,
    so a response cannot be matched to a line in a web server's access log.

    Not an AuditedModel on purpose: the audit trail is append-only and would
    keep a copy of every answer past the retention date, when responses must
    really be deleted. Who typed in an offline response is kept here instead.
    """

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    age_band = models.CharField(max_length=20, choices=AgeBand.choices)
    audience = models.CharField(max_length=30, choices=Audience.choices)
    submitted_on = models.DateField()
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["consultation", "audience", "age_band"])]

    def __str__(self):
        return f"Response {self.pk} to {self.consultation_id}"


class Answer(models.Model):
    """One answer to one question. Unanswered optional questions have no row."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.CharField(max_length=300, blank=True)
    choices = models.JSONField(default=list, blank=True)
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"Answer {self.pk} to question {self.question_id}"


class Theme(AuditedModel):
    """A theme staff find in free-text answers, such as 'somewhere safe to go'."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("consultation", Lower("name"), name="one_theme_name_per_consultation"),
        ]

    def __str__(self):
        return self.name

    def audit_trust_id(self):
        return self.consultation.trust_id


class Coding(AuditedModel):
    """A member of staff has read a free-text answer and tagged it with a theme."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="codings")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codings")
    coded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    coded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["answer", "theme"], name="one_coding_per_answer_and_theme")]

    def __str__(self):
        return f"Answer {self.answer_id}: {self.theme}"

    def audit_trust_id(self):
        return self.theme.consultation.trust_id


def _consultation_reported(item) -> str | None:
    if item.consultation.status != Consultation.Status.REPORTED:
        return "Publish 'you said, we did' for the whole consultation first"
    return None


class YouSaidWeDid(AuditedModel):
    """What people told us, and what the partnership did about it. Fixed once published."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Not published yet"
        PUBLISHED = "published", "Published"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="you_said_we_did")
    order = models.PositiveSmallIntegerField(default=0)
    you_said = models.TextField()
    we_did = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_on = models.DateField(null=True, blank=True)

    # The first items go out with the consultation's own report; an item added later is published on its own.
    TRANSITIONS = Transitions(
        Move("publish", [Status.DRAFT], Status.PUBLISHED, "Publish", perm=Perm.CONSULTATION_MANAGE, guard=_consultation_reported),
        editable=[Status.DRAFT],
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "'you said, we did' item"

    def __str__(self):
        return self.you_said[:80]

    def audit_trust_id(self):
        return self.consultation.trust_id
