"""The application's PostgreSQL role can add to the audit trail and read it, and nothing more to it.

Each test makes its own role (roles belong to the whole server, which parallel
test runs share) and drops it afterwards. The tests commit, so a second
connection, made as that role, sees the grants.
"""

import contextlib
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import post_migrate

from jointly.audit.database_roles import app_role_grant, owner_connection
from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.partnerships.models import Body
from tests.factories import BodyFactory

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no roles: whoever can open the file can change it")
INSUFFICIENT_PRIVILEGE = "42501"


def _current_user() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        return cursor.fetchone()[0]


def _drop_role(role: str) -> None:
    with connection.cursor() as cursor:
        # DROP OWNED revokes its privileges here (default privileges included), so the role can go.
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")


@pytest.fixture
def app_role(transactional_db):
    role = f"jointly_app_test_{uuid.uuid4().hex[:10]}"
    app_role_grant(role=role)
    yield role
    connection.close()
    _drop_role(role)


@contextlib.contextmanager
def connected_as(role: str):
    """The default connection is the application's, made as `role`, inside the block."""
    saved = {key: connection.settings_dict[key] for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict.update({"USER": role, "PASSWORD": ""})
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def _refused(sql: str, params=None) -> DatabaseError:
    with pytest.raises(DatabaseError) as refused:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    return refused.value


def _denied(sql: str, params=None) -> str:
    """Refused for want of a privilege (not by the triggers, which the role must never reach)."""
    error = _refused(sql, params)
    assert error.__cause__.sqlstate == INSUFFICIENT_PRIVILEGE, error
    assert "append-only" not in str(error)
    return str(error)


def _triggers_enabled() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'audit_auditentry'::regclass AND NOT tgisinternal")
        return dict(cursor.fetchall())


GUARDS = {"audit_auditentry_no_update": "O", "audit_auditentry_no_delete": "O", "audit_auditentry_no_truncate": "O"}


@postgresql
def test_the_app_role_writes_records_and_adds_and_reads_audit_entries(app_role):
    with connected_as(app_role):
        assert _current_user() == app_role
        body = BodyFactory(name="Children's board")
        body.name = "Children's partnership board"
        body.save()
        entries = AuditEntry.objects.filter(object_type="partnerships.body", object_id=str(body.pk))
        assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]
        Body.objects.filter(pk=body.pk).delete()
        assert not Body.objects.filter(pk=body.pk).exists()


@postgresql
def test_the_app_role_cannot_change_remove_or_unguard_audit_entries(app_role):
    BodyFactory()
    entry = AuditEntry.objects.order_by("id").last()
    with connected_as(app_role):
        assert _current_user() == app_role
        assert "permission denied" in _denied("UPDATE audit_auditentry SET reason = 'tampered' WHERE id = %s", [entry.pk])
        assert "permission denied" in _denied("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
        assert "permission denied" in _denied("TRUNCATE audit_auditentry")
        _denied(
            "INSERT INTO audit_auditentry (id, at, actor_label, action, object_type, object_id, object_repr, reason) "
            "VALUES (%s, now(), '', 'update', 'x', 'x', 'x', 'x') ON CONFLICT (id) DO UPDATE SET reason = excluded.reason",
            [entry.pk],
        )
        for statement in (
            "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_no_update",
            "ALTER TABLE audit_auditentry DISABLE TRIGGER ALL",
            "DROP TRIGGER audit_auditentry_no_delete ON audit_auditentry",
            "DROP TABLE audit_auditentry",
        ):
            assert "must be owner of" in _denied(statement)
        # Nor can it hollow out the function the triggers call, or switch ordinary triggers off for its session.
        # (PostgreSQL 15 says "permission denied for schema"; older servers, whose PUBLIC may create there, "must be owner".)
        _denied("CREATE OR REPLACE FUNCTION audit_auditentry_refuse_change() RETURNS trigger AS $$ BEGIN RETURN NEW; END; $$ LANGUAGE plpgsql")
        assert "must be owner of function" in _denied("DROP FUNCTION audit_auditentry_refuse_change() CASCADE")
        assert "permission denied" in _denied("SET session_replication_role = replica")
    assert _triggers_enabled() == GUARDS
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.reason, stored.object_repr) == ("", entry.object_repr)


@postgresql
def test_the_owner_is_still_refused_by_the_triggers(app_role):
    # The test above proves the role; this proves the same statement is refused for its own reason by the owner's triggers.
    BodyFactory()
    entry = AuditEntry.objects.order_by("id").last()
    assert "append-only" in str(_refused("UPDATE audit_auditentry SET reason = 'tampered' WHERE id = %s", [entry.pk]))


@postgresql
def test_tables_a_later_migration_creates_are_granted_too(app_role):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE test_roles_later (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, note text)")
    try:
        with connected_as(app_role), connection.cursor() as cursor:
            cursor.execute("INSERT INTO test_roles_later (note) VALUES ('added') RETURNING id")
            added = cursor.fetchone()[0]
            cursor.execute("UPDATE test_roles_later SET note = 'changed' WHERE id = %s", [added])
            cursor.execute("SELECT note FROM test_roles_later")
            assert cursor.fetchall() == [("changed",)]
            cursor.execute("DELETE FROM test_roles_later")
        with connected_as(app_role):
            assert "permission denied" in _denied("TRUNCATE test_roles_later")
            assert "must be owner" in _denied("DROP TABLE test_roles_later")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE test_roles_later")


@postgresql
def test_granting_again_changes_nothing_and_mends_a_drifted_grant(app_role):
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT ALL ON audit_auditentry TO {app_role}")
    done = app_role_grant(role=app_role)
    assert len(done) == 1 and done[0].startswith(f"Granted {app_role} reading and writing rows")
    BodyFactory()
    with connected_as(app_role):
        assert "permission denied" in _denied("DELETE FROM audit_auditentry")
        assert "permission denied" in _denied("TRUNCATE audit_auditentry")


@postgresql
def test_migrate_connects_as_the_owner_and_regrants_the_app_role(app_role, settings):
    owner = _current_user()
    settings.JOINTLY_DATABASE_OWNER = {"USER": owner, "PASSWORD": "", "NAME": "not-this-one"}
    seen = []

    def who_migrates(sender, using, **kwargs):
        seen.append(_current_user())

    with connection.cursor() as cursor:
        cursor.execute(f"GRANT UPDATE ON audit_auditentry TO {app_role}")
    post_migrate.connect(who_migrates, dispatch_uid="test-who-migrates")
    try:
        with connected_as(app_role):
            call_command("migrate", verbosity=0, interactive=False)
            assert _current_user() == app_role
            with owner_connection():
                assert _current_user() == owner
                # The owner's URL names a database; the application's is kept, so tests never migrate another.
                assert connection.settings_dict["NAME"] != "not-this-one"
            assert _current_user() == app_role
            BodyFactory()
            assert "permission denied" in _denied("UPDATE audit_auditentry SET reason = 'tampered'")
    finally:
        post_migrate.disconnect(dispatch_uid="test-who-migrates")
    assert seen and set(seen) == {owner}


@postgresql
def test_only_the_owner_can_flush(app_role, settings):
    BodyFactory()
    with connected_as(app_role):
        with pytest.raises(DatabaseError, match="must be owner"):
            call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.exists()
    settings.JOINTLY_DATABASE_OWNER = {"USER": _current_user()}
    with connected_as(app_role):
        call_command("flush", interactive=False, verbosity=0)
        assert not AuditEntry.objects.exists()
    assert _triggers_enabled() == GUARDS


@postgresql
def test_the_grant_command_creates_the_role_with_a_hashed_password(transactional_db, capsys, monkeypatch):
    role = f"jointly_app_test_{uuid.uuid4().hex[:10]}"
    monkeypatch.setenv("TEST_APP_DB_PASSWORD", "lantern-harbour-violet")
    try:
        call_command("grant_app_role", role=role, password_from_env="TEST_APP_DB_PASSWORD")
        out = capsys.readouterr().out
        assert f"Created the role {role}." in out and f"Set the password of {role}." in out
        with connection.cursor() as cursor:
            cursor.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s", [role])
            stored = cursor.fetchone()[0]
        # Hashed before it left this machine: the server never saw the password itself.
        assert stored.startswith("SCRAM-SHA-256$") and "lantern" not in stored
        with connected_as(role):
            assert _current_user() == role
            assert AuditEntry.objects.count() >= 0
    finally:
        connection.close()
        _drop_role(role)


@postgresql
def test_the_grant_command_needs_the_password_variable_set(db, monkeypatch):
    monkeypatch.delenv("TEST_UNSET_VARIABLE", raising=False)
    with pytest.raises(CommandError, match="TEST_UNSET_VARIABLE is not set"):
        call_command("grant_app_role", role="jointly_app_unused", password_from_env="TEST_UNSET_VARIABLE")


@postgresql
@pytest.mark.parametrize("role", ["postgres", "Robert'); DROP TABLE", ""])
def test_the_grant_refuses_an_unsafe_role(db, role):
    with pytest.raises(FieldErrors) as refused:
        app_role_grant(role=role)
    assert "role" in refused.value.errors


@postgresql
def test_the_grant_refuses_a_member_of_the_owner(transactional_db):
    role = f"jointly_app_test_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role}")
        cursor.execute(f"GRANT {_current_user()} TO {role}")
    try:
        with pytest.raises(FieldErrors, match="is a member of"):
            app_role_grant(role=role)
    finally:
        _drop_role(role)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="The SQLite answer")
def test_sqlite_has_no_roles_to_grant(db):
    with pytest.raises(FieldErrors, match="SQLite has none"):
        app_role_grant(role="jointly_app")
