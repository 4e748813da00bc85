import pytest

from jointly.partnerships.models import Sector

from ..factories import OrganisationFactory
from .factories import partner_of


@pytest.fixture
def council(trust):
    return partner_of(trust, name="Plymouth City Council", slug="plymouth-city-council", sector=Sector.LOCAL_AUTHORITY)


@pytest.fixture
def icb(trust):
    return partner_of(trust, name="NHS Devon Integrated Care Board", slug="nhs-devon-icb", sector=Sector.NHS)


@pytest.fixture
def charity(db):
    """A VCS provider that is not a partner of any trust."""
    return OrganisationFactory(name="Harbour Families", slug="harbour-families", sector=Sector.VCS)


@pytest.fixture
def care_company(db):
    return OrganisationFactory(name="Moorview Care Ltd", slug="moorview-care", sector=Sector.PRIVATE)
