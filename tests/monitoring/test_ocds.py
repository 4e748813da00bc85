"""monitoring.ocds: the accepted returns' KPI results as the OCDS implementation stage, under the procurement's ocid."""

import datetime

import pytest
from django.utils import timezone

from jointly.contracts.models import Contract, ContractMeasure
from jointly.monitoring.models import Rag
from jointly.monitoring.services import returns as services
from jointly.monitoring.services import reviews
from jointly.procurement import ocds
from jointly.procurement.models import Opportunity
from tests.open_data_schemas import ocds_errors

from ..contracts.factories import AwardFactory
from .factories import IN_FIRST_HALF, add_measure, adopt, published_template, running_contract

pytestmark = pytest.mark.django_db

ACCEPTED_AT = datetime.datetime(2027, 11, 2, 10, tzinfo=datetime.UTC)


def _performance(opportunity) -> list[dict]:
    return [row for row in ocds.releases(opportunity) if row["tag"] == ["implementation"]]


@pytest.fixture
def awarded(trust):
    """A signed contract from a published procurement's award, with a KPI, a percentage and a text measure."""
    award = AwardFactory(decision__opportunity__trust=trust)
    Opportunity.objects.filter(pk=award.decision.opportunity_id).update(published_at=timezone.now() - datetime.timedelta(days=60))
    contract = running_contract(trust, award.organisation, origin=Contract.Origin.AWARD, award=award, signed_on=datetime.date(2027, 3, 20))
    ContractMeasure.objects.filter(contract=contract).update(unit="families")
    add_measure(contract, "Families better off at closure", value_type=ContractMeasure.ValueType.PERCENT)
    add_measure(contract, "What families said", value_type=ContractMeasure.ValueType.TEXT, order=2)
    template = published_template(trust=trust)
    adopt(template, contract.buyer)
    return Opportunity.objects.get(pk=award.decision.opportunity_id), contract, template


def _submitted(contract, template, provider_user):
    monitoring_return = services.return_open(organisation=contract.supplier, template=template, on=IN_FIRST_HALF)
    answers = {}
    for line in monitoring_return.lines.select_related("measure"):
        if line.measure_id:
            text = {"Families supported": "130", "Families better off at closure": "72.5"}.get(line.measure.text, "They felt listened to")
            answers[line.field_name] = text
            answers[f"{line.field_name}_note"] = "Two families named here"
        else:
            answers[line.field_name], answers[f"{line.field_name}_date"] = "Words", "1/5/2027"
    services.return_save(monitoring_return=monitoring_return, by=provider_user, answers=answers)
    return services.return_submit(monitoring_return=monitoring_return, by=provider_user, now=datetime.datetime(2027, 10, 1, tzinfo=datetime.UTC))


def test_only_accepted_figures_are_published_against_their_targets(awarded, provider_user, commissioner):
    opportunity, contract, template = awarded
    assert _performance(opportunity) == []  # nothing reported yet
    submitted = _submitted(contract, template, provider_user)
    assert _performance(opportunity) == []  # submitted, not yet reviewed: not published

    reviews.part_review(part=submitted.parts.get(), by=commissioner, rag=Rag.GREEN)
    reviews.return_accept(monitoring_return=submitted, by=commissioner, now=ACCEPTED_AT)

    package = ocds.package(ocds.published_opportunities(), uri="https://example.org/api/ocds/releases")
    assert ocds_errors(package) == []
    [release] = _performance(opportunity)
    assert release["ocid"] == opportunity.ocid and release["date"].startswith("2027-11-02")
    [entry] = release["contracts"]
    assert entry["id"] == f"{opportunity.ocid}-contract-{contract.pk}"  # the contract release's id: one contract in the record
    kpi, percent = contract.measures.filter(value_type__in=["number", "percent"]).order_by("order", "pk")
    term = {"startDate": "2027-04-01T00:00:00Z", "endDate": "2030-03-31T23:59:59Z"}

    def agreed(measure, description, target, unit):
        observation = {"id": "target", "period": term, "measure": target, "unit": {"name": unit}}
        return {"id": f"measure-{measure.pk}", "title": measure.text, "description": description, "observations": [observation]}

    assert entry["agreedMetrics"] == [agreed(kpi, "Key performance indicator", 120, "families"), agreed(percent, "Outcome", 50, "%")]
    period = {"startDate": "2027-04-01T00:00:00Z", "endDate": "2027-09-30T23:59:59Z"}
    metrics = entry["implementation"]["metrics"]
    assert [metric["observations"] for metric in metrics] == [
        [{"id": f"return-{submitted.pk}", "period": period, "measure": 130, "unit": {"name": "families"}}],
        [{"id": f"return-{submitted.pk}", "period": period, "measure": 72.5, "unit": {"name": "%"}}],
    ]
    # Words and notes stay out of the open data: they may name people.
    assert "listened" not in str(release) and "named here" not in str(release)


def test_a_return_sent_back_is_not_published(awarded, provider_user, commissioner):
    opportunity, contract, template = awarded
    submitted = _submitted(contract, template, provider_user)
    reviews.return_send_back(monitoring_return=submitted, by=commissioner, changes="Check the figures")
    assert _performance(opportunity) == []
