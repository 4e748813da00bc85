"""Directory fixtures, built through the directory's own services."""

import pytest

from jointly.providers import services
from jointly.providers.models import DirectoryService, Revision

from ..factories import OrganisationFactory, TrustPartnerFactory


def service_data(area_code: str, **overrides) -> dict:
    """A complete, valid service as a provider would propose it."""
    data = {
        "name": "Young carers' club",
        "description": "A weekly club where young carers meet, have a break and get support.",
        "status": DirectoryService.Status.ACTIVE,
        "tier": "targeted",
        "approach": "prevention",
        "min_age": 8,
        "max_age": 18,
        "eligibility": "Children who look after someone at home.",
        "outcome_areas": ["be-healthy", "enjoy-and-achieve"],
        "groups": ["young_carers"],
        "area_codes": [area_code],
        "schedule": "Term time only",
        "opening_times": [{"weekday": "TU", "opens_at": "16:00", "closes_at": "18:00"}],
        "cost": "free",
        "fee_amount": None,
        "fee_description": "",
        "contact_name": "Priya Nair",
        "email": "club@carers.example",
        "phone": "01752 000111",
        "url": "https://carers.example/club",
        "locations": [
            {
                "name": "Stonehouse Community Centre",
                "address_1": "1 Union Street",
                "city": "Plymouth",
                "county": "Devon",
                "postcode": "PL1 3EZ",
                "latitude": "50.3700",
                "longitude": "-4.1500",
            }
        ],
    }
    data.update(overrides)
    return data


def profile_data(area_code: str, **overrides) -> dict:
    data = {
        "description": "We support young carers across the city.",
        "website": "https://carers.example",
        "email": "hello@carers.example",
        "phone": "01752 000000",
        "income_band": "small",
        "staff_band": "1-9",
        "area_codes": [area_code],
        "groups": ["young_carers", "gypsy_roma_traveller"],
        "accreditations": [{"kind": "regulator", "body": "Ofsted", "rating": "Good", "awarded_on": "2024-03-01"}],
    }
    data.update(overrides)
    return data


def publish(organisation, area_code: str, **service_overrides) -> DirectoryService:
    """Publish an organisation's entry and one service, as an import would."""
    services.directory_record_publish(
        organisation=organisation, kind=Revision.Kind.PROFILE, data=profile_data(area_code), source=Revision.Source.IMPORT
    )
    revision = services.directory_record_publish(
        organisation=organisation,
        kind=Revision.Kind.SERVICE,
        data=service_data(area_code, **service_overrides),
        source=Revision.Source.IMPORT,
    )
    return revision.service


@pytest.fixture
def published_service(provider_org, trust):
    return publish(provider_org, trust.area.code)


@pytest.fixture
def other_trust_org(other_trust):
    organisation = OrganisationFactory(name="Essex Youth Trust")
    TrustPartnerFactory(trust=other_trust, organisation=organisation)
    return organisation


@pytest.fixture
def pending_change(published_service, provider_user):
    """The provider proposes a new version of their published service."""
    data = service_data(published_service.areas.get().code, name="Young carers' club (new name)", id=str(published_service.uuid))
    return services.service_change_propose(organisation=published_service.organisation, service=published_service, data=data, by=provider_user)
