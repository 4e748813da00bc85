"""One scheduled job raises every reminder of the contract stages (issue 11, point 8).

Each app that has dates to remind people of (contracts' end and notice dates here; returns,
reviews and payments in theirs) registers a source at start with `reminder_source`: a function
of the day giving `Due` reminders. The job asks every source, skips what was already sent (the
`Reminder` row's unique key), and emails the rest after commit, each in its own transaction, so
one refused reminder does not stop the others. Sources read only what is due on the day; the
dates themselves are enforced by the services, never by this job.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from jointly.core.mail import email_send_later
from jointly.core.scheduling import for_each_due, scheduled

from .models import Reminder


@dataclass(frozen=True)
class Due:
    key: str  # unique for the event and the step, e.g. "contract:12:ends-90"
    kind: str
    due_on: datetime.date
    subject: str
    to: tuple[str, ...]
    template: str
    context: dict = field(default_factory=dict, hash=False, compare=False)
    trust_id: int | None = None
    contract_id: int | None = None


Source = Callable[[datetime.date], Iterable[Due]]
_SOURCES: dict[str, Source] = {}


def reminder_source(function: Source) -> Source:
    """Register a source of reminders (at import, from the app's `ready()`)."""
    _SOURCES[f"{function.__module__}.{function.__qualname__}"] = function
    return function


def registered_sources() -> list[Source]:
    return [_SOURCES[name] for name in sorted(_SOURCES)]


def due_reminders(today: datetime.date) -> list[Due]:
    """Every reminder due today from every source, less those already sent (one query for those)."""
    due = [item for source in registered_sources() for item in source(today)]
    sent = set(Reminder.objects.filter(key__in=[item.key for item in due]).values_list("key", flat=True))
    return [item for item in due if item.key not in sent and item.to]


def reminder_send(item: Due) -> int:
    """Record and send one reminder: 1, or 0 when another run sent it first."""
    try:
        with transaction.atomic():
            Reminder.objects.create(
                key=item.key,
                kind=item.kind,
                trust_id=item.trust_id,
                contract_id=item.contract_id,
                due_on=item.due_on,
                subject=item.subject[:300],
                sent_to=", ".join(item.to),
            )
    except IntegrityError:
        return 0
    email_send_later(to=list(item.to), subject=item.subject, template=item.template, context=item.context)
    return 1


@scheduled(every=timedelta(hours=6))
def send_contract_reminders() -> str:
    today = timezone.localdate()
    return for_each_due(due_reminders(today), reminder_send, label=lambda item: item.key).summary("reminders due", count="reminders sent")
