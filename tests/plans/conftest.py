import datetime
from decimal import Decimal

import pytest

from jointly.plans import services
from jointly.plans.models import IntentionKind, Route

from ..assessment.factories import PriorityFactory


@pytest.fixture
def priority(trust):
    return PriorityFactory(trust=trust, title="Young carers are found early")


@pytest.fixture
def other_priority(other_trust):
    return PriorityFactory(trust=other_trust, title="Essex priority")


def make_intention(trust, by=None, **overrides):
    data = {
        "title": "Family support service",
        "kind": IntentionKind.RECOMMISSION,
        "route": Route.OPEN,
        "estimated_annual_value": Decimal("250000"),
        "total_value": Decimal("750000"),
        "engagement_starts_on": datetime.date(2027, 1, 10),
        "tender_opens_on": datetime.date(2027, 3, 1),
        "award_on": datetime.date(2027, 6, 1),
        "service_starts_on": datetime.date(2027, 10, 1),
        "current_contract_ends_on": datetime.date(2027, 9, 30),
    }
    data.update(overrides)
    return services.intention_create(trust=trust, by=by, **data)


@pytest.fixture
def draft(trust, commissioner, priority):
    return make_intention(trust, commissioner, priorities=[priority])


@pytest.fixture
def published(draft, commissioner):
    return services.intention_publish(intention=draft, by=commissioner)
