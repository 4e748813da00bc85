"""Shared fixtures, named for people and states.

Two trusts in two regions; in the first, one person for each role; in the
second, a commissioner ("another trust's user"). Clients come signed in, with
their second factor passed where their role needs one.
"""

import contextlib
import time

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from jointly.accounts.models import Role
from jointly.core.middleware import SEEN_KEY

from .factories import OrganisationFactory, RegionFactory, TOTPDeviceFactory, TrustFactory, TrustPartnerFactory, UserFactory

FAST_PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Production's Argon2 costs take ~0.1s a hash; tests make hundreds of people.
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


def _flush_by_deleting():
    """On PostgreSQL, empty the tables between transactional tests with DELETE, not one TRUNCATE of them all.

    TRUNCATE gives each of the ~140 tables (and its indexes) new files: about 1.5 s a flush on an idle
    machine, five or more when it is busy, after each of the ~50 transactional tests outside the browser
    suite. DELETE on the few rows a test leaves takes a few milliseconds. The foreign keys Django makes
    are deferred, so the order does not matter; the database is just as empty afterwards, and the
    sequences are left alone in both (Django's flush between tests does not reset them). Flushes that
    reset sequences or cascade keep Django's TRUNCATE.
    """
    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:  # no PostgreSQL driver installed: nothing to change
        return
    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        deletes = [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]
        return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]

    DatabaseOperations.sql_flush = sql_flush


_flush_by_deleting()


@contextlib.contextmanager
def kept_for_the_module(django_db_blocker, **settings):
    """For a module-scoped fixture that loads data once (a demo) for every test in the module.

    What is written inside is seen by each of the module's tests (each with `db`, in its own
    savepoint, rolled back after it as usual) and rolled back when the module ends. Not for
    transactional tests (they empty the database). `settings` hold while the data is written
    (a test's `settings` fixture is not there yet); passwords are hashed the tests' fast way.
    Objects the fixture hands out are shared: a test should read what it changes again.
    """
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, **settings):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def tasks_run_at_once(settings):
    """Queued tasks (an email, say) run as soon as they are queued, so the test sees what they did."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(params=["queued for a worker", "run at once"])
def tasks_either_way(request, settings):
    """Once with tasks left for a worker (as in production), once with them run in the same process."""
    settings.TASKS = QUEUED_TASKS if request.param == "queued for a worker" else IMMEDIATE_TASKS
    return request.param


@pytest.fixture
def mail_server_down(settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingEmailBackend"


@pytest.fixture
def commits(transactional_db):
    """Transactions commit as in production, so work queued on commit runs inside the request, as it would there."""
    yield
    cache.clear()  # the rate limits' cache table is not emptied between transactional tests


@pytest.fixture
def region(db):
    return RegionFactory(name="Peninsula", slug="peninsula")


@pytest.fixture
def trust(region):
    return TrustFactory(name="Plymouth Children's Trust", slug="plymouth", region=region, area__name="Plymouth")


@pytest.fixture
def other_trust(db):
    return TrustFactory(name="Essex Children's Trust", slug="essex", area__name="Essex")


@pytest.fixture
def provider_org(trust):
    organisation = OrganisationFactory(name="Young Carers Project")
    TrustPartnerFactory(trust=trust, organisation=organisation)
    return organisation


@pytest.fixture
def other_provider_org(trust):
    organisation = OrganisationFactory(name="Youth Clubs Network")
    TrustPartnerFactory(trust=trust, organisation=organisation)
    return organisation


def _person(role, trust=None, **extra):
    user = UserFactory(role=role, trusts=[trust] if trust else [], **extra)
    if user.needs_second_factor:
        TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def commissioner(trust):
    return _person(Role.COMMISSIONER, trust, full_name="Amina Commissioner")


@pytest.fixture
def analyst(trust):
    return _person(Role.PERFORMANCE_ANALYST, trust)


@pytest.fixture
def board_member(trust):
    return _person(Role.BOARD_MEMBER, trust)


@pytest.fixture
def provider_user(trust, provider_org):
    return _person(Role.PROVIDER_USER, trust, organisation=provider_org)


@pytest.fixture
def other_provider_user(trust, other_provider_org):
    return _person(Role.PROVIDER_USER, trust, organisation=other_provider_org)


@pytest.fixture
def evaluator(trust):
    return _person(Role.EVALUATOR, trust)


@pytest.fixture
def participant(trust):
    return _person(Role.PARTICIPANT, trust)


@pytest.fixture
def regional_lead(region, trust):
    return _person(Role.REGIONAL_LEAD, region=region)


@pytest.fixture
def administrator(db):
    return _person(Role.ADMINISTRATOR)


@pytest.fixture
def other_commissioner(other_trust):
    return _person(Role.COMMISSIONER, other_trust, full_name="Oliver Other")


def signed_in_client(user) -> Client:
    """A test client signed in as `user`, second factor passed if the role needs one."""
    client = Client()
    client.force_login(user)
    session = client.session
    # As a real sign-in leaves it (the sign-in request saves the session): seen now, so the next
    # few page views do not save it again (jointly.core.middleware.SessionSavedWhenNeeded).
    session[SEEN_KEY] = int(time.time())
    if user.needs_second_factor:
        session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
    session.save()
    return client


@pytest.fixture
def commissioner_client(commissioner):
    return signed_in_client(commissioner)


@pytest.fixture
def other_commissioner_client(other_commissioner):
    return signed_in_client(other_commissioner)


@pytest.fixture
def provider_client(provider_user):
    return signed_in_client(provider_user)


@pytest.fixture
def other_provider_client(other_provider_user):
    return signed_in_client(other_provider_user)


@pytest.fixture
def administrator_client(administrator):
    return signed_in_client(administrator)


@pytest.fixture
def anonymous_client():
    return Client()
