"""The provider directory: organisations' directory entries, their services, and every proposed change.

The live rows (`ProviderProfile`, `DirectoryService` and what hangs off them)
are the published directory: they change only when a `Revision` is approved.
A revision holds the whole proposed record as JSON, so every version stays
readable after later changes.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from jointly.accounts.permissions import Perm
from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions
from jointly.needs.vocabulary import Group
from jointly.partnerships.models import SizeBand

from .taxonomy import Approach, StaffBand, Tier, Weekday

# Children's services reach young adults up to 25 (care leavers, SEND).
MAX_AGE = 25


class ProviderProfile(AuditedModel):
    """An organisation's published directory entry: the facts the register does not hold."""

    organisation = models.OneToOneField("partnerships.Organisation", on_delete=models.CASCADE, related_name="provider_profile")
    # The ORUK organization id: stable for ever, whatever else changes.
    oruk_id = models.UUIDField("ORUK id", unique=True, default=uuid.uuid4, editable=False)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    email = models.EmailField("public email address", blank=True)
    phone = models.CharField("public telephone", max_length=30, blank=True)
    income_band = models.CharField(max_length=20, choices=SizeBand.choices, blank=True)
    staff_band = models.CharField("staff size", max_length=20, choices=StaffBand.choices, blank=True)
    areas = models.ManyToManyField("places.Area", blank=True, related_name="+", verbose_name="areas served")
    version = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = "directory entry"
        verbose_name_plural = "directory entries"

    def __str__(self):
        return f"Directory entry for {self.organisation}"

    def get_absolute_url(self):
        return reverse("providers:organisation", args=[self.organisation.slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ProfileGroup(AuditedModel):
    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="group_rows")
    group = models.CharField(max_length=40, choices=Group.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "group"], name="one_profile_group_each")]

    def __str__(self):
        return self.get_group_display()


class Accreditation(AuditedModel):
    """A quality mark or a regulator's rating (Ofsted, CQC…), with its date."""

    class Kind(models.TextChoices):
        REGULATOR = "regulator", "Regulator's rating"
        ACCREDITATION = "accreditation", "Accreditation or quality mark"

    profile = models.ForeignKey(ProviderProfile, on_delete=models.CASCADE, related_name="accreditations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    body = models.CharField("awarded by", max_length=200)
    rating = models.CharField("rating or award", max_length=200)
    awarded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-awarded_on", "body"]

    def __str__(self):
        return f"{self.body}: {self.rating}"


class DirectoryService(AuditedModel):
    """A service as Open Referral UK describes it: what, for whom, where, when, at what cost."""

    class Status(models.TextChoices):
        # The values are ORUK's own.
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"
        DEFUNCT = "defunct", "Closed for good"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"

    # A provider proposes a service's status with the rest of it; the move is made when a commissioner
    # approves the proposal (or an import publishes it). Closed for good is final: a service that
    # starts again is listed as a new one.
    TRANSITIONS = Transitions(
        Move("reopen", [Status.INACTIVE, Status.TEMPORARILY_CLOSED], Status.ACTIVE, "Reopen", perm=Perm.DIRECTORY_EDIT),
        Move("deactivate", [Status.ACTIVE, Status.TEMPORARILY_CLOSED], Status.INACTIVE, "Deactivate", perm=Perm.DIRECTORY_EDIT),
        Move("suspend", [Status.ACTIVE, Status.INACTIVE], Status.TEMPORARILY_CLOSED, "Suspend", perm=Perm.DIRECTORY_EDIT),
        Move("close", [Status.ACTIVE, Status.INACTIVE, Status.TEMPORARILY_CLOSED], Status.DEFUNCT, "Close", perm=Perm.DIRECTORY_EDIT),
        editable=[Status.ACTIVE, Status.INACTIVE, Status.TEMPORARILY_CLOSED],
    )

    class Cost(models.TextChoices):
        FREE = "free", "Free"
        FEE = "fee", "There is a fee"

    uuid = models.UUIDField("ORUK id", unique=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.CASCADE, related_name="directory_services")
    name = models.CharField(max_length=300)
    description = models.TextField()
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.ACTIVE)
    tier = models.CharField(max_length=20, choices=Tier.choices)
    approach = models.CharField(max_length=20, choices=Approach.choices)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)])
    max_age = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MaxValueValidator(MAX_AGE)])
    eligibility = models.TextField(blank=True)
    areas = models.ManyToManyField("places.Area", blank=True, related_name="+", verbose_name="service areas")
    schedule = models.TextField("when it runs", blank=True)
    cost = models.CharField(max_length=10, choices=Cost.choices, default=Cost.FREE)
    fee_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    fee_description = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    url = models.URLField("website", blank=True)
    version = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fee_amount__isnull=True) | models.Q(fee_amount__gte=0),
                name="service_fee_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True) | models.Q(max_age__isnull=True) | models.Q(max_age__gte=models.F("min_age")),
                name="service_ages_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("providers:service", args=[self.uuid])

    @property
    def age_range(self) -> str:
        if self.min_age is None and self.max_age is None:
            return "All ages"
        if self.max_age is None:
            return f"{self.min_age} and over"
        if self.min_age in (None, 0):
            return f"Up to {self.max_age}"
        return f"{self.min_age} to {self.max_age}"


class ServiceOutcome(AuditedModel):
    service = models.ForeignKey(DirectoryService, on_delete=models.CASCADE, related_name="outcome_rows")
    # A shared outcome area: the directory and its open feed serve every trust.
    outcome = models.ForeignKey("needs.OutcomeArea", on_delete=models.PROTECT, related_name="service_rows", limit_choices_to={"trust__isnull": True})

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "outcome"], name="one_service_outcome_each")]

    def __str__(self):
        return self.outcome.name


class ServiceGroup(AuditedModel):
    service = models.ForeignKey(DirectoryService, on_delete=models.CASCADE, related_name="group_rows")
    group = models.CharField(max_length=40, choices=Group.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "group"], name="one_service_group_each")]

    def __str__(self):
        return self.get_group_display()


class ServiceLocation(AuditedModel):
    """A venue where a service runs: ORUK's location with its physical address (service_at_location)."""

    uuid = models.UUIDField("ORUK id", unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(DirectoryService, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(max_length=200)
    address_1 = models.CharField("address", max_length=300, blank=True)
    address_2 = models.CharField("address line 2", max_length=300, blank=True)
    city = models.CharField("town or city", max_length=100, blank=True)
    county = models.CharField(max_length=100, blank=True)
    # Kept as "PL1 2AA" (validation.py puts the space in), so a postcode district is a prefix up to the space.
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    # The place the venue is in. No postcode lookup file is to hand, so it is the place the provider
    # chose (or the service's one place), not one derived from the postcode.
    area = models.ForeignKey("places.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name="place")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(
        max_digits=9, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class OpeningTime(AuditedModel):
    uuid = models.UUIDField("ORUK id", unique=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(DirectoryService, on_delete=models.CASCADE, related_name="opening_times")
    weekday = models.CharField(max_length=2, choices=Weekday.choices)
    opens_at = models.TimeField()
    closes_at = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens_at"]
        constraints = [models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="closes_after_opening")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M} to {self.closes_at:%H:%M}"


class Revision(AuditedModel):
    """One proposed version of a directory record, waiting for, or given, a commissioner's decision."""

    class Kind(models.TextChoices):
        PROFILE = "profile", "Organisation details"
        SERVICE = "service", "Service"
        LISTING = "listing", "New group and service"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved and published"
        REJECTED = "rejected", "Not approved"
        SUPERSEDED = "superseded", "Replaced by a later proposal"

    TRANSITIONS = Transitions(
        Move("approve", [Status.PENDING], Status.APPROVED, "Approve", perm=Perm.DIRECTORY_REVIEW),
        Move("reject", [Status.PENDING], Status.REJECTED, "Reject", perm=Perm.DIRECTORY_REVIEW),
        # A later proposal for the same record replaces a pending one (services._supersede_pending).
        Move("supersede", [Status.PENDING], Status.SUPERSEDED, "Replace"),
        editable=[Status.PENDING],
    )

    class Source(models.TextChoices):
        PROVIDER = "provider", "Proposed by the provider"
        PUBLIC = "public", "Sent through 'list your group'"
        IMPORT = "import", "Imported from an Open Referral UK file"
        DEMO = "demo", "Demonstration data"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.PROVIDER)
    # Empty for a new group's listing until it is approved.
    organisation = models.ForeignKey("partnerships.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="directory_revisions")
    # Empty for a proposed new service until it is approved.
    service = models.ForeignKey(DirectoryService, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions")
    data = models.JSONField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Who sent a public listing. Private: never published.
    submitter_name = models.CharField(max_length=200, blank=True)
    submitter_email = models.EmailField(blank=True)
    # The trusts whose commissioners decide on a listing from a group not yet in any partnership.
    review_trusts = models.ManyToManyField("partnerships.Trust", blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    # The version number the record took when this revision was published.
    version = models.PositiveIntegerField(null=True, blank=True)
    # The published record's core.transitions.version_of() when the change was proposed: approving
    # refuses if the record has changed since, so a proposal cannot undo a later version (or its status).
    based_on = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "directory change"
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self):
        return reverse("providers:revision", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"DIR-{self.pk:06d}" if self.pk else "DIR-new"

    @property
    def title(self) -> str:
        if self.kind == self.Kind.LISTING:
            return self.data.get("organisation", {}).get("name", "New group")
        if self.kind == self.Kind.PROFILE:
            return f"{self.organisation.name if self.organisation_id else 'Organisation'} details"
        return self.data.get("name", "Service")
