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
    assert AuditEntry.objects.exists()
