from django.contrib.auth.tokens import default_token_generator
from django.db.models import F, Min, Prefetch, Q, QuerySet
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, Membership, Role, User
from .permissions import ROLE_PERMISSIONS, first_trust_slug, trust_ids_for

DEMO_EMAIL_DOMAIN = "@demo.jointly.example"


def is_demo_person(user: User) -> bool:
    return user.email.endswith(DEMO_EMAIL_DOMAIN)


def demo_people_with_codes(*, current_code) -> list[dict]:
    """The demo sign-ins, with each one's current security code where they need one."""
    people = (
        User.objects.filter(email__endswith=DEMO_EMAIL_DOMAIN, is_active=True)
        .select_related("organisation")
        .prefetch_related(Prefetch("totpdevice_set", queryset=TOTPDevice.objects.filter(confirmed=True), to_attr="devices"))
        .order_by("role", "email")
    )
    return [
        {
            "user": person,
            "code": current_code(person.devices[0]) if person.needs_second_factor and person.devices else "",
        }
        for person in people
    ]


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def trusts_of(*, user: User):
    """The trusts the person's work covers (every trust of their region for a regional lead; all for an administrator)."""
    trusts = Membership._meta.get_field("trust").related_model.objects.select_related("area", "region")
    ids = trust_ids_for(user)
    return trusts if ids is None else trusts.filter(id__in=ids)


def primary_trust_slug(*, user: User) -> str | None:
    """The slug of `primary_trust`, with no query of its own for members and regional leads (the scope query gives it)."""
    if not user.is_authenticated:
        return None
    if (slug := first_trust_slug(user)) is not None:
        return slug
    trust = primary_trust(user=user)  # administrators: the first of every trust
    return trust.slug if trust else None


def primary_trust(*, user: User):
    """The trust a person's pages open on: the trust of their first membership, else the first they may see by name.

    A commissioner in Plymouth who also works with Devon lands on Plymouth, not on Devon because
    it comes first in the alphabet; regional leads and administrators, who hold no membership,
    land on the first trust of those they see. Kept on the user object for the rest of the request.
    """
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_jointly_primary_trust", False)
    if cached is not False:
        return cached
    # One query: the trusts they see, those they joined first, then the rest by name.
    joined = Min("memberships__id", filter=Q(memberships__user=user))
    trust = trusts_of(user=user).annotate(joined=joined).order_by(F("joined").asc(nulls_last=True), "name").first()
    user._jointly_primary_trust = trust
    return trust


def users_for_admin() -> QuerySet[User]:
    return User.objects.select_related("organisation", "region").order_by("full_name")


def user_for_set_password_link(*, uidb64: str, token: str) -> User | None:
    """The active person a set-password link was made for, or None if it is wrong, used or expired."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def people_with_details() -> QuerySet[User]:
    """People with what an administrator's pages show about them, in three queries."""
    return User.objects.select_related("organisation", "region").prefetch_related("trusts")


def organisation_emails(organisation) -> list[str]:
    """Where to write to an organisation: its active people and its contact address."""
    people = User.objects.filter(organisation_id=organisation.pk, is_active=True).values_list("email", flat=True)
    contact = getattr(organisation, "contact_email", "")
    return sorted({*people, *([contact] if contact else [])})


def trust_staff_emails(trust_id: int, perm) -> list[str]:
    """The active members of a trust whose role carries the permission (commissioners for CONTRACTS_MANAGE, say)."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms and role != Role.ADMINISTRATOR]
    people = User.objects.filter(memberships__trust_id=trust_id, role__in=roles, is_active=True).values_list("email", flat=True)
    return sorted(set(people))
