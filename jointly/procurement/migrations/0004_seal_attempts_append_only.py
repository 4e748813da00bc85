"""The database refuses to change or remove a record of an attempt on the seal, as it does audit entries.

The model and its queryset refuse already (decision 0020); these triggers stop a script, a console
session or a bug that goes round them, on PostgreSQL and SQLite alike (audit migrations 0002 and 0004).
"""

from django.db import migrations

TABLE = "procurement_sealattempt"
POSTGRES_UP = f"""
CREATE OR REPLACE FUNCTION {TABLE}_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'attempts on the seal are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_change();
CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_change();
CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse_change();
"""
POSTGRES_DOWN = f"""
DROP TRIGGER IF EXISTS {TABLE}_no_update ON {TABLE};
DROP TRIGGER IF EXISTS {TABLE}_no_delete ON {TABLE};
DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE};
DROP FUNCTION IF EXISTS {TABLE}_refuse_change();
"""
SQLITE_UP = [
    f"""CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
       BEGIN SELECT RAISE(ABORT, 'attempts on the seal are append-only: UPDATE is not allowed'); END;""",
    f"""CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
       BEGIN SELECT RAISE(ABORT, 'attempts on the seal are append-only: DELETE is not allowed'); END;""",
    f"""CREATE TRIGGER {TABLE}_no_replace BEFORE INSERT ON {TABLE} WHEN EXISTS (SELECT 1 FROM {TABLE} WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'attempts on the seal are append-only: replacing one is not allowed'); END;""",
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {TABLE}_no_{name};" for name in ("update", "delete", "replace")]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP, params=None)  # the function's '%' is PL/pgSQL's, not a placeholder
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("procurement", "0003_route_rules")]
    operations = [migrations.RunPython(forwards, backwards)]
