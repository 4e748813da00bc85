"""Who is in the partnership: regions, trusts, organisations, bodies and seats."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions

CHARITY_NUMBER = re.compile(r"^(\d{6,8}(-\d{1,2})?|SC\d{6}|NIC?\d{6})$")
COMPANY_NUMBER = re.compile(r"^([0-9]{8}|(SC|NI|OC|SO|NC|IP|RS|CE|CS|RC|SE|GE|LP|SL|NL|FC)[0-9]{6})$")
PPON = re.compile(r"^P[A-Z]{3}-\d{4}-[A-Z]{4}$")


def validate_charity_number(value):
    if value and not CHARITY_NUMBER.match(value):
        raise ValidationError("Enter a charity number like 1234567 or SC012345", code="invalid_charity_number")


def validate_company_number(value):
    if value and not COMPANY_NUMBER.match(value.upper()):
        raise ValidationError("Enter a company number like 01234567 or SC123456", code="invalid_company_number")


def validate_ppon(value):
    if value and not PPON.match(value.upper()):
        raise ValidationError("Enter a public procurement organisation number (PPON) like PABC-1234-DEFG", code="invalid_ppon")


class Region(AuditedModel):
    """A group of trusts that plan and commission together."""

    # A public register: anyone signed in may know a region exists (permissions.can_see).
    public_record = True

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    # The ONS region the group lies in (the Peninsula is part of the South West).
    ons_region = models.ForeignKey("places.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:region-detail", args=[self.slug])


class Trust(AuditedModel):
    """A children's trust: the partnership for one local authority area."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    area = models.OneToOneField("places.Area", on_delete=models.PROTECT, related_name="trust")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="trusts")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:trust-detail", args=[self.slug])

    def audit_trust_id(self):
        return self.pk


class Sector(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    NHS = "nhs", "NHS"
    SCHOOL = "school", "School or college"
    POLICE = "police", "Police"
    YOUTH_JUSTICE = "youth_justice", "Youth offending team"
    VCS = "vcs", "Voluntary and community sector"
    PRIVATE = "private", "Private sector"
    SOCIAL_ENTERPRISE = "social_enterprise", "Social enterprise"


class LegalForm(models.TextChoices):
    STATUTORY_BODY = "statutory_body", "Statutory body"
    CIO = "cio", "Charitable incorporated organisation (CIO)"
    CHARITABLE_COMPANY = "charitable_company", "Charitable company limited by guarantee"
    UNINCORPORATED_CHARITY = "unincorporated_charity", "Unincorporated charity or trust"
    UNINCORPORATED_GROUP = "unincorporated_group", "Unincorporated community group"
    CIC = "cic", "Community interest company (CIC)"
    MUTUAL = "mutual", "Co-operative or mutual society"
    COMPANY = "company", "Private company"
    OTHER = "other", "Other"


class SizeBand(models.TextChoices):
    # The NCVO income bands used across the sector.
    MICRO = "micro", "Micro (income under £10,000)"
    SMALL = "small", "Small (£10,000 to £100,000)"
    MEDIUM = "medium", "Medium (£100,000 to £1 million)"
    LARGE = "large", "Large (£1 million to £10 million)"
    MAJOR = "major", "Major (over £10 million)"


class Organisation(AuditedModel):
    """A partner, provider or community group. Registered once, used everywhere."""

    # A public register; its private fields are named in partnerships/rules.py.
    public_record = True

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, unique=True)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    legal_form = models.CharField(max_length=30, choices=LegalForm.choices)
    charity_number = models.CharField(max_length=20, blank=True, validators=[validate_charity_number])
    company_number = models.CharField(max_length=10, blank=True, validators=[validate_company_number])
    ppon = models.CharField("PPON", max_length=20, blank=True, validators=[validate_ppon])
    size_band = models.CharField(max_length=20, choices=SizeBand.choices, blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    # Private: seen only by the organisation's own people and its trusts' staff.
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    private_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["charity_number"],
                condition=~models.Q(charity_number=""),
                name="unique_charity_number",
                violation_error_message="An organisation with this charity number is already registered",
            ),
            models.UniqueConstraint(
                fields=["company_number"],
                condition=~models.Q(company_number=""),
                name="unique_company_number",
                violation_error_message="An organisation with this company number is already registered",
            ),
            models.UniqueConstraint(
                fields=["ppon"],
                condition=~models.Q(ppon=""),
                name="unique_ppon",
                violation_error_message="An organisation with this PPON is already registered",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:organisation-detail", args=[self.slug])


class TrustPartner(AuditedModel):
    """An organisation's part in a trust's partnership."""

    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships")
    statutory = models.BooleanField(default=False, help_text="A statutory partner under the Children Act 2004.")
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["trust", "organisation"], name="one_partnership_per_trust")]

    def __str__(self):
        return f"{self.organisation} in {self.trust}"

    def audit_trust_id(self):
        return self.trust_id


class Body(AuditedModel):
    """A board, group or forum of a trust, with seats."""

    class Kind(models.TextChoices):
        BOARD = "board", "Trust board"
        EXECUTIVE = "executive", "Executive"
        COMMISSIONING_GROUP = "commissioning_group", "Commissioning group"
        TASK_GROUP = "task_group", "Task group"
        VCS_FORUM = "vcs_forum", "VCS forum"
        SHADOW_BOARD = "shadow_board", "Young people's shadow board"

    # Bodies that plan or commission must have a VCS seat (seed 002, principle 2).
    NEEDS_VCS_SEAT = (Kind.BOARD, Kind.EXECUTIVE, Kind.COMMISSIONING_GROUP, Kind.TASK_GROUP)

    trust = models.ForeignKey(Trust, on_delete=models.CASCADE, related_name="bodies")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    remit = models.TextField(blank=True)
    reports_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="sub_bodies")

    class Meta:
        ordering = ["trust__name", "name"]
        verbose_name_plural = "bodies"
        constraints = [models.UniqueConstraint(fields=["trust", "slug"], name="unique_body_slug_per_trust")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:body-detail", args=[self.trust.slug, self.slug])

    def audit_trust_id(self):
        return self.trust_id


class Seat(AuditedModel):
    class SeatType(models.TextChoices):
        VCS_FORUM_REPRESENTATIVE = "vcs_forum_representative", "VCS forum representative"
        SIGNIFICANT_PROVIDER = "significant_provider", "Significant provider"
        STATUTORY_PARTNER = "statutory_partner", "Statutory partner"
        YOUNG_PEOPLE = "young_people", "Young people's representative"
        OTHER = "other", "Other member"

    class Status(models.TextChoices):
        VACANT = "vacant", "Vacant"
        FILLED = "filled", "Filled"

    # Who holds a seat changes only by these moves; its description may be changed in either state.
    TRANSITIONS = Transitions(
        Move("appoint", [Status.VACANT], Status.FILLED, "Appoint someone to", perm=Perm.SEAT_MANAGE),
        Move("vacate", [Status.FILLED], Status.VACANT, "Vacate", perm=Perm.SEAT_MANAGE),
        editable=[Status.VACANT, Status.FILLED],
    )

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    title = models.CharField(max_length=200)
    sector = models.CharField(max_length=30, choices=Sector.choices)
    seat_type = models.CharField(max_length=40, choices=SeatType.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VACANT)
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="seats")
    holder_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="seats")
    # Whom the holder speaks for, and the body they report back to.
    represents = models.CharField(max_length=300, blank=True)
    accountable_to = models.ForeignKey(Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="accountable_seats")
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["body__name", "title"]
        # Serves the term-end job's query (filled seats whose term_end has passed): a lookup, not a scan.
        indexes = [models.Index(fields=["status", "term_end"], name="partnerships_seat_term_due")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status="vacant") | models.Q(holder__isnull=False), name="filled_seat_has_holder"),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True) | models.Q(term_start__isnull=True) | models.Q(term_end__gte=models.F("term_start")),
                name="seat_term_ends_after_start",
            ),
        ]

    # Its holder is a SEAT_HOLDER assignment on it (accounts.Assignment), which grants the report-back.
    assignable = True

    def __str__(self):
        return f"{self.title}, {self.body}"

    def audit_trust_id(self):
        return self.body.trust_id

    @property
    def is_vcs(self) -> bool:
        return self.sector == Sector.VCS

    @property
    def is_vcs_representation(self) -> bool:
        """A filled VCS forum representative's seat for the third sector: what the representation check counts.

        A significant provider's seat is not one, even when a charity holds it.
        """
        from .sectors import THIRD_SECTOR

        return self.seat_type == self.SeatType.VCS_FORUM_REPRESENTATIVE and self.sector in THIRD_SECTOR and self.status == self.Status.FILLED


class ReportBack(AuditedModel):
    """A seat holder's account to the people they represent."""

    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="report_backs")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_backs")
    to_body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="report_backs")
    held_on = models.DateField()
    summary = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"Report-back on {self.held_on:%d %B %Y} for {self.seat}"

    def assignment_parents(self):
        # An assignment on the seat (its holder, a declared conflict) covers its report-backs; named by id, no query.
        return [(Seat, self.seat_id)]

    def audit_trust_id(self):
        return self.seat.body.trust_id


class Paper(AuditedModel):
    """A paper for a body's meeting. Confidential papers are read only by the trust's people."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    meeting_date = models.DateField()
    summary = models.TextField(blank=True)
    content = models.TextField()
    confidential = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-meeting_date", "title"]

    def __str__(self):
        return self.title

    def audit_trust_id(self):
        return self.body.trust_id
