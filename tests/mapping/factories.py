"""Factories for the service map: directory services made directly (the directory's approval flow is tested in providers)."""

import factory

from jointly.needs.models import OutcomeArea
from jointly.partnerships.models import Sector
from jointly.places.models import Area
from jointly.providers.models import DirectoryService, ServiceGroup, ServiceOutcome

from ..factories import AreaFactory, OrganisationFactory, TrustPartnerFactory


class DirectoryServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryService

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "What the service does."
    tier = "targeted"
    approach = "prevention"


def directory_service(*, trust=None, areas, outcomes=("enjoy-and-achieve",), groups=(), sector=Sector.VCS, organisation=None, **fields):
    """A live directory service of a partner of `trust`, naming these places, outcomes and groups."""
    if organisation is None:
        organisation = OrganisationFactory(sector=sector)
        if trust is not None:
            TrustPartnerFactory(trust=trust, organisation=organisation)
    service = DirectoryServiceFactory(organisation=organisation, **fields)
    service.areas.set(areas)
    for outcome in outcomes:
        ServiceOutcome.objects.create(service=service, outcome=OutcomeArea.objects.get(slug=outcome, trust__isnull=True))
    for group in groups:
        ServiceGroup.objects.create(service=service, group=group)
    return service


def ward(parent, name: str, number: int) -> Area:
    return AreaFactory(code=f"E05{number:06d}", name=name, kind=Area.Kind.WARD, parent=parent)
