"""Factories for the needs assessment's records."""

import datetime

import factory

from jointly.assessment.models import (
    EvidenceItem,
    EvidenceKind,
    NeedsAssessment,
    Priority,
    PriorityTarget,
    ReportCard,
    TargetDirection,
)
from jointly.needs.models import IndicatorDefinition, Observation, OutcomeArea, Polarity
from jointly.needs.models.observations import Breakdown
from jointly.partnerships.models import Body, Sector

from ..factories import BodyFactory, OrganisationFactory, TrustFactory


def outcome(slug="be-healthy") -> OutcomeArea:
    return OutcomeArea.objects.get(slug=slug, trust__isnull=True)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorDefinition

    code = factory.Sequence(lambda n: f"test/indicator-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    outcome_area = factory.LazyFunction(outcome)
    polarity = Polarity.HIGHER_BETTER


def observe(indicator, area, period: str, value: float, period_key: int | None = None) -> Observation:
    key = period_key or int(period[:4]) * 10000
    return Observation.objects.create(indicator=indicator, area=area, period=period, period_key=key, breakdown=Breakdown.total(), value=value)


class BoardFactory(BodyFactory):
    name = "Children's Trust Board"
    slug = factory.Sequence(lambda n: f"board-{n}")
    kind = Body.Kind.BOARD


class VcsOrganisationFactory(OrganisationFactory):
    sector = Sector.VCS


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceItem

    trust = factory.SubFactory(TrustFactory)
    title = factory.Sequence(lambda n: f"Evidence {n}")
    summary = "What we heard."
    kind = EvidenceKind.VCS_INTELLIGENCE
    source_organisation = factory.SubFactory(OrganisationFactory)
    dated = datetime.date(2026, 6, 1)
    status = EvidenceItem.Status.ACCEPTED


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    trust = factory.SubFactory(TrustFactory)
    period = "2027–2030"
    title = factory.Sequence(lambda n: f"Priority {n}")
    outcome_area = factory.LazyFunction(outcome)


class PriorityTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityTarget

    priority = factory.SubFactory(PriorityFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    baseline_value = 60.0
    baseline_period = "2024/25"
    target_value = 70.0
    target_period = "2029/30"
    direction = TargetDirection.INCREASE


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedsAssessment

    trust = factory.SubFactory(TrustFactory)
    period = "2027–2030"
    title = "Children and young people's needs assessment"


class ReportCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportCard

    trust = factory.SubFactory(TrustFactory)
    title = factory.Sequence(lambda n: f"Report card {n}")
    outcome_area = factory.LazyFunction(outcome)
