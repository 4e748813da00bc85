"""Reviews, improvement plans and consultations, built directly (the services are tested on their own)."""

import datetime

import factory
from django.utils import timezone

from jointly.consultations.models import Consultation
from jointly.contracts.models import Contract
from jointly.reviews.models import ImprovementAction, ImprovementPlan, Review

from ..contracts.factories import ContractFactory
from ..factories import TrustFactory


class ReviewFactory(factory.django.DjangoModelFactory):
    """A planned review of a running contract."""

    class Meta:
        model = Review

    contract = factory.SubFactory(ContractFactory, status=Contract.Status.ACTIVE)
    kind = Review.Kind.ANNUAL
    due_on = datetime.date(2028, 4, 1)


def recorded(**overrides) -> dict:
    """Every part a review records before it can be completed (no consultation, with the reason)."""
    return {
        "outcomes_finding": "Families supported: 90 of 120.",
        "need_finding": "The need has grown.",
        "no_consultation_reason": "The provider's own survey asked them this term.",
        "families_said": "They value the service.",
        "finding": "Valued, below target.",
        "decision": Review.Decision.CONTINUE,
        "decision_evidence": "The figures and the survey.",
        **overrides,
    }


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementPlan

    contract = factory.SubFactory(ContractFactory, status=Contract.Status.ACTIVE)
    aim = "Reach 120 families a year."
    review_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImprovementAction

    plan = factory.SubFactory(PlanFactory)
    text = "Recruit the schools' worker."
    owner_side = ImprovementAction.Side.PROVIDER
    owner = "Service manager"
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A consultation that has closed (children and families consulted)."""

    class Meta:
        model = Consultation

    trust = factory.SubFactory(TrustFactory)
    title = factory.Sequence(lambda n: f"What helps young carers {n}")
    slug = factory.Sequence(lambda n: f"what-helps-young-carers-{n}")
    purpose = "To hear what helps."
    audiences = ["children_young_people"]
    opens_on = datetime.date(2027, 1, 1)
    closes_on = datetime.date(2027, 2, 1)
    report_due_on = datetime.date(2027, 3, 1)
    retention_until = datetime.date(2028, 3, 1)
    status = Consultation.Status.CLOSED
