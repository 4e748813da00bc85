"""Nobody can change or remove an audit entry: not the ORM, and not raw SQL."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from jointly.audit.models import AppendOnlyError, AuditEntry
from tests.factories import BodyFactory, UserFactory


@pytest.fixture
def entry(db):
    BodyFactory()
    return AuditEntry.objects.order_by("id").last()


def test_an_existing_entry_cannot_be_saved_again(entry):
    entry.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.refresh_from_db()
    assert entry.reason == ""


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_querysets_cannot_update_entries(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(reason="tampered")


def test_querysets_cannot_delete_entries(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_database_refuses_a_raw_update(entry):
    with pytest.raises(DatabaseError) as refused:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditentry SET reason = 'tampered' WHERE id = %s", [entry.pk])
    assert "append-only" in str(refused.value)
    entry.refresh_from_db()
    assert entry.reason == ""


def test_the_database_refuses_a_raw_delete(entry):
    with pytest.raises(DatabaseError) as refused:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert "append-only" in str(refused.value)
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


# Every column the table requires, so a statement fails only for the reason a test is about.
_COLUMNS = "at, actor_label, action, object_type, object_id, object_repr, reason"
_VALUES = "CURRENT_TIMESTAMP, '', 'update', 'tampered', 'tampered', 'tampered', 'tampered'"
INSERT_WITH_ID = "{verb} audit_auditentry (id, " + _COLUMNS + ") VALUES (%s, " + _VALUES + ")"
INSERT_NEW = "INSERT INTO audit_auditentry (" + _COLUMNS + ") VALUES (" + _VALUES + ")"


def _refused(sql, params) -> DatabaseError:
    with pytest.raises(DatabaseError) as refused:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    return refused.value


def _unchanged(entry) -> None:
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.reason, stored.object_repr, stored.action) == ("", entry.object_repr, entry.action)


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="REPLACE is SQLite's; PostgreSQL has no such statement")


@sqlite_only
@pytest.mark.parametrize("verb", ["INSERT OR REPLACE INTO", "REPLACE INTO"])
def test_sqlite_refuses_replacing_an_entry(entry, verb):
    # REPLACE deletes the old row without firing DELETE triggers: only the BEFORE INSERT guard stops it.
    assert "append-only" in str(_refused(INSERT_WITH_ID.format(verb=verb), [entry.pk]))
    _unchanged(entry)


@pytest.mark.parametrize(
    "conflict",
    [
        "ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, object_repr = excluded.object_repr",
        pytest.param(
            "ON CONFLICT DO UPDATE SET reason = excluded.reason",
            marks=pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL needs a conflict target for DO UPDATE"),
        ),
    ],
)
def test_the_database_refuses_an_upsert_over_an_entry(entry, conflict):
    assert "append-only" in str(_refused(INSERT_WITH_ID.format(verb="INSERT INTO") + " " + conflict, [entry.pk]))
    _unchanged(entry)


def test_raw_sql_can_still_add_an_entry(entry):
    # The guard against replacing must not stop plain inserts, which is all the application does.
    count = AuditEntry.objects.count()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(INSERT_NEW)
    assert AuditEntry.objects.count() == count + 1
    _unchanged(entry)


def test_the_database_refuses_emptying_the_table(entry):
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_postgresql_refuses_truncate(entry):
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_new_entries_can_still_be_added_after_a_refusal(entry):
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry")
    BodyFactory()
    assert AuditEntry.objects.count() >= 2


def test_a_person_who_acted_can_still_be_deleted_and_the_trail_keeps_their_name(db):
    from jointly.audit.services import acting_as

    person = UserFactory(full_name="Gone Person")
    with acting_as(person):
        body = BodyFactory()
    entry = AuditEntry.objects.get(object_type="partnerships.body", object_id=str(body.pk))
    person.delete()
    entry = AuditEntry.objects.select_related("actor").get(pk=entry.pk)
    assert entry.actor is None
    assert entry.actor_label.startswith("Gone Person <")


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_trail_and_puts_the_guard_back():
    BodyFactory()
    assert AuditEntry.objects.exists()
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    BodyFactory()
    with pytest.raises(DatabaseError):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry")
    entry = AuditEntry.objects.order_by("id").last()
    assert entry is not None
    upsert = INSERT_WITH_ID.format(verb="INSERT INTO") + " ON CONFLICT (id) DO UPDATE SET reason = excluded.reason"
    assert "append-only" in str(_refused(upsert, [entry.pk]))
    if connection.vendor == "sqlite":
        assert "append-only" in str(_refused(INSERT_WITH_ID.format(verb="REPLACE INTO"), [entry.pk]))
    _unchanged(entry)
