"""SQLite refuses `INSERT OR REPLACE` / `REPLACE INTO` over an existing audit entry.

SQLite's REPLACE removes the row it conflicts with without firing DELETE
triggers (unless `recursive_triggers` is on), so 0002's triggers let it
overwrite an entry. A BEFORE INSERT trigger sees the row before REPLACE removes
it, and refuses. An upsert (`ON CONFLICT ... DO UPDATE`) already fires 0002's
UPDATE trigger, on both databases; PostgreSQL has no REPLACE, so it needs nothing.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER audit_auditentry_no_replace BEFORE INSERT ON audit_auditentry
WHEN EXISTS (SELECT 1 FROM audit_auditentry WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: replacing an entry is not allowed'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS audit_auditentry_no_replace;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_actor_survives_account_deletion")]
    operations = [migrations.RunPython(forwards, backwards)]
