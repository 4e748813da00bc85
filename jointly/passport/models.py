"""The supplier passport: what an organisation proves once and every trust in the region reuses.

An organisation's register entry (partnerships.Organisation) already holds its name, charity and
company numbers, PPON and income band: the passport never asks for those again, it shows them. It
adds what the register does not hold (`Passport`), and one `Item` per thing a buyer asks for: each
policy area, each kind of insurance, the latest accounts. Each item is valid until a date worked out
when it is saved (`valid_until`): its own review or expiry date, capped by the region's validity
rule (`ValidityRule`, two years by default, dated like other rules). A checker scores a policy once
(`Check`); the score stands, for every trust, until the item changes or expires.
"""

from django.conf import settings
from django.db import models

from jointly.audit.models import AuditedModel

MONEY = {"max_digits": 14, "decimal_places": 2}
# Documents are kept in the database (no file store to run or back up); this keeps rows small.
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
DEFAULT_VALIDITY_MONTHS = 24
# Reminders go this many days before an item expires; one email per item per step, the tightest due.
REMINDER_DAYS = (60, 30, 7)


class ItemKind(models.TextChoices):
    POLICY = "policy", "Policy"
    INSURANCE = "insurance", "Insurance"
    ACCOUNTS = "accounts", "Accounts"


# The things a buyer can ask for, by key: the contract of `selectors.missing_for`.
CORE = "core"
PPON = "ppon"
POLICIES = {
    "policy:safeguarding": "Safeguarding policy",
    "policy:health_and_safety": "Health and safety policy",
    "policy:equality": "Equality, diversity and inclusion policy",
    "policy:data_protection": "Data protection policy",
}
INSURANCES = {
    "insurance:public_liability": "Public liability insurance",
    "insurance:employers_liability": "Employer's liability insurance",
    "insurance:professional_indemnity": "Professional indemnity insurance",
}
ACCOUNTS = {"accounts": "Latest accounts"}
ITEM_LABELS = {**POLICIES, **INSURANCES, **ACCOUNTS}
REQUIREMENT_LABELS = {CORE: "Core information (address, staff and volunteers)", PPON: "PPON (Central Digital Platform id)", **ITEM_LABELS}


def kind_of(key: str) -> str:
    return key.split(":", 1)[0]


class ValidityRule(AuditedModel):
    """How long what a passport holds is accepted for, in force from a date until the next rule."""

    effective_from = models.DateField()
    months = models.PositiveSmallIntegerField(default=DEFAULT_VALIDITY_MONTHS)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["effective_from"], name="one_passport_validity_per_date"),
            models.CheckConstraint(condition=models.Q(months__gte=1), name="passport_validity_at_least_a_month"),
        ]

    def __str__(self):
        return f"Passport items accepted for {self.months} months, from {self.effective_from:%-d %B %Y}"


class Passport(AuditedModel):
    """What the register does not hold about an organisation, confirmed by one of its people."""

    organisation = models.OneToOneField("partnerships.Organisation", on_delete=models.CASCADE, related_name="passport")
    # The Central Digital Platform's code a supplier gives a buyer to read its shared details.
    share_code = models.CharField(max_length=20, blank=True)
    registered_address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    staff = models.PositiveIntegerField("paid staff (full-time equivalent)", null=True, blank=True)
    volunteers = models.PositiveIntegerField(null=True, blank=True)
    sme = models.BooleanField("a small or medium-sized enterprise", null=True, blank=True)
    confirmed_on = models.DateField(null=True, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # Rises with every change to the passport or its items: a buyer's copy names the revision it read.
    revision = models.PositiveIntegerField(default=0)
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    audit_exclude = ("reminded_days",)

    class Meta:
        ordering = ["organisation__name"]

    def __str__(self):
        return f"Supplier passport of {self.organisation}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("passport:detail", args=[self.organisation.slug])


class Item(AuditedModel):
    """One policy, insurance or set of accounts the organisation holds, with its document or link."""

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=50)
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    link = models.URLField("link to the document", blank=True)
    # Policies
    adopted_on = models.DateField("date adopted", null=True, blank=True)
    review_on = models.DateField("review date", null=True, blank=True)
    # Insurance
    insurer = models.CharField(max_length=200, blank=True)
    cover = models.DecimalField("cover amount", null=True, blank=True, **MONEY)
    expires_on = models.DateField("expiry date", null=True, blank=True)
    # Accounts
    year_end = models.DateField("financial year end", null=True, blank=True)
    income = models.DecimalField(null=True, blank=True, **MONEY)
    expenditure = models.DecimalField(null=True, blank=True, **MONEY)
    reserves = models.DecimalField("unrestricted reserves", null=True, blank=True, **MONEY)
    # The document itself, when uploaded rather than linked.
    document = models.BinaryField(null=True, blank=True, editable=False)
    document_name = models.CharField(max_length=200, blank=True)
    document_type = models.CharField(max_length=100, blank=True)
    document_size = models.PositiveIntegerField(default=0)

    valid_until = models.DateField()
    revision = models.PositiveIntegerField(default=1)
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    # The document's bytes are not history; its name, type and size are.
    audit_exclude = ("document", "reminded_days")

    class Meta:
        ordering = ["passport", "key"]
        constraints = [models.UniqueConstraint(fields=["passport", "key"], name="one_passport_item_per_key")]
        indexes = [models.Index(fields=["valid_until"], name="passport_item_valid_until")]

    def __str__(self):
        return f"{ITEM_LABELS.get(self.key, self.key)} of {self.passport.organisation}"

    @property
    def label(self) -> str:
        return ITEM_LABELS.get(self.key, self.key)

    @property
    def has_document(self) -> bool:
        return bool(self.document_size)


class Check(AuditedModel):
    """A checker's one score for one item revision; reused by every trust until the item changes or expires."""

    class Scheme(models.TextChoices):
        PASS_FAIL = "pass_fail", "Pass or fail"
        SCALE = "scale", "Score from 0 to 4"

    SCALE_MAX = 4
    SCALE_PASS = 2  # 2 of 4 (adequate) and above counts as a pass where a route asks only pass or fail.

    passport = models.ForeignKey(Passport, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="checks")
    item_revision = models.PositiveIntegerField()
    scheme = models.CharField(max_length=20, choices=Scheme.choices)
    passed = models.BooleanField()
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField()
    valid_until = models.DateField()
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    checker_trust = models.ForeignKey("partnerships.Trust", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["item", "-checked_at"]
        # One score per revision of an item, whoever checks: never re-scored by a second trust.
        constraints = [models.UniqueConstraint(fields=["item", "item_revision"], name="one_check_per_item_revision")]

    def __str__(self):
        return f"Check of {self.item}"

    @property
    def result_label(self) -> str:
        if self.scheme == self.Scheme.SCALE:
            return f"{self.score} out of {self.SCALE_MAX} ({'pass' if self.passed else 'fail'})"
        return "Pass" if self.passed else "Fail"
