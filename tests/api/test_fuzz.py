"""Fuzzing the API from its own OpenAPI document: no call, however odd, may answer a server error.

Schemathesis makes requests for every operation from the document (boundary values
such as huge or negative numbers, wrong types, odd strings, as well as valid data) and
sends them in-process through the WSGI application, signed in as an administrator with a
real API token. The run is bounded and derandomized so it takes the same steps each time.
"""

import json

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import RequestFactory
from django.urls import resolve
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error

from jointly.accounts.services import api_token_create
from jointly.wsgi import application

from ..assessment.factories import AssessmentFactory, BoardFactory, IndicatorFactory, PriorityFactory, observe
from ..consultations.conftest import make_consultation
from ..mapping.factories import directory_service
from ..resources.factories import SpendRecordFactory

# Enough for the boundary cases and a handful of generated ones per operation, within about a minute.
MAX_EXAMPLES = 6


@pytest.fixture
def fuzz_data(trust, region, provider_org, commissioner):
    """A little of everything, so list calls return rows and the slugs below lead somewhere."""
    provider_org.slug = "young-carers-project"
    provider_org.save(update_fields=["slug"])
    BoardFactory(trust=trust)
    indicator = IndicatorFactory(code="test/persistent-absence", name="Persistent absence")
    observe(indicator, trust.area, "2024/25", 12.5)
    PriorityFactory(trust=trust)
    AssessmentFactory(trust=trust)
    SpendRecordFactory(trust=trust, provider=provider_org)
    directory_service(trust=trust, areas=[trust.area], organisation=provider_org)
    make_consultation(trust, commissioner, title="Youth clubs")


@pytest.fixture
def api_token(administrator):
    return api_token_create(user=administrator, name="Fuzzing")[1]


@pytest.fixture
def in_test_transaction():
    # Each request would close the test's database connection (as Django's own test client
    # avoids doing): keep it open, so every call runs inside the test's transaction.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _openapi_document() -> dict:
    # The document the app serves at /api/v1/openapi.json, built when the tests are collected
    # (from the code: no database). Its view is called directly, outside the request handler,
    # because the handler would open a transaction, and collection has no database.
    match = resolve("/api/v1/openapi.json")
    response = match.func(RequestFactory().get("/api/v1/openapi.json"), *match.args, **match.kwargs)
    assert response.status_code == 200
    return json.loads(response.content)


schema = schemathesis.openapi.from_dict(
    _openapi_document(),
    config=schemathesis.Config.from_dict(
        {
            "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True},
            "cache": {"enabled": False},  # each run the same: no replaying of crashes an earlier run kept
            # Most calls name a slug from the data above, so they get past "not found" to the code behind it.
            "dictionaries": {"slugs": {"values": ["plymouth", "peninsula", "young-carers-project", "youth-clubs"]}},
            "parameters": {
                "path.slug": {"dictionary": "slugs", "probability": 0.75},
                "path.region_slug": {"dictionary": "slugs", "probability": 0.75},
            },
            "phases": {"examples": {"enabled": False}, "stateful": {"enabled": False}},
            "checks": {"enabled": False, "not_a_server_error": {"enabled": True}},
        }
    ),
)
schema.app = application  # calls go in-process, through the whole WSGI stack


@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_call_answers_a_server_error(case, fuzz_data, api_token, in_test_transaction):
    case.call_and_validate(headers={"Authorization": f"Bearer {api_token}"}, checks=[not_a_server_error])
