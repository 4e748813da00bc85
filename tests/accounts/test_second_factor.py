"""Second factor: commissioners, regional leads and administrators pass a TOTP code first."""

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jointly.accounts.models import Role
from jointly.accounts.views import current_code
from tests.factories import TOTPDeviceFactory, UserFactory

PASSWORD = "correct horse battery staple"
TWO_FACTOR = "/account/two-factor/"


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _signed_in_with_password(user) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.REGIONAL_LEAD, Role.ADMINISTRATOR])
def test_roles_needing_a_code_are_sent_to_enter_it_after_the_password(db, role):
    user = UserFactory(role=role)
    TOTPDeviceFactory(user=user)
    client = Client()
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD, "next": "/organisations/"})
    assert response.status_code == 302
    assert response.url == f"{TWO_FACTOR}?next=/organisations/"


@pytest.mark.parametrize("path", ["/", "/organisations/", "/partnerships/", "/account/", "/people/"])
def test_every_other_page_waits_for_the_code(commissioner, path):
    client = _signed_in_with_password(commissioner)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{TWO_FACTOR}?next={path}"


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/cookies/", "/sign-out/", TWO_FACTOR])
def test_public_pages_and_signing_out_do_not_wait_for_the_code(commissioner, path):
    client = _signed_in_with_password(commissioner)
    assert client.get(path).status_code == 200


def test_a_right_code_lets_them_in(commissioner):
    client = _signed_in_with_password(commissioner)
    device = commissioner.totpdevice_set.get()
    page = client.get(f"{TWO_FACTOR}?next=/organisations/")
    assert b"Enter your security code" in page.content
    assert b"Set up your security code" not in page.content
    response = client.post(TWO_FACTOR, {"code": code_for(device), "next": "/organisations/"})
    assert response.status_code == 302
    assert response.url == "/organisations/"
    assert client.get("/organisations/").status_code == 200
    # Once verified, the code page just sends them on.
    assert client.get(TWO_FACTOR).status_code == 302


def test_a_code_typed_with_a_space_is_accepted(commissioner):
    client = _signed_in_with_password(commissioner)
    code = code_for(commissioner.totpdevice_set.get())
    response = client.post(TWO_FACTOR, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302


def test_a_wrong_code_is_refused_with_an_error(commissioner):
    client = _signed_in_with_password(commissioner)
    right = code_for(commissioner.totpdevice_set.get())
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post(TWO_FACTOR, {"code": wrong})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The security code is not right" in html
    assert client.get("/organisations/").status_code == 302


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("", "Enter the 6-digit security code"),
        ("12345", "The security code must be 6 digits"),
        ("1234567", "The security code must be 6 digits"),
        ("12a456", "The security code must be 6 digits"),
    ],
)
def test_malformed_codes_are_explained(commissioner, code, message):
    client = _signed_in_with_password(commissioner)
    html = client.post(TWO_FACTOR, {"code": code}).content.decode()
    assert message in html
    assert 'id="id_code-error"' in html


def test_after_a_wrong_code_the_right_one_works_once_the_pause_is_over(commissioner):
    client = _signed_in_with_password(commissioner)
    device = commissioner.totpdevice_set.get()
    client.post(TWO_FACTOR, {"code": "000000" if code_for(device) != "000000" else "111111"})
    with time_machine.travel(timezone.now() + timezone.timedelta(seconds=2), tick=False):
        response = client.post(TWO_FACTOR, {"code": code_for(device)})
    assert response.status_code == 302


def test_first_visit_sets_up_an_authenticator(db):
    lead = UserFactory(role=Role.REGIONAL_LEAD)
    client = _signed_in_with_password(lead)
    page = client.get(TWO_FACTOR)
    html = page.content.decode()
    assert "Set up your security code" in html
    assert "<svg" in html  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=lead)
    assert device.confirmed is False
    assert "Key: <code>" in html
    # Visiting again reuses the same unconfirmed device.
    client.get(TWO_FACTOR)
    assert TOTPDevice.objects.filter(user=lead).count() == 1
    response = client.post(TWO_FACTOR, {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/partnerships/").status_code == 200


def test_set_up_with_a_wrong_code_leaves_the_device_unconfirmed(db):
    admin = UserFactory(role=Role.ADMINISTRATOR)
    client = _signed_in_with_password(admin)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=admin)
    wrong = f"{(int(code_for(device)) + 7) % 1_000_000:06d}"
    response = client.post(TWO_FACTOR, {"code": wrong})
    assert "The security code is not right" in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is False


@pytest.mark.parametrize("role", [Role.PERFORMANCE_ANALYST, Role.BOARD_MEMBER, Role.PROVIDER_USER, Role.EVALUATOR, Role.PARTICIPANT])
def test_roles_that_do_not_need_a_code_go_straight_in(db, role):
    user = UserFactory(role=role)
    client = Client()
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.url == "/"
    assert client.get("/organisations/").status_code == 200
    assert not TOTPDevice.objects.filter(user=user).exists()


def test_the_code_page_needs_a_sign_in(anonymous_client, db):
    response = anonymous_client.get(TWO_FACTOR)
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/?next=")


# --- Demo mode ---------------------------------------------------------------


@pytest.fixture
def demo_people(db):
    commissioner = UserFactory(email="amina@demo.jointly.example", role=Role.COMMISSIONER, full_name="Amina Demo")
    device = TOTPDeviceFactory(user=commissioner)
    evaluator = UserFactory(email="eve@demo.jointly.example", role=Role.EVALUATOR, full_name="Eve Demo")
    return commissioner, device, evaluator


def test_demo_mode_lists_demo_people_with_their_current_code(settings, client, demo_people):
    settings.DEMO_MODE = True
    commissioner, device, evaluator = demo_people
    stranger = UserFactory(email="real.person@example.org", role=Role.COMMISSIONER)
    with time_machine.travel(timezone.now(), tick=False):
        html = client.get("/sign-in/").content.decode()
        code = code_for(device)
    assert "Demo sign-ins" in html
    assert commissioner.email in html and evaluator.email in html
    assert f"<code>{code}</code>" in html
    assert "Not needed" in html  # the evaluator has no code
    assert stranger.email not in html


def test_without_demo_mode_no_people_or_codes_are_shown(settings, client, demo_people):
    settings.DEMO_MODE = False
    commissioner, device, _ = demo_people
    html = client.get("/sign-in/").content.decode()
    assert "Demo sign-ins" not in html
    assert commissioner.email not in html


def test_demo_mode_shows_the_code_on_the_code_page_for_demo_people_only(settings, demo_people, commissioner):
    settings.DEMO_MODE = True
    demo_commissioner, device, _ = demo_people
    with time_machine.travel(timezone.now(), tick=False):
        html = _signed_in_with_password(demo_commissioner).get(TWO_FACTOR).content.decode()
        assert f'<span class="app-totp-code">{code_for(device)}</span>' in html
    real = _signed_in_with_password(commissioner).get(TWO_FACTOR).content.decode()
    assert "app-totp-code" not in real


def test_current_code_matches_what_the_device_accepts(demo_people):
    _, device, _ = demo_people
    assert device.verify_token(current_code(device))


def test_the_whole_address_survives_the_detour_through_the_code_page(commissioner):
    client = _signed_in_with_password(commissioner)
    wanted = "/organisations/?q=young carers&sector=vcs&page=2"
    response = client.get(wanted)
    assert response.status_code == 302
    page = client.get(response.url)
    assert page.context["next"] == "/organisations/?q=young%20carers&sector=vcs&page=2"
    done = client.post(TWO_FACTOR, {"code": code_for(commissioner.totpdevice_set.get()), "next": page.context["next"]})
    assert done.url == "/organisations/?q=young%20carers&sector=vcs&page=2"


def test_the_address_asked_for_at_sign_in_survives_too(commissioner):
    client = Client()
    response = client.post("/sign-in/", {"email": commissioner.email, "password": PASSWORD, "next": "/organisations/?q=a&sector=vcs"})
    assert client.get(response.url).context["next"] == "/organisations/?q=a&sector=vcs"
