"""How a request meets the database: one transaction for a write, none for a read, and sessions saved only when needed.

Django's ATOMIC_REQUESTS wraps every view in a transaction, GETs included. On SQLite every
transaction begins IMMEDIATE (so two writers queue for the lock instead of failing when one
upgrades), which made every page view take the database's only write lock, and 50 people
browsing at once queued behind each other ("database is locked"). Here a request that may
write (POST, PUT, PATCH, DELETE) still runs its view in one transaction, so it saves all or
nothing; a read (GET, HEAD, OPTIONS) runs in autocommit and takes no lock. The few writes a
read makes (an audited look at a confidential record, a session refreshed) are each one
statement or their own atomic block.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

# The session's idle expiry moves on when it is saved. Saving it on every request made every
# signed-in page view a write; saving it at most this often keeps the two-hour idle limit
# within a few minutes of exact, as SESSION_SAVE_EVERY_REQUEST did, for one write in a hundred.
SESSION_REFRESH_SECONDS = 300
SEEN_KEY = "_jointly_seen"


class WriteRequestsInOneTransaction:
    """Run the view of a request that may write inside `transaction.atomic()`; leave reads in autocommit.

    Last in MIDDLEWARE, so CSRF and the sign-in checks have had their say before the transaction opens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if request.method in READ_METHODS:
            return None
        non_atomic = getattr(view, "_non_atomic_requests", set())
        if any(alias in non_atomic for alias in settings.DATABASES):
            return None
        with transaction.atomic():
            response = view(request, *args, **kwargs)
        if response is None:
            # Returned as is, Django would take None as "no answer yet" and run the view a second time.
            raise ValueError(f"The view {view.__module__}.{getattr(view, '__name__', view)} didn't return an HttpResponse object.")
        return response


class SessionSavedWhenNeeded:
    """Save a session when it changes, or when its idle expiry is SESSION_REFRESH_SECONDS old; never create one.

    Between SessionMiddleware and the views, so it marks the session before SessionMiddleware saves it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # An expired session's cookie loads as an empty session: that is no one to keep signed in.
        if session is None or session.is_empty() or not any(key != SEEN_KEY for key in session.keys()):
            return response
        now = int(time.time())
        seen = session.get(SEEN_KEY)
        if session.modified or not isinstance(seen, int) or now - seen >= SESSION_REFRESH_SECONDS:
            session[SEEN_KEY] = now
        return response
