"""The hand-worked map of test_analysis.py, in the database.

Plymouth has a district, North, holding Wards A and B; Ward C hangs from Plymouth itself.
The priority "Children achieve" (enjoy and achieve) has one target, KS2 (higher is better);
Plymouth's 2023 value is 60. Ward A 50 (need), Ward B 70 (no need), Ward C 55 (need).
Service 1 (a VCS homework club, prevention) names North, so covers Wards A and B through their district;
service 2 (the council's, intervention) names Wards A and B. Both reach young carers, for enjoy and achieve.
So: Ward A need and provision; Ward B provision, no need; Ward C need and nothing (a gap);
young carers overlap in Wards A and B; the priority also means to reach disabled children: a group gap.
Spend: £750 prevention on the homework club is the priority's spend (100% prevention); £250 intervention
naming the priority but no service is shown apart, as other spend naming the priority.
"""

from decimal import Decimal

import pytest

from jointly.accounts.models import Role
from jointly.mapping import services
from jointly.needs.models import Polarity
from jointly.partnerships.models import Sector
from jointly.places.models import Area

from ..assessment.factories import IndicatorFactory, PriorityFactory, PriorityTargetFactory, observe, outcome
from ..conftest import _person
from ..factories import AreaFactory
from ..resources.factories import SpendRecordFactory
from .factories import directory_service, ward


@pytest.fixture
def north(trust):
    return AreaFactory(code="E07000901", name="North", kind=Area.Kind.DISTRICT, parent=trust.area)


@pytest.fixture
def wards(trust, north):
    return [ward(north, "Ward A", 1), ward(north, "Ward B", 2), ward(trust.area, "Ward C", 3)]


@pytest.fixture
def priority(trust):
    return PriorityFactory(trust=trust, title="Children achieve", outcome_area=outcome("enjoy-and-achieve"))


@pytest.fixture
def ks2(trust, wards, priority):
    indicator = IndicatorFactory(name="KS2 expected standard", polarity=Polarity.HIGHER_BETTER)
    PriorityTargetFactory(priority=priority, indicator=indicator)
    observe(indicator, trust.area, "2023/24", 60.0)
    for area, value in zip(wards, [50.0, 70.0, 55.0], strict=True):
        observe(indicator, area, "2023/24", value)
    return indicator


@pytest.fixture
def small_map(trust, north, wards, priority, ks2, commissioner):
    club = directory_service(trust=trust, areas=[north], groups=["young_carers"], name="Homework club")
    council = directory_service(
        trust=trust,
        areas=wards[:2],
        groups=["young_carers"],
        sector=Sector.LOCAL_AUTHORITY,
        name="Council young carers service",
        approach="intervention",
    )
    first = services.map_entry_create(trust=trust, service=club, priorities=[priority], by=commissioner)
    second = services.map_entry_create(trust=trust, service=council, priorities=[priority], by=commissioner)
    services.priority_groups_set(priority=priority, groups=["young_carers", "disabled_children"], by=commissioner)
    # £750 prevention on the homework club; £250 intervention recorded against the priority.
    SpendRecordFactory(trust=trust, service=club, amount=Decimal("750"), purpose="prevention", provider=club.organisation)
    SpendRecordFactory(trust=trust, priority=priority, amount=Decimal("250"), purpose="intervention")
    return {"entries": [first, second], "services": [club, council]}


@pytest.fixture
def other_region_lead(other_trust):
    return _person(Role.REGIONAL_LEAD, region=other_trust.region)
