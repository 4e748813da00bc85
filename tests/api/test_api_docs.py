"""The human-readable API page and the API's own 404."""

import pytest


@pytest.mark.django_db
def test_api_page_lists_endpoints_from_the_openapi_document(anonymous_client):
    response = anonymous_client.get("/api/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/api/v1/organisations" in body
    assert "/api/v1/openapi.json" in body


@pytest.mark.django_db
def test_unknown_api_address_is_a_problem_body_not_a_page(anonymous_client):
    response = anonymous_client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404
    assert "/api/v1/no-such-thing" in response.json()["detail"]
