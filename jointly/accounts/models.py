import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from jointly.audit.models import AuditedModel
from jointly.core.transitions import Move, Transitions


class Role(models.TextChoices):
    COMMISSIONER = "commissioner", "Commissioner"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    BOARD_MEMBER = "board_member", "Board member"
    PROVIDER_USER = "provider_user", "Provider user"
    EVALUATOR = "evaluator", "Evaluator"
    PARTICIPANT = "participant", "Participant (young person or parent)"
    REGIONAL_LEAD = "regional_lead", "Regional lead"
    ADMINISTRATOR = "administrator", "Administrator"


# These roles can change or see the most, so they must use a second factor.
ROLES_NEEDING_SECOND_FACTOR = frozenset({Role.COMMISSIONER, Role.REGIONAL_LEAD, Role.ADMINISTRATOR})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.ADMINISTRATOR)
        return self.create_user(email, password, **extra)


class User(AuditedModel, AbstractBaseUser):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=30, choices=Role.choices)
    organisation = models.ForeignKey("partnerships.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="people")
    # Regional leads see every trust in their region.
    region = models.ForeignKey("partnerships.Region", null=True, blank=True, on_delete=models.PROTECT, related_name="leads")
    trusts = models.ManyToManyField("partnerships.Trust", through="Membership", related_name="members", blank=True)
    # Named so refusals and the history read as people speak ("This account is deactivated").
    is_active = models.BooleanField("active", default=True, choices=[(True, "Active"), (False, "Deactivated")])
    date_joined = models.DateTimeField(default=timezone.now)
    # Part of every session's sign-in hash: a new value signs the person out everywhere at once
    # (deactivation sets one), with no sessions to find. Empty until then.
    session_version = models.CharField(max_length=32, blank=True, default="", editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    audit_exclude = ("password", "last_login", "session_version")

    # Whether a person may sign in changes only by these moves (services.person_deactivate and
    # person_reactivate); their details may be changed either way. The permission is named by its
    # value: permissions.py imports this module, so Perm cannot be imported here.
    TRANSITIONS = Transitions(
        Move("deactivate", [True], False, "Deactivate", perm="user.manage"),
        Move("reactivate", [False], True, "Reactivate", perm="user.manage"),
        field="is_active",
        editable=[True, False],
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name = "account"

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def needs_second_factor(self) -> bool:
        return self.role in ROLES_NEEDING_SECOND_FACTOR

    # Django keeps a hash of the password in each session and ends a session whose hash no longer
    # matches. These add session_version to it. While it is empty the hash is Django's own, so
    # sessions made before the field existed carry on.
    def _session_hash(self, secret=None) -> str:
        value = f"{self.password}:{self.session_version}" if self.session_version else self.password
        return salted_hmac("django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash", value, secret=secret, algorithm="sha256").hexdigest()

    def get_session_auth_hash(self):
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=secret)

    def has_perm(self, perm, obj=None) -> bool:
        """Django's question, answered by the permission catalogue, so code below accounts can ask it."""
        from .permissions import Perm, decide

        try:
            permission = Perm(perm)
        except ValueError:
            return False
        return decide(self, permission, obj).allowed

    # Django's contrib admin is not used; these keep third-party code that asks happy.
    is_staff = False
    is_superuser = False


class Membership(AuditedModel):
    """A person works in or for a trust's partnership."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    trust = models.ForeignKey("partnerships.Trust", on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "trust"], name="one_membership_per_trust")]

    def __str__(self):
        return f"{self.user} in {self.trust}"

    def audit_trust_id(self):
        return self.trust_id


class ApiToken(AuditedModel):
    """A token for a machine client, acting as the person who created it.

    Only a hash is stored; the token itself is shown once, when it is made.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "jly_" + secrets.token_urlsafe(32)


class Assignment(AuditedModel):
    """A person's part on one object, whatever their role: a seat held, a panel place, a declared conflict.

    What each kind grants or bars on its object is in `permissions.KIND_GRANTS`
    and `permissions.BARRING_KINDS`. An assignment is ended, never deleted, so
    the record of who held what, and who declared what, stays.
    """

    class Kind(models.TextChoices):
        SEAT_HOLDER = "seat_holder", "Holds the seat"
        PANEL_MEMBER = "panel_member", "Evaluation panel member"
        CONFLICT = "conflict", "Declared a conflict of interest"
        LEAD_PROFESSIONAL = "lead_professional", "Lead professional for an individual placement or budget"

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    # Text, as in the audit trail, so records with any kind of key can be named.
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["person", "ended_at"]), models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "content_type", "object_id"],
                condition=models.Q(ended_at__isnull=True),
                name="one_live_assignment_per_kind_and_object",
            )
        ]

    def __str__(self):
        # get_for_id is cached, so naming an assignment costs no query for its type.
        kind_of_object = ContentType.objects.get_for_id(self.content_type_id).name
        return f"{self.person}: {self.get_kind_display().lower()} ({kind_of_object} {self.object_id})"

    @property
    def live(self) -> bool:
        return self.ended_at is None

    def audit_trust_id(self):
        target = self.target
        return target.audit_trust_id() if target is not None and hasattr(target, "audit_trust_id") else None
