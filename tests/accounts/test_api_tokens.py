"""API tokens: made on the account page, shown once, stored as a hash, revocable by their owner only."""

import hashlib

import pytest
from django.test import Client

from jointly.accounts.models import ApiToken
from jointly.accounts.services import api_token_authenticate, api_token_create, api_token_revoke
from jointly.audit.models import AuditEntry
from tests.conftest import signed_in_client


def _bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_creating_a_token_shows_it_once_and_keeps_only_its_hash(commissioner_client, commissioner):
    response = commissioner_client.post("/account/", {"name": "Monthly upload script"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("jly_") and len(key) > 40
    html = response.content.decode()
    assert key in html
    assert "it will not be shown again" in html
    token = ApiToken.objects.get(user=commissioner)
    assert token.name == "Monthly upload script"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:8]
    assert key not in {token.name, token.prefix, token.key_hash}
    # The next visit lists the token by its prefix only.
    again = commissioner_client.get("/account/").content.decode()
    assert key not in again
    assert token.prefix in again


def test_the_audit_trail_never_holds_the_tokens_hash(commissioner):
    token, key = api_token_create(user=commissioner, name="Script")
    entry = AuditEntry.objects.get(object_type="accounts.apitoken", object_id=str(token.pk))
    assert "key_hash" not in entry.after
    assert key not in str(entry.after)


def test_token_name_is_required_and_explained(commissioner_client, commissioner):
    html = commissioner_client.post("/account/", {"name": ""}).content.decode()
    assert "govuk-error-summary" in html
    assert "Enter what will use this token" in html
    assert not ApiToken.objects.filter(user=commissioner).exists()


def test_overlong_token_name_keeps_the_typed_value(commissioner_client, commissioner):
    name = "x" * 101
    html = commissioner_client.post("/account/", {"name": name}).content.decode()
    assert "Use 100 characters or fewer" in html
    assert f'value="{name}"' in html
    assert not ApiToken.objects.exists()


def test_a_role_without_api_access_cannot_make_tokens(participant):
    client = signed_in_client(participant)
    page = client.get("/account/")
    assert page.status_code == 200
    assert b"API tokens" not in page.content
    assert client.post("/account/", {"name": "Sneaky"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_a_token_is_used_as_a_bearer_and_acts_as_its_owner(commissioner, trust, other_trust):
    _, key = api_token_create(user=commissioner, name="Script")
    response = Client().get("/api/v1/trusts", **_bearer(key))
    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["items"]] == [trust.slug]
    token = ApiToken.objects.get(user=commissioner)
    assert token.last_used_at is not None


def test_using_a_token_does_not_fill_the_audit_trail(commissioner, trust):
    _, key = api_token_create(user=commissioner, name="Script")
    before = AuditEntry.objects.count()
    Client().get("/api/v1/trusts", **_bearer(key))
    assert AuditEntry.objects.count() == before


def test_a_wrong_token_is_refused(db):
    response = Client().get("/api/v1/trusts", **_bearer("jly_not-a-real-token"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_revoked_token_is_refused(commissioner_client, commissioner):
    token, key = api_token_create(user=commissioner, name="Script")
    response = commissioner_client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert response.url == "/account/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = Client().get("/api/v1/trusts", **_bearer(key))
    assert refused.status_code == 401
    assert refused.json()["status"] == 401


def test_a_deactivated_owners_token_is_refused(commissioner):
    _, key = api_token_create(user=commissioner, name="Script")
    commissioner.is_active = False
    commissioner.save()
    assert api_token_authenticate(key=key) is None


def test_someone_elses_token_cannot_be_revoked(commissioner_client, other_commissioner):
    token, key = api_token_create(user=other_commissioner, name="Theirs")
    response = commissioner_client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_token_authenticate(key=key) == other_commissioner


def test_revoking_needs_a_post(commissioner_client, commissioner):
    token, _ = api_token_create(user=commissioner, name="Script")
    assert commissioner_client.get(f"/account/tokens/{token.pk}/revoke/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_twice_keeps_the_first_time(commissioner):
    token, _ = api_token_create(user=commissioner, name="Script")
    first = api_token_revoke(token=token).revoked_at
    assert api_token_revoke(token=token).revoked_at == first


def test_revoking_needs_a_sign_in(anonymous_client, commissioner):
    token, _ = api_token_create(user=commissioner, name="Script")
    response = anonymous_client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert response.url.startswith("/sign-in/?next=")


@pytest.mark.parametrize("header", ["Token abc", "Bearer", "Basic dXNlcjpwYXNz"])
def test_malformed_authorisation_headers_are_refused(db, header):
    response = Client().get("/api/v1/trusts", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
