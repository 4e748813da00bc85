import pytest

from jointly.accounts.models import Role
from jointly.partnerships.models import Sector, SizeBand

from ..conftest import _person, signed_in_client
from ..factories import OrganisationFactory, RegionFactory
from .factories import SpendRecordFactory, outcome, partner_of


@pytest.fixture
def council(trust):
    return partner_of(trust, name="Plymouth City Council", slug="plymouth-city-council", sector=Sector.LOCAL_AUTHORITY, size_band=SizeBand.MAJOR)


@pytest.fixture
def charity(db):
    return OrganisationFactory(name="Harbour Families", slug="harbour-families", sector=Sector.VCS, size_band=SizeBand.SMALL)


@pytest.fixture
def care_company(db):
    return OrganisationFactory(name="Moorview Care Ltd", slug="moorview-care", sector=Sector.PRIVATE, size_band=SizeBand.LARGE)


@pytest.fixture
def stay_safe(db):
    return outcome("stay-safe")


@pytest.fixture
def market(trust, council, charity, care_company, stay_safe):
    """Stay safe in Plymouth. 2025-26: council £600, charity £400. 2026-27: council £500, charity £300, company £200.

    2026-27 shares 50/30/20: HHI 2,500 + 900 + 400 = 3,800; the company entered, nobody exited.
    """
    for year, provider, amount in (
        ("2025-26", council, 600), ("2025-26", charity, 400),
        ("2026-27", council, 500), ("2026-27", charity, 300), ("2026-27", care_company, 200),
    ):
        SpendRecordFactory(trust=trust, partner=council, provider=provider, amount=amount, year=year, outcome_area=stay_safe)


@pytest.fixture
def other_region_lead(db):
    return _person(Role.REGIONAL_LEAD, region=RegionFactory(name="East of England", slug="east"))


@pytest.fixture
def other_region_lead_client(other_region_lead):
    return signed_in_client(other_region_lead)
