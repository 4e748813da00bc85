"""The one definition of in-house (statutory partners) and of the third sector (VCSE), worked by hand.

Every row of the tables below can be checked against the rule in jointly/partnerships/sectors.py:
in-house is the sector of a statutory partner; the third sector is the VCS or social enterprise by
sector, or a private-sector organisation whose legal form is a charity, community group, CIC,
co-operative or mutual; a statutory body is never in the third sector.
"""

import pytest

from jointly.partnerships.models import LegalForm, Organisation, Sector
from jointly.partnerships.sectors import in_third_sector, is_statutory, statutory_q, third_sector_q
from tests.factories import OrganisationFactory


@pytest.mark.parametrize(
    ("sector", "in_house"),
    [
        (Sector.LOCAL_AUTHORITY, True),
        (Sector.NHS, True),
        (Sector.SCHOOL, True),
        (Sector.POLICE, True),
        (Sector.YOUTH_JUSTICE, True),
        (Sector.VCS, False),
        (Sector.SOCIAL_ENTERPRISE, False),
        (Sector.PRIVATE, False),
    ],
)
def test_in_house_is_every_statutory_partner_not_only_the_council_and_nhs(sector, in_house):
    assert is_statutory(sector) is in_house


# (sector, legal form, in the third sector?, why)
CASES = [
    (Sector.VCS, LegalForm.CIO, True, "a charity"),
    (Sector.VCS, LegalForm.UNINCORPORATED_GROUP, True, "a community group"),
    (Sector.SOCIAL_ENTERPRISE, LegalForm.CIC, True, "a social enterprise"),
    (Sector.SOCIAL_ENTERPRISE, LegalForm.COMPANY, True, "a social enterprise trading as a company: the sector says so"),
    (Sector.PRIVATE, LegalForm.MUTUAL, True, "a co-operative recorded as private sector: its legal form says so"),
    (Sector.PRIVATE, LegalForm.CIC, True, "a CIC recorded as private sector"),
    (Sector.PRIVATE, LegalForm.COMPANY, False, "a private company"),
    (Sector.PRIVATE, LegalForm.OTHER, False, "a private firm of another form"),
    (Sector.SCHOOL, LegalForm.CHARITABLE_COMPANY, False, "an academy: a charitable company, but a statutory partner"),
    (Sector.NHS, LegalForm.MUTUAL, False, "an NHS mutual: statutory first"),
    (Sector.LOCAL_AUTHORITY, LegalForm.STATUTORY_BODY, False, "the council"),
]


@pytest.mark.parametrize(("sector", "legal_form", "expected", "why"), CASES)
def test_the_third_sector_includes_social_enterprises_co_operatives_and_mutuals(sector, legal_form, expected, why):
    assert in_third_sector(sector, legal_form) is expected, why


def test_the_query_and_the_function_agree_on_every_case(db):
    """The same eleven organisations in the database: the six marked True are the third sector; three are statutory."""
    made = {OrganisationFactory(sector=sector, legal_form=form).pk: expected for sector, form, expected, _ in CASES}
    third = set(Organisation.objects.filter(third_sector_q()).values_list("pk", flat=True))
    assert third == {pk for pk, expected in made.items() if expected}
    assert len(third) == 6
    statutory = Organisation.objects.filter(statutory_q())
    assert statutory.count() == 3  # the academy, the NHS mutual and the council
