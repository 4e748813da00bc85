"""Pages rendered once and served again from memory until anything in the database changes.

Most requests read, and the same person asks for the same few pages again and again (the home
page, the directory, a list), each costing tens of milliseconds of template rendering. This keeps
each rendered page in the worker's memory, filed under everything that can change it:

- the data: `DataGeneration`'s number, which goes up after every committed write by any process
  (every connection's statements pass through `note_writes`), so a page is never older than the
  last change anyone made;
- who is asking: the signed-in person and their session's contents (trust chosen, second factor
  passed), so no one is ever shown a page rendered for someone else. The CSRF token in a kept
  page's forms is taken out when it is kept and the asker's own put in each time it is served;
- the address, the host and today's date, with JOINTLY_PAGE_CACHE_SECONDS (60 unless set; 0
  turns it off, as in the tests) as the longest a page is kept, for what moves with the clock
  (a deadline passing, "due in 3 days").

Only a plain 200 page from a GET is kept, and not when the request wrote anything (an audited look
at a confidential record, a rate limit counted), set a cookie, left or showed a message, changed
the session, or was marked never to be cached (sealed bids, one-time forms). The API and the admin
are never kept. Every middleware still runs on a page served from memory: only the view and its
template are skipped, so sign-in, the second factor and the security headers apply as before.
A busy site that writes constantly gains little; one that mostly reads gains most (decision 0028).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from .middleware import SEEN_KEY

GENERATION_TABLE = "core_datageneration"
# Writes that change no page: the generation itself, sessions (their contents are in the key) and
# the cache table (rate-limit counters, the PDF cache). A request that makes them is still not kept.
NOT_DATA = (f'"{GENERATION_TABLE}"', '"django_session"', '"jointly_cache"')
WRITE_WORDS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE")
NEVER_KEPT_PATHS = ("/api/", "/admin/", "/static/")

# What `{% csrf_token %}` renders: kept with a placeholder, served with the asker's own token.
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00jointly-csrf-token\x00"

_request = threading.local()


# While `migrate` runs, the generation's table may not exist yet (a new database) or any more (going
# back): writes then are not noted, and the number moves on once at the end instead.
_migrating = False


def enabled() -> bool:
    return settings.JOINTLY_PAGE_CACHE_SECONDS > 0 and not _migrating


def migration_started(sender=None, **kwargs) -> None:
    """On `pre_migrate`."""
    global _migrating
    _migrating = True


def migration_finished(sender=None, using="default", **kwargs) -> None:
    """On `post_migrate`: every kept page retires, if the generation's table is there.

    Sent once per app after all the migrations have run: the number moves on once, on core's.
    """
    global _migrating
    _migrating = False
    if sender is not None and sender.label != "core":
        return
    connection = connections[using]
    if enabled() and GENERATION_TABLE in connection.introspection.table_names():
        bump(connection)


def note_writes(execute, sql, params, many, context):
    """Every connection's execute wrapper: after a write, the generation goes up once it is committed."""
    result = execute(sql, params, many, context)
    if not enabled():
        return result
    head = sql.lstrip()[:9].upper()
    if not head.startswith(WRITE_WORDS):
        return result
    _request.wrote = True
    if any(table in sql[:120] for table in NOT_DATA):
        return result
    connection = context["connection"]
    if connection.in_atomic_block:
        # Once per commit, however many writes; dropped with the transaction if it rolls back.
        connection._jointly_generation_due = True
        connection.on_commit(lambda: _bump_if_due(connection))
    else:
        bump(connection)
    return result


def _bump_if_due(connection) -> None:
    if getattr(connection, "_jointly_generation_due", False):
        connection._jointly_generation_due = False
        bump(connection)


def bump(connection=None) -> None:
    """Retire every kept page now (writes through Django's cursor do this themselves, on commit)."""
    connection = connection or connections["default"]
    table = connection.ops.quote_name(GENERATION_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (id, value) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET value = {table}.value + 1")


def watch(sender=None, connection=None, **kwargs) -> None:
    """On `connection_created`: put `note_writes` on the new connection."""
    if note_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(note_writes)


def generation() -> int:
    connection = connections["default"]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {connection.ops.quote_name(GENERATION_TABLE)} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _session_contents(request) -> str:
    session = getattr(request, "session", None)
    if session is None:
        return ""
    return json.dumps(sorted(((k, v) for k, v in session.items() if k != SEEN_KEY), key=lambda item: item[0]), default=str)


def page_key(request) -> str:
    user = getattr(request, "user", None)
    parts = [
        generation(),
        timezone.localdate().isoformat(),
        request.META.get("HTTP_HOST", ""),
        request.get_full_path(),
        user.pk if user is not None and user.is_authenticated else None,
        _session_contents(request),
    ]
    return "page:" + hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _keepable(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    control = response.get("Cache-Control", "")
    if "no-store" in control or "no-cache" in control:
        return False
    # Attributes the outer middleware read (a page's own CSP, framing allowed) are not kept with the page.
    if any(name.startswith("_csp") or name.startswith("xframe_options") for name in vars(response)):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.modified) and not _has_messages(request)


class RepeatPagesFromMemory:
    """Serve a page kept from an identical earlier request; keep the page this one renders. Last in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not enabled()
            or request.method != "GET"
            or request.path.startswith(NEVER_KEPT_PATHS)
            or "HTTP_AUTHORIZATION" in request.META
            or _has_messages(request)
        ):
            return self.get_response(request)
        store = caches["pages"]
        key = page_key(request)
        if (kept := store.get(key)) is not None:
            content, headers = kept
            if CSRF_PLACEHOLDER in content:
                content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            return HttpResponse(content, headers=headers)
        _request.wrote = False
        response = self.get_response(request)
        if not _request.wrote and _keepable(request, response):
            content = CSRF_INPUT.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            store.set(key, (content, dict(response.items())), settings.JOINTLY_PAGE_CACHE_SECONDS)
        return response
