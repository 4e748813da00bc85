"""Contracts and the awards they come from, built directly (the services are tested on their own)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from jointly.contracts.models import Contract, ContractMeasure, ContractParty, ContractYear, Invoice
from jointly.procurement.models import Award, AwardDecision, Bid, Opportunity

from ..factories import OrganisationFactory, TrustFactory, TrustPartnerFactory, UserFactory
from ..procurement.factories import BidFactory, OpportunityFactory


class AwardDecisionFactory(factory.django.DjangoModelFactory):
    """A concluded award decision: the standstill is over."""

    class Meta:
        model = AwardDecision

    opportunity = factory.SubFactory(OpportunityFactory, status=Opportunity.Status.AWARDED)
    reasons = "Highest total score."
    decided_by = factory.SubFactory(UserFactory)
    standstill_ends_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=2))
    concluded_at = factory.LazyFunction(timezone.now)


class AwardFactory(factory.django.DjangoModelFactory):
    """An award ready for contract, to a submitted bid of the decision's opportunity."""

    class Meta:
        model = Award

    decision = factory.SubFactory(AwardDecisionFactory)
    bid = factory.SubFactory(
        BidFactory, opportunity=factory.SelfAttribute("..decision.opportunity"), status=Bid.Status.SUBMITTED, lead_role="Lead and delivery"
    )
    organisation = factory.SelfAttribute("bid.organisation")
    value = factory.SelfAttribute("bid.price")
    status = Award.Status.READY_FOR_CONTRACT
    ready_at = factory.LazyFunction(timezone.now)


class ContractFactory(factory.django.DjangoModelFactory):
    """A draft direct-award contract with its lead party, three years by value and one measure.

    `ContractFactory(status=Contract.Status.ACTIVE)` makes a running one directly; tests of the moves
    go through the services.
    """

    class Meta:
        model = Contract
        skip_postgeneration_save = True

    trust = factory.SubFactory(TrustFactory)
    buyer = factory.LazyAttribute(lambda o: TrustPartnerFactory(trust=o.trust, statutory=True).organisation)
    supplier = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"TEST-C{n:04d}")
    title = factory.Sequence(lambda n: f"Early help family support {n}")
    origin = Contract.Origin.DIRECT_AWARD
    direct_award_justification = "Continuity of a specialist service while the market is developed."
    starts_on = datetime.date(2027, 4, 1)
    ends_on = datetime.date(2030, 3, 31)
    value = Decimal("300000.00")

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        ContractParty.objects.create(contract=self, organisation=self.supplier, part=ContractParty.Part.LEAD, work_share=100, money_share=100)
        share = (self.value / 3).quantize(Decimal("0.01"))
        for number in (1, 2, 3):
            start = self.starts_on.replace(year=self.starts_on.year + number - 1)
            ContractYear.objects.create(
                contract=self,
                number=number,
                starts_on=start,
                ends_on=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
                value=share if number < 3 else self.value - 2 * share,
            )
        ContractMeasure.objects.create(
            contract=self, kind=ContractMeasure.Kind.KPI, question=ContractMeasure.Question.HOW_MUCH, text="Families supported", target=120
        )


class InvoiceFactory(factory.django.DjangoModelFactory):
    """An invoice received on a running contract from its lead, built directly (services are tested on their own)."""

    class Meta:
        model = Invoice

    contract = factory.SubFactory(
        ContractFactory, status=Contract.Status.ACTIVE, starts_on=datetime.date(2025, 4, 1), ends_on=datetime.date(2028, 3, 31)
    )
    supplier = factory.SelfAttribute("contract.supplier")
    number = factory.Sequence(lambda n: f"INV-{n:05d}")
    amount = Decimal("1000.00")
    period_starts_on = datetime.date(2026, 4, 1)
    period_ends_on = datetime.date(2026, 4, 30)
    received_on = datetime.date(2026, 5, 1)
    valid_on = factory.SelfAttribute("received_on")
    payable_on = factory.LazyAttribute(lambda o: o.valid_on + datetime.timedelta(days=o.contract.payment_terms_days))
