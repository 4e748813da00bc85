"""Demo data built once per run and copied back for each test that needs it (SQLite only).

The live-server tests use a transactional database, emptied after each test,
so each of them used to load the partnerships demo again (about a second) and
its module's own demos on top (up to four more). On SQLite the test database
is one in-memory database on one connection, shared with the live server's
thread, so the state right after a load can be kept as a copy (SQLite's backup
API) and copied back in milliseconds: the test gets the same rows, with the
same keys, as loading would have given it.

A copy is only taken or used when the database is exactly in a known state:
emptied by the last test (or exactly a copy already brought back), with not
one row changed since. Otherwise (rows a test made before asking for the demo,
a non-transactional test since the last emptying, PostgreSQL) the loader runs
as before, so the result never differs from loading.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

_EMPTIED = ("emptied",)
_saved: dict[tuple[str, ...], sqlite3.Connection] = {}
# (what the database holds, its raw connection, its change count then): while the connection
# and its count are unchanged, the database holds exactly that.
_known: tuple[tuple[str, ...], sqlite3.Connection, int] | None = None


def _raw_connection() -> sqlite3.Connection | None:
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return None
    connection.ensure_connection()
    if connection.in_atomic_block:
        return None
    return connection.connection


def _note(state: tuple[str, ...] | None, raw: sqlite3.Connection | None) -> None:
    global _known
    _known = (state, raw, raw.total_changes) if state is not None and raw is not None else None


def _current(raw: sqlite3.Connection) -> tuple[str, ...] | None:
    if _known is None:
        return None
    state, known_raw, changes = _known
    return state if known_raw is raw and raw.total_changes == changes else None


def bring_to(name: str, build: Callable[[], object]) -> None:
    """Run `build` (a demo loader) on the database as it is, or copy back what it built before on the same start.

    `build` must give the same rows each time on the same start (the demo loaders do).
    Objects it returns are not kept: read what you need from the database afterwards.
    """
    raw = _raw_connection()
    start = _current(raw) if raw is not None else None
    if start is None:
        build()
        _note(None, None)
        return
    state = (*start, name)
    if state in _saved:
        _saved[state].backup(raw)
        # Rows now have the keys they had when the copy was made; forget the ones cached since.
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
    else:
        build()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        raw.backup(copy)
        _saved[state] = copy
    _note(state, raw)


def _emptied_after(item) -> bool:
    if {"transactional_db", "live_server"} & set(item.fixturenames):
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    # After every fixture's teardown, pytest-django's emptying of the database included. A test
    # that changed no row leaves what was known true (the change count tells).
    from django.db import connection

    raw = connection.connection if connection.vendor == "sqlite" and connection.is_in_memory_db() else None
    if raw is None:
        _note(None, None)
    elif _emptied_after(item):
        _note(_EMPTIED, raw)
