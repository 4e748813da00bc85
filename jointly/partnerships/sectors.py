"""Who counts as what: the one definition of the statutory partners ("in-house") and of the third sector (VCSE).

Every figure that says "in-house", "VCS" or "VCSE" (the service map, spend
reports, the evidence share, the market analysis) asks these functions, so a
provider is never in-house on one page and contracted on another, or in the
third sector for spend and outside it for evidence.

* In-house: a service of one of the statutory partners of a children's trust
  (Children Act 2004, section 10): the local authority, NHS bodies, schools,
  the police and youth offending teams, by the organisation's sector.
* The third sector (seed 002, "What is the Third Sector?"): voluntary and
  community organisations, charities, community groups, social enterprises,
  co-operatives and mutuals, all independent of the statutory sector. The
  register's sectors name voluntary and community organisations and social
  enterprises; co-operatives, mutuals, community interest companies and
  charities are known by their legal form, so an organisation recorded as
  private sector counts when its legal form is one of those. A statutory
  body never does, whatever its legal form (an academy is a charitable
  company, and a school).
"""

from __future__ import annotations

from django.db.models import Q

from .models import LegalForm, Sector

STATUTORY_SECTORS = frozenset({Sector.LOCAL_AUTHORITY, Sector.NHS, Sector.SCHOOL, Sector.POLICE, Sector.YOUTH_JUSTICE})
THIRD_SECTOR = frozenset({Sector.VCS, Sector.SOCIAL_ENTERPRISE})
THIRD_SECTOR_LEGAL_FORMS = frozenset(
    {
        LegalForm.CIO,
        LegalForm.CHARITABLE_COMPANY,
        LegalForm.UNINCORPORATED_CHARITY,
        LegalForm.UNINCORPORATED_GROUP,
        LegalForm.CIC,
        LegalForm.MUTUAL,
    }
)

IN_HOUSE_DEFINITION = (
    "In-house means a service run by one of the trust's statutory partners: the local authority, NHS bodies, "
    "schools, the police or the youth offending team. Every other service is contracted."
)
THIRD_SECTOR_DEFINITION = (
    "Voluntary, community and social enterprise (VCSE) means charities, community groups, social enterprises, "
    "co-operatives and mutuals: organisations independent of the statutory sector and driven by social purpose. "
    "An organisation counts when its sector is the voluntary and community sector or social enterprise, or when "
    "it is recorded as private sector but its legal form is a charity, community group, community interest company, "
    "co-operative or mutual society."
)


def is_statutory(sector: str) -> bool:
    """Is an organisation of this sector one of the statutory partners, so its services are in-house?"""
    return sector in STATUTORY_SECTORS


def in_third_sector(sector: str, legal_form: str = "") -> bool:
    """Is an organisation of this sector and legal form in the third sector (VCSE)?"""
    if sector in THIRD_SECTOR:
        return True
    return not is_statutory(sector) and legal_form in THIRD_SECTOR_LEGAL_FORMS


def statutory_q(sector_field: str = "sector") -> Q:
    """`is_statutory` as a filter, for a query naming the sector by `sector_field`."""
    return Q(**{f"{sector_field}__in": STATUTORY_SECTORS})


def third_sector_q(sector_field: str = "sector", legal_form_field: str = "legal_form") -> Q:
    """`in_third_sector` as a filter: the same rule, for a query naming the sector and legal form by these fields."""
    by_form = Q(**{f"{legal_form_field}__in": THIRD_SECTOR_LEGAL_FORMS}) & ~statutory_q(sector_field)
    return Q(**{f"{sector_field}__in": THIRD_SECTOR}) | by_form
