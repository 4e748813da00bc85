"""The API's shape: its description, how callers sign in, and errors as problem bodies."""

import pytest
from django.test import Client

from tests.api.conftest import assert_problem

PARTNERSHIP_PATHS = {
    "/api/v1/regions": {"get"},
    "/api/v1/regions/{slug}": {"get"},
    "/api/v1/trusts": {"get"},
    "/api/v1/trusts/{slug}": {"get"},
    "/api/v1/trusts/{slug}/bodies": {"get"},
    "/api/v1/bodies/{body_id}": {"get"},
    "/api/v1/organisations": {"get", "post"},
    "/api/v1/organisations/{slug}": {"get", "patch"},
}


def test_openapi_description_is_served_and_lists_the_endpoints(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Jointly API"
    for path, methods in PARTNERSHIP_PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), path
    schemes = schema["components"]["securitySchemes"]
    assert {"TokenAuth", "VerifiedSessionAuth"} <= set(schemes)
    assert schemes["TokenAuth"]["scheme"] == "bearer"


def test_every_partnership_endpoint_needs_a_caller(db):
    operations = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in PARTNERSHIP_PATHS:
        for method, operation in operations[path].items():
            assert operation.get("security"), f"{method.upper()} {path} is open to anyone"


def test_no_caller_gets_a_401_problem(db):
    body = assert_problem(Client().get("/api/v1/trusts"), 401)
    assert body["title"] == "Sign in or send an API token"
    response = Client().get("/api/v1/trusts")
    assert response["WWW-Authenticate"] == 'Bearer realm="jointly"'


def test_a_verified_session_may_call_the_api(commissioner_client, trust):
    response = commissioner_client.get("/api/v1/trusts")
    assert response.status_code == 200
    assert [t["slug"] for t in response.json()["items"]] == [trust.slug]


def test_a_session_without_the_second_factor_is_refused(commissioner, trust):
    client = Client()
    client.force_login(commissioner)  # password passed, security code not yet
    assert_problem(client.get("/api/v1/trusts"), 401)


def test_a_session_of_a_role_without_a_second_factor_is_accepted(provider_client, trust):
    assert provider_client.get("/api/v1/trusts").status_code == 200


def test_session_writes_need_the_csrf_token(commissioner, provider_org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(commissioner)
    from django_otp import DEVICE_ID_SESSION_KEY

    session = client.session
    session[DEVICE_ID_SESSION_KEY] = commissioner.totpdevice_set.get().persistent_id
    session.save()
    response = client.patch(f"/api/v1/organisations/{provider_org.slug}", {"description": "Changed"}, content_type="application/json")
    assert response.status_code in (401, 403)
    provider_org.refresh_from_db()
    assert provider_org.description == ""


def test_an_unknown_api_address_is_a_404(commissioner_client):
    assert commissioner_client.get("/api/v1/no-such-thing").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/regions"),
        ("get", "/api/v1/regions/peninsula"),
        ("get", "/api/v1/trusts"),
        ("get", "/api/v1/trusts/plymouth"),
        ("get", "/api/v1/trusts/plymouth/bodies"),
        ("get", "/api/v1/bodies/1"),
        ("get", "/api/v1/organisations"),
        ("post", "/api/v1/organisations"),
        ("get", "/api/v1/organisations/young-carers-project"),
        ("patch", "/api/v1/organisations/young-carers-project"),
    ],
)
def test_every_endpoint_refuses_an_anonymous_caller_with_a_problem(trust, provider_org, method, path):
    response = getattr(Client(), method)(path, {"name": "x"} if method != "get" else None, content_type="application/json")
    body = assert_problem(response, 401)
    assert body["title"] == "Sign in or send an API token"
