"""Every email the service sends goes through `email_send_later`.

The message is written where the change is made (the template is rendered
there, so the task gets plain text, never objects), and the task that sends
it is queued only once the transaction commits: nobody is emailed about a
change that was rolled back. The mail server is never asked inside a request,
so a server that is down or refuses an address cannot fail the request: a
booking already saved stays saved and shows its confirmation, and the password
reset page answers the same whether or not the address has an account. A
failed send is tried again later, then logged.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# How long to wait before each retry: a mail server that is down is often back within the hour.
RETRY_AFTER = (datetime.timedelta(minutes=1), datetime.timedelta(minutes=10), datetime.timedelta(hours=1))


def email_send_later(*, to: str | Iterable[str], subject: str, template: str, context: dict | None = None) -> None:
    """Write the email now; send it from a task once the transaction commits."""
    recipients = [address for address in ([to] if isinstance(to, str) else to) if address]
    if not recipients:
        return
    body = render_to_string(template, context or {})
    # A subject carries titles people typed; a line break in it would make Django refuse the message.
    subject = " ".join(subject.split())
    # robust: if the queue cannot be reached the change still stands, and the error is logged.
    transaction.on_commit(lambda: email_send.enqueue(to=recipients, subject=subject, body=body), robust=True)


@task()
def email_send(*, to: list[str], subject: str, body: str, attempt: int = 1) -> str:
    try:
        EmailMessage(subject=subject, body=body, to=to).send()
    except Exception:  # Whatever the mail server did, the message must not be lost without a trace.
        if attempt <= len(RETRY_AFTER) and email_send.get_backend().supports_defer:
            logger.warning("Could not send %r (attempt %d): trying again later", subject, attempt, exc_info=True)
            email_send.using(run_after=timezone.now() + RETRY_AFTER[attempt - 1]).enqueue(to=to, subject=subject, body=body, attempt=attempt + 1)
            return "retrying"
        logger.exception("Gave up sending %r after %d attempt(s)", subject, attempt)
        raise  # recorded as a failed task, with its traceback
    return "sent"
