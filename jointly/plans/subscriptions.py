"""Subscribing to a trust's forward plan: double opt-in, one digest per change, unsubscribe in every email.

Only the email address is kept (and the trust it is for, a secret token, when
it was confirmed and which change was last sent): UK GDPR minimisation.
Unconfirmed requests are deleted after a week.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from jointly.core.links import absolute_url

from .models import PlanChange, Subscriber
from jointly.core.errors import FieldErrors

UNCONFIRMED_KEPT_FOR = datetime.timedelta(days=7)


def _links(subscriber: Subscriber) -> dict:
    return {
        "confirm_url": absolute_url("plans:subscribe-confirm", subscriber.token),
        "unsubscribe_url": absolute_url("plans:unsubscribe", subscriber.token),
        "plan_url": absolute_url("plans:forward-plan", subscriber.trust.slug),
    }


def subscription_request(*, trust, email: str) -> None:
    """Ask to subscribe. The same answer whether or not the address is already subscribed (no enumeration)."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise FieldErrors({"email": "Enter an email address in the correct format, like name@example.com"}) from None
    subscriber, _ = Subscriber.objects.get_or_create(trust=trust, email=email)
    if subscriber.confirmed_at:
        return
    context = {"trust": trust, **_links(subscriber)}
    body = render_to_string("plans/email/confirm.txt", context)
    transaction.on_commit(lambda: send_mail(f"Confirm your subscription to {trust.name}'s forward plan", body, None, [email]))


def subscription_confirm(*, token: str) -> Subscriber | None:
    subscriber = Subscriber.objects.select_related("trust").filter(token=token).first()
    if subscriber is None:
        return None
    if subscriber.confirmed_at is None:
        subscriber.confirmed_at = timezone.now()
        # Start from the plan as it is now: the digest tells of changes from here on.
        subscriber.last_change_sent = PlanChange.objects.filter(trust=subscriber.trust).order_by("-id").first()
        subscriber.save(update_fields=["confirmed_at", "last_change_sent"])
    return subscriber


def subscription_cancel(*, token: str) -> bool:
    deleted, _ = Subscriber.objects.filter(token=token).delete()
    return bool(deleted)


def digests_send(*, now=None) -> int:
    """Send each confirmed subscriber ONE email listing the plan changes they have not had. Idempotent."""
    now = now or timezone.now()
    Subscriber.objects.filter(confirmed_at=None, created_at__lt=now - UNCONFIRMED_KEPT_FOR).delete()
    sent = 0
    subscribers = Subscriber.objects.exclude(confirmed_at=None).select_related("trust").order_by("pk")
    for subscriber in subscribers:
        changes = list(
            PlanChange.objects.filter(trust=subscriber.trust, id__gt=subscriber.last_change_sent_id or 0)
            .select_related("intention").order_by("id")
        )
        if not changes:
            continue
        body = render_to_string("plans/email/digest.txt", {"trust": subscriber.trust, "changes": changes, **_links(subscriber)})
        with transaction.atomic():
            # Record first, inside the transaction: a failed send rolls the record back.
            updated = Subscriber.objects.filter(pk=subscriber.pk, last_change_sent_id=subscriber.last_change_sent_id).update(last_change_sent=changes[-1])
            if not updated:
                continue  # another run got there first
            send_mail(f"{subscriber.trust.name}: the forward plan has changed", body, None, [subscriber.email])
        sent += 1
    return sent
