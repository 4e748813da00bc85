"""services.returns: one return per provider and period for every covered contract; drafts never refused;
submitting refuses missing, mistyped and out-of-period answers with their fields; late when after the due date."""

import datetime

import pytest

from jointly.contracts.models import Contract, ContractMeasure, ContractParty
from jointly.core.errors import FieldErrors
from jointly.monitoring.models import Frequency, MonitoringReturn, ReturnLine, TemplateQuestion
from jointly.monitoring.services import returns as services

from ..factories import TrustFactory
from .factories import IN_FIRST_HALF, add_measure, adopt, published_template, running_contract

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def three_partners(trust, provider_org):
    """The provider's contracts from three partners of the trust, all adopting the trust's return."""
    template = published_template(trust=trust)
    contracts = [running_contract(trust, provider_org, value=value) for value in ("300000", "90000", "45000")]
    adopt(template, *[contract.buyer for contract in contracts])
    return template, contracts


def test_one_return_covers_every_contract_with_the_adopting_partners(three_partners, trust, provider_org, other_trust, other_provider_org):
    template, contracts = three_partners
    # Not covered: a buyer that has not adopted it, a draft, another trust's contract.
    running_contract(trust, provider_org)
    draft = running_contract(trust, provider_org, buyer=contracts[0].buyer)
    Contract.objects.filter(pk=draft.pk).update(status=Contract.Status.DRAFT)
    running_contract(other_trust, provider_org, buyer=contracts[0].buyer)
    # Not covered either: a consortium the provider is a member of, led by another provider (its lead reports on it).
    led = running_contract(trust, other_provider_org)
    adopt(template, led.buyer)
    ContractParty.objects.create(contract=led, organisation=provider_org, part=ContractParty.Part.MEMBER, work_share=20, money_share=20)

    monitoring_return = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)

    assert {part.contract for part in monitoring_return.parts.all()} == {*contracts}
    # Each contract's measures (the factory's KPI each), and the template's questions once for the whole return.
    assert monitoring_return.lines.filter(measure__isnull=False).count() == 3
    assert monitoring_return.lines.filter(question__isnull=False).count() == 2
    # Opening again is the same return.
    assert services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF) == monitoring_return
    assert MonitoringReturn.objects.count() == 1


def test_a_consortium_contract_is_reported_once_by_its_lead(trust, provider_org, other_provider_org):
    template = published_template(trust=trust)
    consortium = running_contract(trust, other_provider_org)
    ContractParty.objects.create(contract=consortium, organisation=provider_org, part=ContractParty.Part.MEMBER, work_share=30, money_share=30)
    own = running_contract(trust, provider_org, buyer=consortium.buyer)
    adopt(template, consortium.buyer)

    lead_return = services.return_open(organisation=other_provider_org, template=template, on=IN_FIRST_HALF)
    member_return = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)

    assert [part.contract for part in lead_return.parts.all()] == [consortium]
    # The member still reports on its own contract, and names the consortium's lead for the other.
    assert [part.contract for part in member_return.parts.all()] == [own]
    assert list(services.reported_by_lead(provider_org, template)) == [consortium]
    assert ReturnLine.objects.filter(part__contract=consortium).count() == 1


def test_a_member_with_only_a_consortium_contract_has_no_return(trust, provider_org, other_provider_org):
    template = published_template(trust=trust)
    consortium = running_contract(trust, other_provider_org)
    ContractParty.objects.create(contract=consortium, organisation=provider_org, part=ContractParty.Part.MEMBER, work_share=30, money_share=30)
    adopt(template, consortium.buyer)
    assert services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF) is None
    assert [row.organisation for row in services.returns_open_for_day(IN_FIRST_HALF)] == [other_provider_org]


def test_a_regional_template_covers_contracts_from_every_trust_of_the_region(region, trust, provider_org):
    neighbour = TrustFactory(region=region)
    template = published_template(region=region)
    here, there = running_contract(trust, provider_org), running_contract(neighbour, provider_org)
    adopt(template, here.buyer, there.buyer)

    monitoring_return = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    assert {part.contract.trust for part in monitoring_return.parts.all()} == {trust, neighbour}


def test_frequency_and_due_date_are_worked_out_from_the_value_a_year(three_partners, provider_org, other_provider_org, trust):
    template, _contracts = three_partners
    # £100,000 a year at most: half-yearly, due 30 days after the period.
    monitoring_return = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    assert (monitoring_return.frequency, monitoring_return.period_starts_on, monitoring_return.period_ends_on) == (
        Frequency.HALF_YEARLY,
        D(2027, 4, 1),
        D(2027, 9, 30),
    )
    assert monitoring_return.due_on == D(2027, 10, 30)
    big = running_contract(trust, other_provider_org, value="900000")  # £300,000 a year
    adopt(template, big.buyer)
    assert services.return_open(organisation=other_provider_org, template=template, on=IN_FIRST_HALF).frequency == Frequency.QUARTERLY


def test_nothing_is_opened_without_a_covered_contract_or_a_published_version(trust, provider_org):
    template = published_template(trust=trust)
    assert services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF) is None
    contract = running_contract(trust, provider_org)
    adopt(template, contract.buyer)
    # A period before the contract's term has nothing to report.
    assert services.return_open(organisation=provider_org, template=template, on=D(2026, 6, 1)) is None
    template.versions.update(status="draft")
    assert services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF) is None


def test_a_draft_keeps_whatever_is_typed(three_partners, provider_org, provider_user):
    template, contracts = three_partners
    monitoring_return = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    measure_line = monitoring_return.lines.filter(measure__isnull=False).first()
    case_study = monitoring_return.lines.get(question__asks_date=True)

    services.return_save(
        monitoring_return=monitoring_return,
        by=provider_user,
        answers={measure_line.field_name: "about forty", f"{case_study.field_name}_date": "31/2/2027", f"{measure_line.field_name}_note": "Estimate"},
    )
    measure_line.refresh_from_db()
    case_study.refresh_from_db()
    assert (measure_line.entry, measure_line.note, case_study.date_entry) == ("about forty", "Estimate", "31/2/2027")
    assert monitoring_return.status == MonitoringReturn.Status.DRAFT


def test_submitting_refuses_missing_mistyped_and_out_of_period_answers_naming_each_field(trust, provider_org, provider_user):
    template = published_template(trust=trust)
    contract = running_contract(trust, provider_org)
    adopt(template, contract.buyer)
    percent = add_measure(contract, "Share seen within 28 days", value_type=ContractMeasure.ValueType.PERCENT, order=2)
    words = add_measure(contract, "What changed for families", value_type=ContractMeasure.ValueType.TEXT, order=3)
    optional = add_measure(contract, "Volunteers recruited", required=False, order=4)
    monitoring_return = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    kpi = monitoring_return.lines.get(measure__text="Families supported")
    narrative = monitoring_return.lines.get(question__section=TemplateQuestion.Section.NARRATIVE)
    case_study = monitoring_return.lines.get(question__asks_date=True)

    services.return_save(
        monitoring_return=monitoring_return,
        by=provider_user,
        answers={
            kpi.field_name: "lots",
            f"measure_{percent.pk}": "120",
            case_study.field_name: "A family's story",
            f"{case_study.field_name}_date": "1/12/2027",
        },
    )
    with pytest.raises(FieldErrors) as refused:
        services.return_submit(monitoring_return=monitoring_return, by=provider_user)
    errors = refused.value.errors
    assert set(errors) == {kpi.field_name, f"measure_{percent.pk}", f"measure_{words.pk}", narrative.field_name, f"{case_study.field_name}_date"}
    assert "must be a number" in errors[kpi.field_name]
    assert "from 0 to 100" in errors[f"measure_{percent.pk}"]
    assert errors[f"measure_{words.pk}"].startswith("Enter the figure for")
    assert "between 1 April 2027 and 30 September 2027" in errors[f"{case_study.field_name}_date"]
    assert f"measure_{optional.pk}" not in errors
    monitoring_return.refresh_from_db()
    assert monitoring_return.status == MonitoringReturn.Status.DRAFT
    kpi.refresh_from_db()
    assert kpi.entry == "lots"  # still there: the draft is never lost

    services.return_save(
        monitoring_return=monitoring_return,
        by=provider_user,
        answers={
            kpi.field_name: "1,204",
            f"measure_{percent.pk}": "87.5%",
            f"measure_{words.pk}": "Calmer mornings.",
            narrative.field_name: "Good",
            f"{case_study.field_name}_date": "14/7/2027",
        },
    )
    submitted = services.return_submit(
        monitoring_return=monitoring_return, by=provider_user, now=datetime.datetime(2027, 10, 20, 9, tzinfo=datetime.UTC)
    )
    assert submitted.status == MonitoringReturn.Status.SUBMITTED and not submitted.late
    kpi.refresh_from_db()
    case_study.refresh_from_db()
    assert (str(kpi.number), case_study.on_date) == ("1204.00", D(2027, 7, 14))
    assert str(submitted.lines.get(measure=percent).number) == "87.50"


def test_a_return_submitted_after_its_due_date_is_late(three_partners, provider_org, provider_user):
    template, _contracts = three_partners
    monitoring_return = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    monitoring_return.lines.filter(question__isnull=True).update(entry="10")
    monitoring_return.lines.filter(question__isnull=False).update(entry="Words", date_entry="1/5/2027")

    assert monitoring_return.is_overdue(D(2027, 10, 31)) and not monitoring_return.is_overdue(D(2027, 10, 30))
    submitted = services.return_submit(
        monitoring_return=monitoring_return, by=provider_user, now=datetime.datetime(2027, 11, 2, 9, tzinfo=datetime.UTC)
    )
    assert submitted.late and not submitted.is_overdue(D(2027, 12, 1))


def test_the_next_return_carries_the_narrative_forward(three_partners, provider_org, provider_user):
    template, _contracts = three_partners
    first = services.return_open(organisation=provider_org, template=template, on=IN_FIRST_HALF)
    first.lines.filter(question__text="What went well?").update(entry="The Saturday club")

    second = services.return_open(organisation=provider_org, template=template, on=D(2027, 11, 1))
    assert second.period_starts_on == D(2027, 10, 1)
    assert second.lines.get(question__text="What went well?").entry == "The Saturday club"
    assert second.lines.get(question__text="A case study").entry == ""


def test_the_clock_opens_every_providers_return_once(three_partners, provider_org, other_provider_org, trust):
    template, _contracts = three_partners
    other = running_contract(trust, other_provider_org)
    adopt(template, other.buyer)

    assert len(services.returns_open_for_day(IN_FIRST_HALF)) == 2
    services.returns_open_for_day(IN_FIRST_HALF)
    assert MonitoringReturn.objects.count() == 2
