"""The passport demo: one complete passport with a scored policy, one with items expiring; idempotent and fast."""

import time

import pytest

from jointly.partnerships import demo as partnerships_demo
from jointly.partnerships.models import Organisation
from jointly.passport import demo, selectors
from jointly.passport.models import Check, Item


@pytest.mark.django_db
def test_the_demo_holds_a_complete_passport_and_an_expiring_one():
    partnerships_demo.load()
    started = time.monotonic()
    demo.load()
    assert time.monotonic() - started < 5
    counts = (Item.objects.count(), Check.objects.count())
    demo.load()
    assert (Item.objects.count(), Check.objects.count()) == counts == (11, 1)

    complete = Organisation.objects.get(slug=demo.COMPLETE)
    status = selectors.status_of(complete)
    assert status.complete and not status.expiring
    assert set(selectors.scores_for(complete)) == {"policy:safeguarding"}

    expiring = selectors.status_of(Organisation.objects.get(slug=demo.EXPIRING))
    assert {gap.key: gap.reason for gap in expiring.gaps} == {
        "policy:equality": "expired",
        "policy:data_protection": "missing",
        "insurance:employers_liability": "missing",
        "accounts": "missing",
        **({"ppon": "missing"} if not Organisation.objects.get(slug=demo.EXPIRING).ppon else {}),
    }
    assert len(expiring.expiring) == 3  # core information, safeguarding policy, public liability cover
