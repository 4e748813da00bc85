"""`flush` empties every table, the audit trail included.

The database refuses any change to an audit entry (migration 0002's triggers).
Emptying the whole database is the one deliberate exception (tests do it
between transactional tests; a developer resets a demo), so this command lifts
the guard for the flush alone, inside the same transaction, and puts it back.
If the flush fails, the transaction rolls back and the guard was never lifted.
Only the tables' owner may lift it, so on PostgreSQL this connects as the owner
when DATABASE_OWNER_URL is set (README "PostgreSQL roles").
"""

from importlib import import_module

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import transaction

from jointly.audit.database_roles import owner_connection

_triggers = import_module("jointly.audit.migrations.0002_append_only_triggers")


def _execute(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            # No parameters: the PL/pgSQL body's '%' is not a placeholder.
            cursor.execute(statement)


class Command(DjangoFlush):
    def handle(self, **options):
        with owner_connection(options["database"]) as connection:
            vendor = connection.vendor
            if vendor == "postgresql":
                down, up = [_triggers.POSTGRES_DOWN], [_triggers.POSTGRES_UP]
            elif vendor == "sqlite":
                down, up = _triggers.SQLITE_DOWN, _triggers.SQLITE_UP
            else:
                return super().handle(**options)
            with transaction.atomic(using=options["database"]):
                _execute(connection, down)
                super().handle(**options)
                _execute(connection, up)
