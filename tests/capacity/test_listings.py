"""Find partners: off by default, opting in and out, filters, and only the public contact route."""

import pytest

from jointly.capacity import selectors, services
from jointly.capacity.models import PartnerListing
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition

from ..factories import AreaFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _opt_in(organisation, by, **overrides):
    data = {"can_offer": "A safeguarding lead and a venue", "looking_for": ["consortium"], "outcomes": ["stay-safe"], "groups": ["young_carers"]}
    data.update(overrides)
    return services.partner_listing_opt_in(organisation=organisation, by=by, **data)


def test_nobody_is_listed_until_they_opt_in_and_opting_out_removes_them_at_once(provider_org, provider_user):
    assert list(selectors.partner_listings()) == []
    listing = _opt_in(provider_org, provider_user)
    assert listing.status == PartnerListing.Status.LISTED
    assert [entry.organisation for entry in selectors.partner_listings()] == [provider_org]
    services.partner_listing_opt_out(listing=listing, by=provider_user)
    assert list(selectors.partner_listings()) == []
    with pytest.raises(InvalidTransition):
        services.partner_listing_opt_out(listing=listing, by=provider_user)
    again = _opt_in(provider_org, provider_user, looking_for=["lead_partner", "sub_contracting"])
    assert again.pk == listing.pk and again.looking_for == ["lead_partner", "sub_contracting"]


def test_opting_in_needs_an_offer_and_what_you_are_looking_for(provider_org, provider_user):
    with pytest.raises(FieldErrors) as caught:
        _opt_in(provider_org, provider_user, can_offer="", looking_for=[])
    assert set(caught.value.errors) == {"can_offer"}
    with pytest.raises(FieldErrors) as caught:
        _opt_in(provider_org, provider_user, looking_for=[])
    assert caught.value.errors == {"looking_for": "Select what your organisation is looking for"}
    assert not PartnerListing.objects.exists()


def test_filters_by_outcome_group_looking_for_and_place(trust, provider_org, provider_user, other_provider_org, other_provider_user):
    from jointly.providers.models import ProviderProfile

    _opt_in(provider_org, provider_user)
    _opt_in(other_provider_org, other_provider_user, looking_for=["sub_contracting"], outcomes=["be-healthy"], groups=[])
    far = OrganisationFactory(name="Far Away Group")
    elsewhere = AreaFactory(name="Elsewhere")
    ProviderProfile.objects.create(organisation=far).areas.add(elsewhere)
    _opt_in(far, provider_user, outcomes=["be-healthy"])

    def names(**filters):
        return [entry.organisation.name for entry in selectors.partner_listings(**filters)]

    assert names(outcome="stay-safe") == ["Young Carers Project"]
    assert names(outcome="be-healthy") == ["Far Away Group", "Youth Clubs Network"]
    assert names(group="young_carers") == ["Far Away Group", "Young Carers Project"]
    assert names(looking_for="sub_contracting") == ["Youth Clubs Network"]
    # Place: the trust's area (through partnership) or an area served in the directory.
    assert names(place=trust.area.code) == ["Young Carers Project", "Youth Clubs Network"]
    assert names(place=elsewhere.code) == ["Far Away Group"]
    assert names(outcome="nonsense") == ["Far Away Group", "Young Carers Project", "Youth Clubs Network"]


def test_the_contact_route_is_the_public_directory_email_never_the_private_one(provider_org, provider_user):
    from django.utils import timezone

    from jointly.providers.models import ProviderProfile

    assert provider_org.contact_email
    assert selectors.public_contact(provider_org) == ""
    profile = ProviderProfile.objects.create(organisation=provider_org, email="hello@carers.example")
    provider_org.refresh_from_db()
    assert selectors.public_contact(provider_org) == ""  # not published yet
    profile.published_at = timezone.now()
    profile.save()
    provider_org.refresh_from_db()
    assert selectors.public_contact(provider_org) == "hello@carers.example"


def test_a_first_listing_starts_from_the_directory_entry(provider_org):
    from jointly.needs.models import OutcomeArea
    from jointly.providers.models import DirectoryService, ProfileGroup, ProviderProfile, ServiceOutcome

    profile = ProviderProfile.objects.create(organisation=provider_org)
    ProfileGroup.objects.create(profile=profile, group="young_carers")
    service = DirectoryService.objects.create(organisation=provider_org, name="Club", description="A club", tier="targeted", approach="prevention")
    ServiceOutcome.objects.create(service=service, outcome=OutcomeArea.objects.get(slug="be-healthy", trust__isnull=True))
    assert selectors.listing_defaults(provider_org) == {"outcomes": ["be-healthy"], "groups": ["young_carers"]}
