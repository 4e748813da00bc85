"""Factories for the resource envelope. Records are made through the services where a rule matters."""

import factory

from jointly.partnerships.models import Sector
from jointly.resources.models import Purpose, SpendKind, SpendRecord, Tier

from ..factories import OrganisationFactory, TrustPartnerFactory


def partner_of(trust, **kwargs):
    """An organisation that is a partner in `trust`."""
    organisation = OrganisationFactory(**kwargs)
    TrustPartnerFactory(trust=trust, organisation=organisation)
    return organisation


class SpendRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendRecord

    year = "2026-27"
    kind = SpendKind.COMMISSIONED
    service_name = factory.Sequence(lambda n: f"Service {n}")
    tier = Tier.TARGETED
    purpose = Purpose.PREVENTION
    provider_sector = factory.LazyAttribute(lambda record: record.provider.sector)
    amount = 1000
    partner = factory.LazyAttribute(lambda record: partner_of(record.trust, sector=Sector.LOCAL_AUTHORITY))
    provider = factory.LazyAttribute(lambda record: OrganisationFactory(sector=Sector.VCS))
