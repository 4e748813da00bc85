import datetime

import pytest

from jointly.monitoring.services import returns as services

from .factories import IN_FIRST_HALF, adopt, published_template, running_contract


def fill(monitoring_return):
    """Every line answered well (directly: the services' own tests cover the saving)."""
    monitoring_return.lines.filter(question__isnull=True).update(entry="10")
    monitoring_return.lines.filter(question__isnull=False).update(entry="Words", date_entry="1/5/2027")
    return monitoring_return


@pytest.fixture
def covered(trust, provider_org):
    """The provider's two running contracts from two partners, both adopting the trust's return."""
    template = published_template(trust=trust)
    contracts = [running_contract(trust, provider_org), running_contract(trust, provider_org, value="90000")]
    adopt(template, *[contract.buyer for contract in contracts])
    return template, contracts


@pytest.fixture
def draft(covered, provider_org):
    template, _contracts = covered
    return services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)


@pytest.fixture
def submitted(draft, provider_user):
    fill(draft)
    return services.return_submit(monitoring_return=draft, by=provider_user, now=datetime.datetime(2027, 10, 1, 9, tzinfo=datetime.UTC))
