"""contracts.services.contracts: made from an award or a direct award, signed only when complete."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from jointly.contracts.models import Contract, ContractMeasure, ContractParty
from jointly.contracts.services import contracts as services
from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.procurement.models import Award, ConsortiumMember, Outcome

from ..assessment.factories import PriorityFactory
from ..factories import OrganisationFactory, TrustPartnerFactory
from ..procurement.factories import IntentionFactory
from .factories import AwardFactory, ContractFactory

pytestmark = pytest.mark.django_db
START, END = datetime.date(2027, 4, 1), datetime.date(2030, 3, 31)


@pytest.fixture
def buyer(trust):
    return TrustPartnerFactory(trust=trust, statutory=True).organisation


@pytest.fixture
def award(trust, commissioner):
    award = AwardFactory(decision__opportunity__trust=trust, bid__price=Decimal("300000.00"))
    opportunity = award.decision.opportunity
    Outcome.objects.create(opportunity=opportunity, text="Young carers are identified early", measure="Referrals from schools", order=1)
    Outcome.objects.create(opportunity=opportunity, text="Young carers stay in education", measure="Attendance", order=2)
    return award


def test_an_award_becomes_a_draft_contract_with_the_bids_parties_years_and_outcomes(award, buyer, commissioner):
    partner = OrganisationFactory()
    ConsortiumMember.objects.create(bid=award.bid, organisation=partner, role="Sessions in schools", work_share=30, money_share=25)

    contract = services.contract_create_from_award(award=award, by=commissioner, buyer=buyer, starts_on=START, ends_on=END)

    assert contract.status == Contract.Status.DRAFT
    assert contract.supplier == award.organisation and contract.value == Decimal("300000.00")
    assert contract.intention == award.decision.opportunity.intention
    parts = {party.organisation: party for party in contract.parties.all()}
    assert parts[award.organisation].part == ContractParty.Part.LEAD
    assert (parts[award.organisation].work_share, parts[award.organisation].money_share) == (70, 75)
    assert (parts[partner].role, parts[partner].money_share) == ("Sessions in schools", 25)
    years = list(contract.years.all())
    assert [(year.number, year.starts_on, year.ends_on) for year in years] == [
        (1, datetime.date(2027, 4, 1), datetime.date(2028, 3, 31)),
        (2, datetime.date(2028, 4, 1), datetime.date(2029, 3, 31)),
        (3, datetime.date(2029, 4, 1), datetime.date(2030, 3, 31)),
    ]
    assert sum(year.value for year in years) == Decimal("300000.00")
    assert [(m.kind, m.text) for m in contract.measures.all()] == [
        (ContractMeasure.Kind.OUTCOME, "Young carers are identified early"),
        (ContractMeasure.Kind.OUTCOME, "Young carers stay in education"),
    ]


def test_the_measures_serve_the_intentions_one_priority(award, buyer, commissioner, trust):
    priority = PriorityFactory(trust=trust)
    award.decision.opportunity.intention.priorities.add(priority)

    contract = services.contract_create_from_award(award=award, by=commissioner, buyer=buyer, starts_on=START, ends_on=END)

    assert {measure.priority for measure in contract.measures.all()} == {priority}


def test_an_award_makes_one_contract_and_the_buyer_must_be_a_partner(award, buyer, commissioner):
    services.contract_create_from_award(award=award, by=commissioner, buyer=buyer, starts_on=START, ends_on=END)

    with pytest.raises(FieldErrors) as refused:
        services.contract_create_from_award(award=award, by=commissioner, buyer=OrganisationFactory(), starts_on=END, ends_on=START)

    assert set(refused.value.errors) == {NON_FIELD, "buyer", "ends_on"}
    assert Contract.objects.count() == 1


def test_a_part_year_takes_its_share_by_days_and_the_years_add_up():
    periods = services.term_years(datetime.date(2027, 4, 1), datetime.date(2028, 9, 30))
    values = services.split_by_days(Decimal("100000.00"), periods)

    assert periods == [(datetime.date(2027, 4, 1), datetime.date(2028, 3, 31)), (datetime.date(2028, 4, 1), datetime.date(2028, 9, 30))]
    # 366 days (29 February 2028 falls in the first year) and 183: two thirds and one third.
    assert values == [Decimal("66666.67"), Decimal("33333.33")]
    assert sum(values) == Decimal("100000.00")


def test_a_direct_award_needs_its_justification_and_a_term(trust, buyer, commissioner):
    with pytest.raises(FieldErrors) as refused:
        services.contract_create_direct(
            trust=trust,
            by=commissioner,
            buyer=buyer,
            supplier=OrganisationFactory(),
            title=" ",
            value=Decimal("-1"),
            starts_on=None,
            ends_on=END,
            justification="",
            intention=IntentionFactory(),
        )

    assert set(refused.value.errors) == {"title", "value", "starts_on", "direct_award_justification", "intention"}
    assert not Contract.objects.exists()


def test_signing_needs_the_standstill_over(award, buyer, commissioner):
    contract = services.contract_create_from_award(award=award, by=commissioner, buyer=buyer, starts_on=START, ends_on=END)
    Award.objects.filter(pk=award.pk).update(status=Award.Status.STANDSTILL)
    award.decision.__class__.objects.filter(pk=award.decision_id).update(standstill_ends_on=timezone.localdate())
    contract.refresh_from_db()

    with pytest.raises(FieldErrors) as refused:
        services.contract_sign(contract=contract, by=commissioner)

    assert "standstill" in refused.value.errors[NON_FIELD]
    assert Contract.objects.get(pk=contract.pk).status == Contract.Status.DRAFT


def test_signing_a_complete_contract_makes_it_active(award, buyer, commissioner):
    contract = services.contract_create_from_award(award=award, by=commissioner, buyer=buyer, starts_on=START, ends_on=END)

    signed = services.contract_sign(contract=contract, by=commissioner, signed_on=datetime.date(2027, 3, 20))

    assert signed.status == Contract.Status.ACTIVE and signed.signed_on == datetime.date(2027, 3, 20)
    with pytest.raises(InvalidTransition):
        services.contract_sign(contract=signed, by=commissioner)


def test_signing_lists_every_missing_part_at_once(commissioner):
    contract = ContractFactory(parts=False, starts_on=START, ends_on=datetime.date(2028, 3, 31))

    with pytest.raises(FieldErrors) as refused:
        services.contract_sign(contract=contract, by=commissioner)

    assert set(refused.value.errors) == {"parties", "years", "measures", "short_term_reason"}
    assert "shorter than 3 years" in refused.value.errors["short_term_reason"]


def test_a_short_vcs_contract_signs_once_it_says_why(commissioner):
    contract = ContractFactory(ends_on=datetime.date(2028, 3, 31))
    assert services.needs_short_term_reason(contract)
    Contract.objects.filter(pk=contract.pk).update(short_term_reason="A one-year pilot, evaluated before it is recommissioned.")
    contract.refresh_from_db()
    contract.years.filter(number__gt=1).delete()
    contract.years.filter(number=1).update(value=contract.value)

    assert services.contract_sign(contract=contract, by=commissioner).status == Contract.Status.ACTIVE


def test_a_private_firms_short_contract_needs_no_reason():
    contract = ContractFactory(supplier__sector="private", ends_on=datetime.date(2028, 3, 31))

    assert not services.needs_short_term_reason(contract)


def test_cancelling_a_draft_needs_a_reason(commissioner):
    contract = ContractFactory()

    with pytest.raises(FieldErrors):
        services.contract_cancel(contract=contract, by=commissioner, reason="")
    assert services.contract_cancel(contract=contract, by=commissioner, reason="Funding withdrawn").status == Contract.Status.CANCELLED


def test_the_clock_ends_a_running_contract_only_after_its_term():
    contract = ContractFactory(status=Contract.Status.ACTIVE)

    with pytest.raises(InvalidTransition):
        services.contract_expire(contract, today=END)
    ended = services.contract_expire(contract, today=END + datetime.timedelta(days=1))

    assert ended.status == Contract.Status.ENDED and ended.ended_on == END
