"""services.frameworks: a framework led by one trust, shared by the trusts of its region, with approved providers."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from jointly.accounts.models import Role
from jointly.core.errors import FieldErrors
from jointly.placements import selectors
from jointly.placements.services import frameworks
from jointly.placements.services.requests import approved_providers

from ..conftest import _person
from ..factories import OrganisationFactory, TrustFactory

pytestmark = pytest.mark.django_db


def test_the_lead_trust_uses_its_framework_and_names_are_unique(trust, commissioner):
    today = timezone.localdate()
    framework = frameworks.framework_create(trust=trust, by=commissioner, name="Residential framework", starts_on=today)
    assert list(framework.users.values_list("trust", flat=True)) == [trust.pk]
    with pytest.raises(FieldErrors) as refused:
        frameworks.framework_create(
            trust=trust, by=commissioner, name="Residential framework", starts_on=today, ends_on=today - datetime.timedelta(days=1)
        )
    assert set(refused.value.message_dict) == {"name", "ends_on"}


def test_trusts_of_the_region_share_it_and_others_cannot(framework, trust, region, commissioner, other_trust):
    cornwall = TrustFactory(name="Cornwall Children's Trust", slug="cornwall", region=region)
    frameworks.framework_trust_add(framework=framework, trust=cornwall, by=commissioner)
    assert framework in selectors.frameworks_of(cornwall)
    with pytest.raises(FieldErrors, match="region"):
        frameworks.framework_trust_add(framework=framework, trust=other_trust, by=commissioner)
    with pytest.raises(FieldErrors, match="already uses"):
        frameworks.framework_trust_add(framework=framework, trust=cornwall, by=commissioner)

    cornwall_commissioner = _person(Role.COMMISSIONER, cornwall)
    assert selectors.framework_for(cornwall_commissioner, cornwall, framework.pk) == framework
    with pytest.raises(Http404):
        selectors.framework_for(_person(Role.COMMISSIONER, other_trust), other_trust, framework.pk)


def test_providers_join_and_leave_on_dates(framework, commissioner, provider_org):
    newcomer = OrganisationFactory(name="Harbour Homes")
    today = timezone.localdate()
    with pytest.raises(FieldErrors, match="already approved"):
        frameworks.framework_provider_add(framework=framework, organisation=provider_org, by=commissioner)
    with pytest.raises(FieldErrors, match="before the framework starts"):
        frameworks.framework_provider_add(
            framework=framework, organisation=newcomer, by=commissioner, joined_on=framework.starts_on - datetime.timedelta(days=1)
        )
    approval = framework.providers.get(organisation=provider_org)
    frameworks.framework_provider_leave(approval=approval, by=commissioner, left_on=today - datetime.timedelta(days=1))

    assert provider_org not in approved_providers(framework, on=today)
    assert provider_org in approved_providers(framework, on=today - datetime.timedelta(days=2))
    frameworks.framework_provider_add(framework=framework, organisation=provider_org, by=commissioner)  # rejoining is a new approval
    assert provider_org in approved_providers(framework, on=today)
    with pytest.raises(FieldErrors, match="already left"):
        frameworks.framework_provider_leave(approval=approval, by=commissioner)
