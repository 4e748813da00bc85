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


@pytest.fixture
def charity_service(trust, charity):
    """A published directory service run by the charity."""
    from ..providers.conftest import publish

    return publish(charity, trust.area.code, name="Harbour family support")


@pytest.fixture
def care_company_service(trust, care_company):
    from ..providers.conftest import publish

    return publish(care_company, trust.area.code, name="Moorview children's homes")
