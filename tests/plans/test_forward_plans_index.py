"""The index of forward plans: open to everyone, every trust by region, in queries that do not grow with the trusts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jointly.plans.models import CommissioningIntention
from tests.conftest import signed_in_client
from tests.factories import TrustFactory

pytestmark = pytest.mark.django_db


def intention(trust, status):
    return CommissioningIntention.objects.create(
        trust=trust, title=f"{status} for {trust.slug}", kind="recommission", estimated_annual_value=1, total_value=1, route="open", status=status
    )


@pytest.mark.parametrize("who", ["anonymous", "commissioner", "other_commissioner", "provider_user"])
def test_everyone_finds_every_trust_s_forward_plan(request, who, trust, other_trust, anonymous_client):
    client = anonymous_client if who == "anonymous" else signed_in_client(request.getfixturevalue(who))
    intention(trust, CommissioningIntention.Status.PUBLISHED)
    intention(trust, CommissioningIntention.Status.DRAFT)  # not counted: drafts are not published
    page = client.get("/plans/")
    assert page.status_code == 200
    text = page.content.decode()
    assert 'href="/plans/plymouth/forward-plan/"' in text and 'href="/plans/essex/forward-plan/"' in text
    assert f'href="/plans/regions/{trust.region.slug}/forward-plan/"' in text
    assert "(1 intention published)" in text and "(0 intentions published)" in text


def test_the_index_s_queries_do_not_grow_with_the_trusts(anonymous_client, trust):
    anonymous_client.get("/plans/")
    with CaptureQueriesContext(connection) as few:
        anonymous_client.get("/plans/")
    for _n in range(5):
        intention(TrustFactory(region=trust.region), CommissioningIntention.Status.PUBLISHED)
    with CaptureQueriesContext(connection) as many:
        anonymous_client.get("/plans/")
    assert len(many) == len(few)
