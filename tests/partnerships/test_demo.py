"""The demo regions: loaded once, the same after a second load, with working personas."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from jointly.accounts.models import Role, User
from jointly.accounts.views import current_code
from jointly.audit.models import AuditEntry
from jointly.partnerships import demo
from jointly.partnerships.models import Body, Organisation, Region, Seat, Trust
from jointly.partnerships.selectors import representation_for
from tests.conftest import kept_for_the_module


@pytest.fixture(scope="module")
def _loaded_once(django_db_setup, django_db_blocker):
    # Loaded once for the module's tests, not once each (tests/conftest.py).
    with kept_for_the_module(django_db_blocker, DEMO_MODE=True):
        demo.load()
        yield


@pytest.fixture
def loaded(_loaded_once, db, settings):
    settings.DEMO_MODE = True


def _counts():
    return {model.__name__: model.objects.count() for model in (Region, Trust, Organisation, Body, Seat, User, TOTPDevice, AuditEntry)}


def test_two_regions_and_fifteen_trusts_with_real_ons_codes(loaded):
    assert set(Region.objects.values_list("slug", flat=True)) == {"peninsula", "east-of-england"}
    assert Trust.objects.filter(region__slug="peninsula").count() == 4
    assert Trust.objects.filter(region__slug="east-of-england").count() == 11
    assert Trust.objects.get(slug="plymouth").area.code == "E06000026"


def test_loading_again_changes_nothing(loaded):
    before = _counts()
    demo.load()
    assert _counts() == before


def test_every_persona_signs_in_with_the_demo_password(loaded):
    for person in User.objects.filter(email__endswith="@demo.jointly.example")[:6]:
        client = Client()
        response = client.post("/sign-in/", {"email": person.email, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302, person.email


def test_personas_needing_a_code_have_a_working_authenticator(loaded):
    commissioner = User.objects.filter(email__endswith="@demo.jointly.example", role=Role.COMMISSIONER).first()
    device = TOTPDevice.objects.get(user=commissioner, confirmed=True)
    client = Client()
    client.post("/sign-in/", {"email": commissioner.email, "password": demo.DEMO_PASSWORD})
    response = client.post("/account/two-factor/", {"code": current_code(device)})
    assert response.status_code == 302
    assert client.get("/partnerships/").status_code == 200


def test_plymouth_has_something_for_the_representation_check_to_show(loaded):
    rows = representation_for(trust=Trust.objects.get(slug="plymouth"))
    assert any(row.ending_soon for row in rows)
    assert any(row.vacancies for row in rows)
    assert any(row.missing_vcs for row in rows)
