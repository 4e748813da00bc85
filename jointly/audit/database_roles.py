"""PostgreSQL roles: the tables' owner migrates; the application's role cannot touch the guards.

The audit trail's triggers (migrations 0002 and 0004) only protect it from a
role that cannot drop or disable them. In PostgreSQL only a table's owner (or a
superuser) can ALTER, DROP or DISABLE a trigger, and TRUNCATE needs its own
privilege. So `migrate` connects as the owner (DATABASE_OWNER_URL), and the
application connects (DATABASE_URL) as a role that may only read and write
rows, and may only add audit entries. See README "PostgreSQL roles".
"""

from __future__ import annotations

import contextlib
import re

from django.conf import settings
from django.db import connections

from jointly.core.errors import FieldErrors

AUDIT_TABLE = "audit_auditentry"
# Plain lower-case names only, so a role name can never be read as SQL.
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Where the owner's connection differs from the application's. The database's
# name always stays the application's, so a test run can never migrate another database.
_OWNER_KEYS = ("USER", "PASSWORD", "HOST", "PORT")


def owner_configured(using: str = "default") -> bool:
    owner = getattr(settings, "JOINTLY_DATABASE_OWNER", None)
    return bool(owner) and connections[using].vendor == "postgresql"


@contextlib.contextmanager
def owner_connection(using: str = "default"):
    """Inside the block, `connections[using]` is connected as the owner role, if one is configured."""
    connection = connections[using]
    if not owner_configured(using):
        yield connection
        return
    owner = settings.JOINTLY_DATABASE_OWNER
    saved = {key: connection.settings_dict.get(key) for key in _OWNER_KEYS}
    connection.close()
    connection.settings_dict.update({key: owner[key] for key in _OWNER_KEYS if owner.get(key) not in (None, "")})
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def app_role_name(using: str = "default") -> str:
    """The role the application connects as (DATABASE_URL's user)."""
    return connections[using].settings_dict.get("USER") or ""


def _role(cursor, role: str) -> tuple[bool, bool] | None:
    """(is superuser, is a member of the current role, so may act as the tables' owner), or None if there is no such role."""
    cursor.execute(
        "SELECT rolsuper, pg_has_role(oid, (SELECT oid FROM pg_roles WHERE rolname = current_user), 'MEMBER') FROM pg_roles WHERE rolname = %s",
        [role],
    )
    return cursor.fetchone()


def app_role_exists(*, role: str, using: str = "default") -> bool:
    with connections[using].cursor() as cursor:
        return _role(cursor, role) is not None


def app_role_grant(*, role: str, password: str | None = None, using: str = "default") -> list[str]:
    """Create (if missing) and grant the application's role; safe to run again. Returns what was done.

    Run as the tables' owner. The role may SELECT, INSERT, UPDATE and DELETE rows
    and use sequences, on every table, now and in future (default privileges),
    except the audit trail, where it may only SELECT and INSERT. It owns nothing,
    so it cannot ALTER, DROP or DISABLE a trigger, and it has no TRUNCATE.
    """
    connection = connections[using]
    if connection.vendor != "postgresql":
        raise FieldErrors({"database": "Database roles are PostgreSQL's: SQLite has none, so there is nothing to grant."})
    if not _ROLE_NAME.match(role or ""):
        raise FieldErrors({"role": "Enter a role name of lower-case letters, digits and underscores, starting with a letter or underscore"})
    quote = connection.ops.quote_name
    done = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, current_database(), current_schema()")
        owner, database, schema = cursor.fetchone()
        if role == owner:
            raise FieldErrors({"role": f"{role} is the role running this, which owns the tables. Choose another role for the application."})
        found = _role(cursor, role)
        if found is None:
            cursor.execute(f"CREATE ROLE {quote(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION")
            done.append(f"Created the role {role}.")
        elif found[0]:
            raise FieldErrors({"role": f"{role} is a superuser, so it could drop the audit trail's guards. Use a role that is not."})
        elif found[1]:
            raise FieldErrors(
                {
                    "role": f"{role} is a member of {owner}, which owns the tables, so it could drop the audit trail's guards. "
                    f"Use a role that is not (REVOKE {owner} FROM {role})."
                }
            )
        if password:
            # libpq hashes it (SCRAM) first, so the password itself never reaches the server or its logs.
            hashed = connection.connection.pgconn.encrypt_password(password.encode(), role.encode())
            cursor.execute(f"ALTER ROLE {quote(role)} PASSWORD %s", [hashed.decode()])
            done.append(f"Set the password of {role}.")
        role_q, schema_q = quote(role), quote(schema)
        statements = [
            f"GRANT CONNECT ON DATABASE {quote(database)} TO {role_q}",
            f"GRANT USAGE ON SCHEMA {schema_q} TO {role_q}",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema_q} TO {role_q}",
            # In case someone once granted ALL: these let a role empty a table or add triggers.
            f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA {schema_q} FROM {role_q}",
            f"REVOKE UPDATE, DELETE ON {quote(AUDIT_TABLE)} FROM {role_q}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema_q} TO {role_q}",
            # Tables and sequences later migrations create (as this owner) are granted the same way.
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema_q} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role_q}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema_q} GRANT USAGE, SELECT ON SEQUENCES TO {role_q}",
        ]
        for statement in statements:
            cursor.execute(statement)
    done.append(f"Granted {role} reading and writing rows in {database}.{schema} (owner {owner}); on {AUDIT_TABLE} only reading and adding entries.")
    return done
