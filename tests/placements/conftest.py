"""Placements fixtures, built through the app's own services."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jointly.placements.models import PlacementRequest
from jointly.placements.services import assessments, budgets, frameworks, offers, requests

from ..factories import OrganisationFactory, TrustPartnerFactory


@pytest.fixture
def buyer(trust):
    return TrustPartnerFactory(trust=trust, statutory=True).organisation


@pytest.fixture
def framework(trust, commissioner, provider_org, other_provider_org):
    """A framework the trust leads, with two approved providers (the test providers) and a third."""
    made = frameworks.framework_create(
        trust=trust, by=commissioner, name="Peninsula fostering framework", starts_on=timezone.localdate() - datetime.timedelta(days=100)
    )
    for organisation in (provider_org, other_provider_org, OrganisationFactory(name="Coastal Care Ltd")):
        frameworks.framework_provider_add(framework=made, organisation=organisation, by=commissioner, joined_on=made.starts_on)
    return made


def record_assessment(trust, by, **overrides):
    data = {
        "lawful_basis": "Public task, Children Act 1989 duties.",
        "minimisation": "Date of birth and school only.",
        "retention_months": 24,
        "approved_by": "Data Protection Officer",
        "approved_on": timezone.localdate() - datetime.timedelta(days=10),
    }
    data.update(overrides)
    return assessments.assessment_record(trust=trust, by=by, **data)


def request_data(framework, buyer, **overrides) -> dict:
    data = {
        "framework": framework,
        "buyer": buyer,
        "kind": PlacementRequest.Kind.FOSTERING,
        "needs": "A stable foster family near the child's school.",
        "outcomes": "Stays at the same school; no unplanned moves.",
        "starts_on": timezone.localdate() + datetime.timedelta(days=14),
        "duration_weeks": 10,
        "weekly_budget": Decimal("1000"),
    }
    data.update(overrides)
    return data


def make_request(trust, by, framework, buyer, **overrides):
    return requests.request_create(trust=trust, by=by, **request_data(framework, buyer, **overrides))


def offer_from(placement, user, price="900", **overrides):
    data = {"weekly_price": Decimal(price), "starts_on": placement.starts_on, "how_outcomes_met": "A carer family ten minutes from school."}
    data.update(overrides)
    return offers.offer_make(request=placement, organisation=user.organisation, by=user, **data)


def make_budget(trust, by, holder, amount="12000", **overrides):
    data = {
        "reference": "PLY-IB-0001",
        "purpose": "Foster placement and support for one child.",
        "amount": Decimal(amount),
        "starts_on": timezone.localdate(),
        "ends_on": timezone.localdate() + datetime.timedelta(days=365),
        "holder": holder,
    }
    data.update(overrides)
    return budgets.budget_create(trust=trust, by=by, **data)


@pytest.fixture
def sent(trust, commissioner, framework, buyer, provider_org, other_provider_org):
    """A request sent to the two test providers."""
    placement = make_request(trust, commissioner, framework, buyer)
    return requests.request_send(request=placement, by=commissioner, organisations=[provider_org, other_provider_org])
