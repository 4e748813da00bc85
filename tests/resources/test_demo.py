from jointly.partnerships.models import Sector
from jointly.resources import demo
from jointly.resources.models import Budget, Contribution, FundingStream, PooledFund, SpendRecord

from .factories import partner_of


def test_the_demo_is_complete_deterministic_and_idempotent(trust, council, icb):
    partner_of(trust, sector=Sector.VCS)
    partner_of(trust, sector=Sector.PRIVATE)
    demo.load()
    assert SpendRecord.objects.filter(trust=trust).count() == demo.RECORDS_PER_YEAR * len(demo.YEARS)
    assert Budget.objects.filter(trust=trust).values("year").distinct().count() == 2
    assert FundingStream.objects.filter(trust=trust).count() == 2
    section_75 = PooledFund.objects.filter(trust=trust, kind="pooled", legal_basis="nhs_act_2006_s75")
    assert section_75.count() == 2 and section_75.first().host == icb
    assert set(Contribution.objects.filter(fund=section_75.first()).values_list("organisation", flat=True)) == {council.pk, icb.pk}
    assert PooledFund.objects.filter(trust=trust, kind="aligned").count() == 2
    before = sorted(SpendRecord.objects.values_list("row_hash", "amount"))
    contributions = sorted(Contribution.objects.values_list("pk", "amount"))
    demo.load()
    assert sorted(SpendRecord.objects.values_list("row_hash", "amount")) == before
    assert sorted(Contribution.objects.values_list("pk", "amount")) == contributions
