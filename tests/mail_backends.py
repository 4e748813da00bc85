"""Mail servers that fail, for the tests that prove a failed email never fails what the person did."""

from smtplib import SMTPRecipientsRefused, SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

REFUSED = "refused@example.org"


class FailingEmailBackend(BaseEmailBackend):
    """A mail server that is down: every send raises."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingEmailBackend(LocmemBackend):
    """Refuses any message to REFUSED; delivers the rest to django.core.mail.outbox."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if REFUSED in message.to:
                raise SMTPRecipientsRefused({REFUSED: (550, b"No such mailbox")})
        return super().send_messages(email_messages)
