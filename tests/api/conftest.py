import pytest
from django.test import Client

from jointly.accounts.services import api_token_create


class ApiClient:
    """A machine client with its owner's token: JSON in, JSON out."""

    def __init__(self, user):
        _, key = api_token_create(user=user, name="Test script")
        self.user = user
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path, body):
        return self.client.post(f"/api/v1{path}", body, content_type="application/json")

    def patch(self, path, body):
        return self.client.patch(f"/api/v1{path}", body, content_type="application/json")


@pytest.fixture
def api_for():
    return ApiClient


def assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    return body
