"""Signing in and out: email and password, throttling, sessions."""

import pytest
from django.conf import settings
from django.urls import reverse

from jointly.accounts.models import Role
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
SIGN_IN = "/sign-in/"
PRODUCTION_HASHERS = list(settings.PASSWORD_HASHERS)


@pytest.fixture
def analyst_person(db):
    # A role with no second factor, so a right password goes straight in.
    return UserFactory(email="ana.lyst@example.org", role=Role.PERFORMANCE_ANALYST)


def _sign_in(client, email, password, **extra):
    return client.post(SIGN_IN, {"email": email, "password": password, **extra})


def test_passwords_are_stored_as_argon2_hashes(settings, db):
    # The real hashers, not the fast test one.
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    person = UserFactory(role=Role.EVALUATOR)
    assert person.password.startswith("argon2$argon2id$")
    assert PASSWORD not in person.password
    assert person.check_password(PASSWORD)


def test_sign_in_page_is_public(anonymous_client, db):
    response = anonymous_client.get(SIGN_IN)
    assert response.status_code == 200
    assert b'name="email"' in response.content
    assert b'autocomplete="current-password"' in response.content


def test_right_password_signs_in_and_goes_home(client, analyst_person):
    response = _sign_in(client, "ana.lyst@example.org", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert int(client.session["_auth_user_id"]) == analyst_person.pk


def test_email_is_not_case_sensitive(client, analyst_person):
    response = _sign_in(client, "Ana.Lyst@Example.ORG", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == analyst_person.pk


def test_sign_in_follows_a_safe_next_address(client, analyst_person):
    response = _sign_in(client, analyst_person.email, PASSWORD, next="/organisations/")
    assert response.url == "/organisations/"


def test_sign_in_ignores_a_next_address_on_another_site(client, analyst_person):
    response = _sign_in(client, analyst_person.email, PASSWORD, next="https://evil.example.com/")
    assert response.url == reverse("core:home")


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(client, analyst_person):
    response = _sign_in(client, "ana.lyst@example.org", "not the password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The email address or password is not right" in html
    assert 'value="ana.lyst@example.org"' in html
    # The password is never sent back.
    assert "not the password" not in html
    assert "_auth_user_id" not in client.session


def test_unknown_email_gets_the_same_message(client, db):
    response = _sign_in(client, "nobody@example.org", PASSWORD)
    assert "The email address or password is not right" in response.content.decode()


def test_empty_form_says_what_to_enter(client, db):
    html = _sign_in(client, "", "").content.decode()
    assert "govuk-error-summary" in html
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert 'class="govuk-error-message"' in html


def test_malformed_email_is_explained(client, db):
    html = _sign_in(client, "not-an-email", "x").content.decode()
    assert "Enter an email address in the correct format, like name@example.org" in html
    assert 'value="not-an-email"' in html


def test_inactive_person_cannot_sign_in(client, analyst_person):
    analyst_person.is_active = False
    analyst_person.save()
    response = _sign_in(client, analyst_person.email, PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signed_in_person_visiting_sign_in_is_sent_on(client, analyst_person):
    client.force_login(analyst_person)
    response = client.get(SIGN_IN)
    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_five_failures_lock_the_account_even_against_the_right_password(client, analyst_person):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = _sign_in(client, analyst_person.email, "wrong")
        assert "The email address or password is not right" in response.content.decode()
    # The fifth failure reaches the limit.
    _sign_in(client, analyst_person.email, "wrong")
    response = _sign_in(client, analyst_person.email, PASSWORD)
    html = response.content.decode()
    assert "_auth_user_id" not in client.session
    assert "tried to sign in too many times" in html
    assert "Wait 15 minutes" in html


def test_lockout_is_per_account(client, analyst_person):
    other = UserFactory(role=Role.EVALUATOR)
    for _ in range(5):
        _sign_in(client, analyst_person.email, "wrong")
    response = _sign_in(client, other.email, PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == other.pk


def test_a_success_before_the_limit_resets_the_count(client, analyst_person):
    for _ in range(4):
        _sign_in(client, analyst_person.email, "wrong")
    assert _sign_in(client, analyst_person.email, PASSWORD).status_code == 302
    client.post("/sign-out/")
    for _ in range(4):
        _sign_in(client, analyst_person.email, "wrong")
    assert _sign_in(client, analyst_person.email, PASSWORD).status_code == 302


def test_sign_out_page_asks_to_confirm_and_does_not_sign_out_on_get(client, analyst_person):
    client.force_login(analyst_person)
    response = client.get("/sign-out/")
    assert response.status_code == 200
    assert b'method="post"' in response.content
    assert int(client.session["_auth_user_id"]) == analyst_person.pk


def test_sign_out_by_post(client, analyst_person):
    client.force_login(analyst_person)
    response = client.post("/sign-out/")
    assert response.status_code == 302
    assert response.url == reverse("core:home")
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302


def test_sign_out_needs_the_csrf_token(analyst_person):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst_person)
    assert client.post("/sign-out/").status_code == 403
    assert int(client.session["_auth_user_id"]) == analyst_person.pk


def test_session_cookie_expires_at_browser_close(client, analyst_person):
    response = _sign_in(client, analyst_person.email, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # No Max-Age/Expires: a browser-session cookie.
    assert not cookie["max-age"]
    assert not cookie["expires"]
    assert client.session.get_expire_at_browser_close()


def test_session_lasts_two_hours_from_the_last_request(client, analyst_person):
    _sign_in(client, analyst_person.email, PASSWORD)
    assert client.session.get_expiry_age() == 2 * 60 * 60
