from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import ApiToken, Membership, User


class AccountError(Exception):
    pass


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
        raise AccountError("There is already an account with that email address.")
    user = User.objects.create_user(
        email, password, full_name=full_name, role=role, organisation=organisation, region=region
    )
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
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
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
