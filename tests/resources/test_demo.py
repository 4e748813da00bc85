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


def test_demo_spend_is_linked_to_the_providers_matching_directory_service(trust, council, icb):
    """Spend loaded before the directory is linked on the next load; the link is the same every time."""
    from ..providers.conftest import publish

    demo.load()
    assert not SpendRecord.objects.filter(service__isnull=False).exists()
    services = [publish(icb, trust.area.code, name=name) for name in ("Health visiting", "School nursing")]
    services += [publish(council, trust.area.code, name=name) for name in ("Early help family support", "Family hub")]
    demo.load()
    linked = SpendRecord.objects.filter(service__isnull=False).select_related("service")
    assert linked.exists()
    for record in linked:
        assert record.service.organisation_id == record.provider_id
        assert record.service.name in demo.DIRECTORY_NAMES[record.service_name.split(" (")[0]]
    # The council's early help spend goes to its early help service, the better match, not the family hub.
    assert not linked.filter(service__name="Family hub", service_name="Early help family support").exists()
    unlinked = SpendRecord.objects.filter(service__isnull=True, provider=icb, service_name__in=["Health visiting", "School nursing"])
    assert not unlinked.exists()
    before = sorted(SpendRecord.objects.values_list("row_hash", "service_id"))
    demo.load()
    assert sorted(SpendRecord.objects.values_list("row_hash", "service_id")) == before
