"""`flush` empties every table, the audit trail included.

The database refuses any change to an audit entry (migration 0002's triggers).
Emptying the whole database is the one deliberate exception (tests do it
between transactional tests; a developer resets a demo), so this command lifts
the guard for the flush alone, inside the same transaction, and puts it back.
If the flush fails, the transaction rolls back and the guard was never lifted.
Other append-only tables (the attempts on the bid seal) name their guard's migration in their
app's `append_only_guards`, and are lifted and restored the same way.
Only the tables' owner may lift it, so on PostgreSQL this connects as the owner
when DATABASE_OWNER_URL is set (README "PostgreSQL roles").
"""

from importlib import import_module

from django.apps import apps
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import transaction

from jointly.audit.database_roles import owner_connection

_triggers = import_module("jointly.audit.migrations.0002_append_only_triggers")


def _execute(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            # No parameters: the PL/pgSQL body's '%' is not a placeholder.
            cursor.execute(statement)


def _guards():
    """The audit trail's guard migration, then each app's (AppConfig.append_only_guards), as modules."""
    paths = [path for config in apps.get_app_configs() for path in getattr(config, "append_only_guards", ())]
    return [_triggers, *(import_module(path) for path in paths)]


def _statements(guard, vendor: str, direction: str) -> list[str]:
    prefix = {"postgresql": "POSTGRES", "sqlite": "SQLITE"}[vendor]
    statements = getattr(guard, f"{prefix}_{direction}")
    return [statements] if isinstance(statements, str) else list(statements)


class Command(DjangoFlush):
    def handle(self, **options):
        with owner_connection(options["database"]) as connection:
            vendor = connection.vendor
            if vendor not in ("postgresql", "sqlite"):
                return super().handle(**options)
            guards = _guards()
            down = [statement for guard in guards for statement in _statements(guard, vendor, "DOWN")]
            up = [statement for guard in guards for statement in _statements(guard, vendor, "UP")]
            with transaction.atomic(using=options["database"]):
                _execute(connection, down)
                super().handle(**options)
                _execute(connection, up)
