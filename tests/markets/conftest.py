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
        ("2025-26", council, 600),
        ("2025-26", charity, 400),
        ("2026-27", council, 500),
        ("2026-27", charity, 300),
        ("2026-27", care_company, 200),
    ):
        SpendRecordFactory(trust=trust, partner=council, provider=provider, amount=amount, year=year, outcome_area=stay_safe)


@pytest.fixture
def other_region_lead(db):
    return _person(Role.REGIONAL_LEAD, region=RegionFactory(name="East of England", slug="east"))


@pytest.fixture
def other_region_lead_client(other_region_lead):
    return signed_in_client(other_region_lead)


@pytest.fixture
def wards_market(trust, council, charity, care_company, stay_safe):
    """Stay safe in 2026-27, in a district (North, with wards A and B) and a ward (C) directly in Plymouth.

    Spend: the council £600 with no place (authority-wide), the charity £300 in ward A, the company £100 in ward B,
    and a second charity £50 in ward C. In ward A: council £600 and charity £300, shares 66.7/33.3, HHI
    4,444.4 + 1,111.1 = 5,556. In North: council, charity and company, £1,000 (60/30/10: 3,600 + 900 + 100 = 4,600).
    """
    from jointly.places.models import Area

    from ..factories import AreaFactory

    north = AreaFactory(code="E07000901", name="North", kind=Area.Kind.DISTRICT, parent=trust.area)
    ward_a = AreaFactory(code="E05000901", name="Ward A", kind=Area.Kind.WARD, parent=north)
    ward_b = AreaFactory(code="E05000902", name="Ward B", kind=Area.Kind.WARD, parent=north)
    ward_c = AreaFactory(code="E05000903", name="Ward C", kind=Area.Kind.WARD, parent=trust.area)
    small = OrganisationFactory(name="Ward C Youth Club", slug="ward-c-youth-club", sector=Sector.VCS, size_band=SizeBand.MICRO)
    for provider, amount, place in ((council, 600, None), (charity, 300, ward_a), (care_company, 100, ward_b), (small, 50, ward_c)):
        SpendRecordFactory(trust=trust, partner=council, provider=provider, amount=amount, year="2026-27", outcome_area=stay_safe, place=place)
    return {"north": north, "a": ward_a, "b": ward_b, "c": ward_c}
