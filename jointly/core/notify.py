"""A Django email backend that sends each message through GOV.UK Notify.

Notify sends emails from templates held in Notify, not from bodies the service writes. The
service's emails are all plain text written here (`core.mail`), so one Notify template carries
them all: its subject is `((subject))` and its message `((body))`. Set `JOINTLY_NOTIFY_API_KEY`
and `JOINTLY_NOTIFY_TEMPLATE_ID` (and, optionally, `JOINTLY_NOTIFY_REPLY_TO_ID`, an email reply-to
address set up in Notify) and settings choose this backend; otherwise `DJANGO_EMAIL_BACKEND`.

Notify takes one recipient per call, so a message to three people is three notifications. Its
API refuses attachments in an email body, and this service sends none, so a message with one is
refused rather than sent without it. Failures raise (unless `fail_silently`), so `core.mail`'s
task tries again later, as with any other backend.

This module is imported by settings, so it imports nothing from Django's models.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

BACKEND = "jointly.core.notify.NotifyEmailBackend"


def choose_email_backend(*, api_key: str, template_id: str, configured: str) -> str:
    """Notify when its key is set (with the template it needs), otherwise the configured backend."""
    if not api_key:
        return configured
    if not template_id:
        raise ImproperlyConfigured(
            "JOINTLY_NOTIFY_API_KEY is set but JOINTLY_NOTIFY_TEMPLATE_ID is not: make an email template in Notify "
            "with the subject ((subject)) and the message ((body)), and set its id."
        )
    return BACKEND


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, *, api_key: str | None = None, template_id: str | None = None, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = api_key or settings.JOINTLY_NOTIFY_API_KEY
        self.template_id = template_id or settings.JOINTLY_NOTIFY_TEMPLATE_ID
        self.reply_to_id = getattr(settings, "JOINTLY_NOTIFY_REPLY_TO_ID", "") or None
        self.client = None

    def open(self):
        if self.client is None:
            # Imported here: only an installation that sends through Notify needs the client loaded.
            from notifications_python_client.notifications import NotificationsAPIClient

            self.client = NotificationsAPIClient(self.api_key)
        return True

    def close(self):
        self.client = None

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        self.open()
        sent = 0
        for message in email_messages:
            try:
                sent += self._send(message)
            except Exception:
                if not self.fail_silently:
                    raise
        return sent

    def _send(self, message) -> int:
        if message.attachments:
            raise ValueError("GOV.UK Notify cannot send this email's attachments; nothing was sent.")
        recipients = message.recipients()
        for address in recipients:
            self.client.send_email_notification(
                email_address=address,
                template_id=self.template_id,
                personalisation={"subject": message.subject, "body": message.body},
                email_reply_to_id=self.reply_to_id,
            )
        return 1 if recipients else 0
