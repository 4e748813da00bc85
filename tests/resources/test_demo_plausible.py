"""The demo's money is plausible: no organisation is paid more in a year than its size band's income allows."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from jointly.partnerships import demo as partnerships_demo
from jointly.partnerships.models import LegalForm, Organisation, SizeBand
from jointly.providers import demo as providers_demo
from jointly.resources import demo
from jointly.resources.models import SpendKind, SpendRecord

pytestmark = pytest.mark.django_db

# The top of each NCVO income band (SizeBand's labels), written out here so the test does not trust the demo's caps.
BAND_TOP = {
    SizeBand.MICRO: Decimal(10_000),
    SizeBand.SMALL: Decimal(100_000),
    SizeBand.MEDIUM: Decimal(1_000_000),
    SizeBand.LARGE: Decimal(10_000_000),
}


def test_spend_per_organisation_stays_within_its_size_band():
    """One load of the whole demo (directory and spend, about 20 seconds), every check on it."""
    partnerships_demo.load()
    providers_demo.load()
    demo.load()
    organisations = {organisation.pk: organisation for organisation in Organisation.objects.all()}
    totals = list(SpendRecord.objects.values("provider", "year").annotate(total=Sum("amount")))
    checked = 0
    by_band: dict[str, list[Decimal]] = {}
    for row in totals:
        organisation = organisations[row["provider"]]
        by_band.setdefault(organisation.size_band, []).append(row["total"])
        if organisation.legal_form == LegalForm.STATUTORY_BODY or organisation.size_band == SizeBand.MAJOR:
            continue
        top = BAND_TOP[organisation.size_band or SizeBand.SMALL]
        assert row["total"] <= top, f"{organisation.name} ({organisation.size_band}) is paid £{row['total']:,} in {row['year']}"
        checked += 1
    assert checked >= 50  # the check saw the demo's voluntary and private providers, not an empty ledger
    # A micro group is paid thousands, a large provider millions, a council's own services millions.
    assert by_band[SizeBand.MICRO] and max(by_band[SizeBand.MICRO]) < 10_000
    assert max(by_band[SizeBand.SMALL]) < 100_000
    assert max(by_band[SizeBand.LARGE]) >= 1_000_000
    in_house = SpendRecord.objects.filter(kind=SpendKind.IN_HOUSE).values_list("amount", flat=True)
    assert max(in_house) >= 3_000_000
