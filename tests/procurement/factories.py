import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from jointly.plans.models import CommissioningIntention, IntentionKind, Route
from jointly.procurement.models import Bid, BidAnswer, Criterion, Lot, Opportunity, Question, RouteKind

from ..factories import OrganisationFactory, TrustFactory


class IntentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommissioningIntention

    trust = factory.SubFactory(TrustFactory)
    title = factory.Sequence(lambda n: f"Family support service {n}")
    kind = IntentionKind.RECOMMISSION
    route = Route.OPEN
    estimated_annual_value = Decimal("250000")
    total_value = Decimal("750000")
    status = CommissioningIntention.Status.PUBLISHED
    tender_opens_on = datetime.date(2027, 3, 1)


class OpportunityFactory(factory.django.DjangoModelFactory):
    """A draft opportunity. Tests that need an open or closed one move it there through the services."""

    class Meta:
        model = Opportunity

    trust = factory.SubFactory(TrustFactory)
    intention = factory.SubFactory(IntentionFactory, trust=factory.SelfAttribute("..trust"))
    ocid = factory.Sequence(lambda n: f"ocds-test-{n:06d}")
    title = factory.Sequence(lambda n: f"Young carers support {n}")
    route = RouteKind.OPEN
    estimated_value = Decimal("750000")
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=41))
    # Bids' tests are not about the passport: tests of the passport's part ask for it themselves.
    passport_requirements = factory.LazyFunction(list)


class LotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lot

    opportunity = factory.SubFactory(OpportunityFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Area {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    opportunity = factory.SubFactory(OpportunityFactory)
    title = factory.Sequence(lambda n: f"Quality of the service model {n}")
    weight = 60


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    opportunity = factory.SubFactory(OpportunityFactory)
    criterion = factory.SubFactory(CriterionFactory, opportunity=factory.SelfAttribute("..opportunity"))
    text = factory.Sequence(lambda n: f"How will you find young carers early? ({n})")
    word_limit = 500


class BidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bid

    opportunity = factory.SubFactory(OpportunityFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    price = Decimal("720000")


class BidAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BidAnswer

    bid = factory.SubFactory(BidFactory)
    question = factory.SubFactory(QuestionFactory, opportunity=factory.SelfAttribute("..bid.opportunity"))
    text = "We work with every school's pastoral lead."
