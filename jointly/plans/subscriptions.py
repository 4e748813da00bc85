"""Subscribing to a trust's forward plan: double opt-in, one digest per change, unsubscribe in every email.

Only the email address is kept (and the trust it is for, a secret token, when
it was confirmed and which change was last sent): UK GDPR minimisation.
Unconfirmed requests are deleted after a week.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.links import absolute_url
from jointly.core.mail import email_send_later
from jointly.core.scheduling import Outcome, for_each_due

from .models import PlanChange, Subscriber

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
    email_send_later(
        to=email,
        subject=f"Confirm your subscription to {trust.name}'s forward plan",
        template="plans/email/confirm.txt",
        context={"trust": trust, **_links(subscriber)},
    )


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


def subscribers_with_news():
    """Confirmed subscribers whose trust's plan has changed since their last digest: one query, not one per subscriber."""
    newer = PlanChange.objects.filter(trust=OuterRef("trust"), id__gt=Coalesce(OuterRef("last_change_sent"), Value(0)))
    return Subscriber.objects.exclude(confirmed_at=None).filter(Exists(newer)).select_related("trust").order_by("pk")


def digest_send(*, subscriber: Subscriber) -> int:
    """Queue one subscriber ONE email listing the plan changes they have not had; 1 if queued, 0 if there was nothing new."""
    changes = list(
        PlanChange.objects.filter(trust=subscriber.trust, id__gt=subscriber.last_change_sent_id or 0).select_related("intention").order_by("id")
    )
    if not changes:
        return 0
    with transaction.atomic():
        # The email is queued only once this record commits; its task retries if the mail server fails.
        updated = Subscriber.objects.filter(pk=subscriber.pk, last_change_sent_id=subscriber.last_change_sent_id).update(last_change_sent=changes[-1])
        if not updated:
            return 0  # another run got there first
        email_send_later(
            to=subscriber.email,
            subject=f"{subscriber.trust.name}: the forward plan has changed",
            template="plans/email/digest.txt",
            context={"trust": subscriber.trust, "changes": changes, **_links(subscriber)},
        )
    return 1


def digests_send(*, now=None) -> Outcome:
    """Every digest due, each on its own (one address that cannot be sent to does not stop the rest). Idempotent."""
    now = now or timezone.now()
    Subscriber.objects.filter(confirmed_at=None, created_at__lt=now - UNCONFIRMED_KEPT_FOR).delete()
    return for_each_due(subscribers_with_news(), lambda subscriber: digest_send(subscriber=subscriber))
