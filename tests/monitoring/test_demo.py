"""The monitoring demo: Priya Nair's ONE return for three partners' contracts, reviewed; this period's draft;
a consortium's return to review; an overdue return in Essex's regional return. Loading twice adds nothing."""

import pytest
from django.utils import timezone

from jointly.contracts import demo as contracts_demo
from jointly.contracts.models import Contract
from jointly.monitoring import demo
from jointly.monitoring.models import CommissionerRating, MonitoringReturn, ReturnTemplate
from jointly.partnerships import demo as partnerships_demo


@pytest.mark.django_db
def test_demo_shows_one_return_for_three_partners_and_an_overdue_one():
    partnerships_demo.load()
    contracts_demo.load()
    demo.load()
    today = timezone.localdate()

    carers = MonitoringReturn.objects.filter(organisation__name="Plymouth Young Carers Project").order_by("period_starts_on")
    last, current = carers
    three = Contract.objects.filter(reference__in=["PLY-C0001", "PLY-C0002", "PLY-C0003"])
    assert sorted(part.contract.reference for part in current.parts.all()) == ["PLY-C0001", "PLY-C0002", "PLY-C0003"]
    # Last period's covers those running in it: all three, unless the police's (started five months before
    # the demo was loaded) had not started yet.
    assert {part.contract for part in last.parts.all()} == {c for c in three if c.starts_on <= last.period_ends_on}
    assert {part.contract.buyer.name for part in current.parts.all()} == {
        "Plymouth City Council",
        "NHS Devon Integrated Care Board",
        "Devon and Cornwall Police",
    }
    assert last.status == "accepted" and all(part.rag for part in last.parts.all())
    assert current.status == "draft" and current.lines.filter(question__isnull=False).exclude(entry="").exists()
    assert CommissionerRating.objects.filter(trust__slug="plymouth").count() == 1
    consortium = MonitoringReturn.objects.get(status="submitted")
    assert [part.contract.reference for part in consortium.parts.all()] == ["PLY-C0004"]
    (overdue,) = [r for r in MonitoringReturn.objects.filter(organisation__name="Essex Young Carers Project") if r.is_overdue(today)]
    assert overdue.template.region.slug and overdue.template.trust is None

    demo.load()
    assert ReturnTemplate.objects.count() == 2 and MonitoringReturn.objects.count() == 6
