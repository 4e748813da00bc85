"""Writes for people and their accounts. Bad input is refused with core.errors.FieldErrors, every problem at once.

Whether a person may sign in changes only by the moves in `User.TRANSITIONS`; their other details
change through `core.transitions.edit`, which saves only the fields it changes, so a copy read
before a deactivation cannot make the account active again.
"""

from __future__ import annotations

import contextlib
import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from jointly.audit.services import acting_as
from jointly.core.errors import NON_FIELD, FieldErrors, full_clean
from jointly.core.mail import email_send_later
from jointly.core.transitions import edit, transition

from .models import ApiToken, Assignment, Membership, Role, User
from .permissions import forget_assignments
from .signals import person_deactivated


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    role: str,
    password: str | None = None,
    organisation=None,
    region=None,
    trusts=(),
) -> User:
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise FieldErrors({"email": "There is already an account with this email address"})
    user = User.objects.create_user(email, password, full_name=full_name, role=role, organisation=organisation, region=region)
    for trust in trusts:
        Membership.objects.create(user=user, trust=trust)
    return user


def membership_add(*, user: User, trust) -> Membership:
    membership, _ = Membership.objects.get_or_create(user=user, trust=trust)
    return membership


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a token; the key is returned once and only its hash is kept."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:8], key_hash=ApiToken.hash_key(key))
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True).first()
    if token is None:
        return None
    # Saved with update() so a machine client's every call does not fill the audit trail.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def totp_device_for_setup(*, user: User) -> TOTPDevice:
    """The person's unconfirmed authenticator, made on first visit to the set-up page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def confirmed_totp_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


# --- People administration: invitations, changes, deactivation -------------


def person_problems(*, role: str, organisation, region) -> dict[str, str]:
    """The rules a person's details must meet, as {field: message}. Forms ask too, to show every error at once."""
    problems = {}
    if role == Role.REGIONAL_LEAD and region is None:
        problems["region"] = "Select the region this regional lead covers"
    if role == Role.PROVIDER_USER and organisation is None:
        problems["organisation"] = "Select the organisation this provider user works for"
    return problems


def set_password_link(*, user: User, site_url: str) -> str:
    """A one-use link to set a password. It stops working once the password changes or the person signs in."""
    path = reverse(
        "accounts:set-password",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)],
    )
    return site_url.rstrip("/") + path


def _link_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def invitation_refusal(user: User) -> str | None:
    """Why the person cannot be sent an invitation now, or None. Their page asks it too, to offer the button."""
    if not user.is_active:
        return "This account is deactivated. Reactivate it before sending an invitation."
    if user.has_usable_password():
        return "This person has already set a password. They can use 'Forgotten your password?'."
    return None


def invitation_send(*, user: User, site_url: str, invited_by: User | None = None) -> None:
    refusal = invitation_refusal(user)
    if refusal:
        raise FieldErrors({NON_FIELD: refusal})
    email_send_later(
        to=user.email,
        subject="You have been invited to Jointly",
        template="accounts/people/email_invitation.txt",
        context={
            "user": user,
            "invited_by": invited_by,
            "link": set_password_link(user=user, site_url=site_url),
            "days": _link_valid_days(),
        },
    )


@transaction.atomic
def person_invite(
    *,
    email: str,
    full_name: str,
    role: str,
    organisation=None,
    region=None,
    trusts=(),
    site_url: str,
    by: User,
) -> User:
    """Create an account with no password and email the person a link to set one."""
    problems = person_problems(role=role, organisation=organisation, region=region)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        problems["email"] = "There is already an account with this email address"
    if problems:
        raise FieldErrors(problems)
    user = user_create(
        email=email,
        full_name=full_name.strip(),
        role=role,
        password=None,  # unusable until the person sets their own
        organisation=organisation,
        region=region if role == Role.REGIONAL_LEAD else None,
        trusts=trusts,
    )
    invitation_send(user=user, site_url=site_url, invited_by=by)
    return user


@transaction.atomic
def person_update(*, user: User, role: str, organisation=None, region=None, trusts=(), by: User, version: str | None = None) -> User:
    """Change a person's role, organisation, region and trusts.

    `version` is the account's version_of() when the form was shown: a change made since is refused.
    """
    with edit(user, version=version) as row:
        problems = person_problems(role=role, organisation=organisation, region=region)
        if row.pk == by.pk and role != row.role:
            # Stops an administrator locking everyone out by demoting the last administrator: themselves.
            problems["role"] = "You cannot change your own role. Ask another administrator."
        if problems:
            raise FieldErrors(problems)
        row.role, row.organisation = role, organisation
        row.region = region if role == Role.REGIONAL_LEAD else None
        full_clean(row, exclude=["password"])
        wanted = {trust.pk for trust in trusts}
        current = set(row.memberships.values_list("trust_id", flat=True))
        # One by one so each change is audited to its trust.
        for membership in row.memberships.filter(trust_id__in=current - wanted):
            membership.delete()
        for trust in trusts:
            if trust.pk not in current:
                Membership.objects.create(user=row, trust=trust)
    return row


def _every_session_ended() -> dict:
    """`transition` changes that end every session the person has (see User.get_session_auth_hash)."""
    return {"session_version": secrets.token_hex(16)}


def _revoke_api_tokens(user: User) -> None:
    # One by one, so each revocation is on the audit trail.
    for token in ApiToken.objects.filter(user=user, revoked_at__isnull=True):
        api_token_revoke(token=token)


def _reason_required(reason: str, *, verb: str) -> dict[str, str]:
    return {} if reason.strip() else {"reason": f"Enter why you are {verb} this account"}


@transaction.atomic
def person_deactivate(*, user: User, by: User, reason: str) -> User:
    """Stop a person signing in: every session they have ends and every API token is revoked.

    Both stay ended if the account is reactivated: they must sign in again and make new tokens.
    """
    problems = _reason_required(reason, verb="deactivating")
    if user.pk == by.pk:
        problems[NON_FIELD] = "You cannot deactivate your own account. Ask another administrator."
    if problems:
        raise FieldErrors(problems)
    user = transition(instance=user, move="deactivate", by=by, reason=reason.strip(), changes=_every_session_ended())
    _revoke_api_tokens(user)
    # Other apps end what the person held (partnerships vacates their seats) without accounts naming them.
    person_deactivated.send(sender=User, user=user, by=by, reason=reason.strip())
    return user


@transaction.atomic
def person_reactivate(*, user: User, by: User, reason: str) -> User:
    """Let a person sign in again, with no session or API token from before."""
    problems = _reason_required(reason, verb="reactivating")
    if problems:
        raise FieldErrors(problems)
    # Ended again here too, for anyone deactivated before deactivation ended them.
    user = transition(instance=user, move="reactivate", by=by, reason=reason.strip(), changes=_every_session_ended())
    _revoke_api_tokens(user)
    return user


def password_reset_request(*, email: str, site_url: str) -> None:
    """Email a set-password link if an active account has this address; otherwise do nothing.

    The caller shows the same answer either way, so nobody can learn who has an
    account. An invited person who never set a password gets a fresh link too.
    """
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    email_send_later(
        to=user.email,
        subject="Set a new password for Jointly",
        template="accounts/people/email_password_reset.txt",
        context={"user": user, "link": set_password_link(user=user, site_url=site_url), "days": _link_valid_days()},
    )


def password_set(*, user: User, password: str) -> User:
    """Set a password the person chose. The form has already run Django's password validators."""
    user.set_password(password)
    # Only the password, so a copy read before a deactivation cannot make the account active again.
    user.save(update_fields=["password"])
    return user


# --- Per-object assignments -------------------------------------------------


@transaction.atomic
def assignment_grant(*, person: User, kind: str, obj, by=None, note: str = "") -> Assignment:
    """Give a person a part on one object (a seat, a panel place, a declared conflict). Audited as a create."""
    if kind not in Assignment.Kind.values:
        raise FieldErrors({"kind": "Select what the person's part is"})
    if obj.pk is None:
        raise FieldErrors({"object": "Save the record before assigning anyone to it"})
    content_type = ContentType.objects.get_for_model(obj)
    live = Assignment.objects.filter(person=person, kind=kind, content_type=content_type, object_id=str(obj.pk), ended_at__isnull=True).first()
    if live is not None:
        return live  # Granting again changes nothing: callers can be retried.
    with _as(by):
        assignment = Assignment.objects.create(
            person=person, kind=kind, content_type=content_type, object_id=str(obj.pk), granted_by=by, note=note.strip()
        )
    forget_assignments(person)
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, by=None, note: str = "") -> Assignment:
    """End a live assignment; the row stays, so the trail of who held or declared what is kept."""
    if assignment.ended_at is not None:
        raise FieldErrors({"assignment": "This has already ended"})
    assignment.ended_at = timezone.now()
    if note.strip():
        assignment.note = f"{assignment.note}\n{note.strip()}".strip()
    with _as(by):
        assignment.save(update_fields=["ended_at", "note"])
    forget_assignments(assignment.person)
    return assignment


def _as(by):
    # Without a named person, the entry keeps whoever the request or job is acting as.
    return acting_as(by) if by is not None else contextlib.nullcontext()


def assignments_end_on(*, obj, kind: str, by=None, note: str = "") -> int:
    """End every live assignment of this kind on the object (a seat falling vacant ends its holder's)."""
    live = Assignment.objects.filter(
        kind=kind, content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk), ended_at__isnull=True
    ).select_related("person")
    count = 0
    for assignment in live:
        assignment_end(assignment=assignment, by=by, note=note)
        count += 1
    return count
