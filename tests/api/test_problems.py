"""Errors the API's own code did not expect are still problem bodies: a 500, or a 409 for a state change refused."""

import logging

import pytest
from django.test import Client

from jointly.accounts.services import api_token_create
from jointly.core.transitions import InvalidTransition
from jointly.partnerships import selectors

from .conftest import assert_problem


@pytest.fixture
def token_client(commissioner):
    # The test client would raise the error in the test; a real caller gets the response.
    _, key = api_token_create(user=commissioner, name="Test script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)


def _raises(error):
    def selector(**kwargs):
        raise error

    return selector


def test_an_unexpected_error_is_a_500_problem_body_without_the_traceback(token_client, trust, settings, monkeypatch, caplog):
    settings.DEBUG = False  # as in production
    monkeypatch.setattr(selectors, "trusts_visible_to", _raises(RuntimeError("secret internals")))
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = token_client.get("/api/v1/trusts")
    body = assert_problem(response, 500)
    assert body["title"] == "Sorry, there is a problem with the service"
    assert "secret internals" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    # Logged for the team, with the traceback.
    [record] = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert record.exc_info and "secret internals" in str(record.exc_info[1])


def test_a_page_that_fails_is_still_the_html_error_page(commissioner_client, settings, monkeypatch):
    settings.DEBUG = False
    commissioner_client.raise_request_exception = False
    monkeypatch.setattr("jointly.partnerships.selectors.trusts_visible_to", _raises(RuntimeError("boom")))
    response = commissioner_client.get("/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_state_change_the_record_does_not_allow_is_a_409_problem(token_client, trust, monkeypatch):
    message = "This priority is approved by the board; it can only be proposed when it is a draft."
    monkeypatch.setattr(selectors, "trusts_visible_to", _raises(InvalidTransition(message)))
    body = assert_problem(token_client.get("/api/v1/trusts"), 409)
    assert body["title"] == "This cannot be done in the record's current state"
    assert body["detail"] == message
