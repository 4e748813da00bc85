"""An index for the directory's free-text search, so a word is found without reading every service.

The search matches each word anywhere in a service's name, description or
eligibility, or its organisation's name, as before (a substring, any case).
SQLite: an FTS5 table with the trigram tokenizer (which answers substring
queries from its index) holding that text per service, kept by triggers.
PostgreSQL: pg_trgm GIN indexes on the same text, which serve ILIKE. Words of
fewer than three letters have no trigram, so they are still matched by a scan.
"""

from django.db import migrations

SERVICE_TEXT = "{s}.name || ' ' || {s}.description || ' ' || {s}.eligibility"
ORGANISATION_NAME = "COALESCE((SELECT name FROM partnerships_organisation WHERE id = {s}.organisation_id), '')"
ROW_TEXT = SERVICE_TEXT + " || ' ' || " + ORGANISATION_NAME
# The expression the search's query repeats word for word, so PostgreSQL uses the index (providers/selectors.py).
POSTGRES_SERVICE_TEXT = "(name || ' ' || description || ' ' || eligibility)"

SQLITE_UP = [
    "CREATE VIRTUAL TABLE providers_service_search USING fts5(text, tokenize = 'trigram')",
    f"INSERT INTO providers_service_search (rowid, text) SELECT s.id, {ROW_TEXT.format(s='s')} FROM providers_directoryservice s",
    f"""CREATE TRIGGER providers_service_search_insert AFTER INSERT ON providers_directoryservice BEGIN
        INSERT INTO providers_service_search (rowid, text) VALUES (new.id, {ROW_TEXT.format(s="new")});
    END""",
    f"""CREATE TRIGGER providers_service_search_update AFTER UPDATE OF name, description, eligibility, organisation_id
        ON providers_directoryservice BEGIN
        DELETE FROM providers_service_search WHERE rowid = old.id;
        INSERT INTO providers_service_search (rowid, text) VALUES (new.id, {ROW_TEXT.format(s="new")});
    END""",
    """CREATE TRIGGER providers_service_search_delete AFTER DELETE ON providers_directoryservice BEGIN
        DELETE FROM providers_service_search WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER providers_service_search_organisation AFTER UPDATE OF name ON partnerships_organisation BEGIN
        DELETE FROM providers_service_search WHERE rowid IN (SELECT id FROM providers_directoryservice WHERE organisation_id = new.id);
        INSERT INTO providers_service_search (rowid, text)
            SELECT s.id, {SERVICE_TEXT.format(s="s")} || ' ' || new.name FROM providers_directoryservice s WHERE s.organisation_id = new.id;
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS providers_service_search_organisation",
    "DROP TRIGGER IF EXISTS providers_service_search_delete",
    "DROP TRIGGER IF EXISTS providers_service_search_update",
    "DROP TRIGGER IF EXISTS providers_service_search_insert",
    "DROP TABLE IF EXISTS providers_service_search",
]
POSTGRES_UP = [
    # Trusted since PostgreSQL 13: the tables' owner may add it without being a superuser.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE INDEX providers_service_search ON providers_directoryservice USING gin (({POSTGRES_SERVICE_TEXT}) gin_trgm_ops)",
    "CREATE INDEX partnerships_organisation_name_search ON partnerships_organisation USING gin (name gin_trgm_ops)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS partnerships_organisation_name_search",
    "DROP INDEX IF EXISTS providers_service_search",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in SQLITE_UP if vendor == "sqlite" else POSTGRES_UP if vendor == "postgresql" else []:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in SQLITE_DOWN if vendor == "sqlite" else POSTGRES_DOWN if vendor == "postgresql" else []:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("providers", "0007_venue_address_and_place"), ("partnerships", "0003_seat_holder_assignments")]
    operations = [migrations.RunPython(forwards, backwards)]
