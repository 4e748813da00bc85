"""Venues through the provider's form and the approval flow: several per service, each problem on its own box, all at once."""

from django.urls import reverse

from jointly.providers import services
from jointly.providers.models import Revision

from ..factories import AreaFactory
from .test_manage_pages import _service_answers


def test_provider_adds_a_second_venue_and_approval_publishes_both(provider_client, published_service, provider_org, trust, commissioner):
    ward = AreaFactory(code="E05000003", name="Peverell", kind="ward", parent=trust.area)
    url = reverse("providers:service-edit", args=[provider_org.slug, published_service.uuid])
    form = provider_client.get(url).context["form"]
    # The service's one venue, and a box for one more.
    assert form.venue_count == 2 and form.initial["venue_0_postcode"] == "PL1 3EZ"
    answers = _service_answers(
        trust,
        name="Young carers' club",
        venue_1_name="Peverell Park Methodist Church",
        venue_1_address_1="Peverell Park Road",
        venue_1_address_2="Peverell",
        venue_1_city="Plymouth",
        venue_1_postcode="pl3 4lx",
        venue_1_area_code=ward.code,
    )
    assert provider_client.post(url, answers).status_code == 302
    revision = Revision.objects.get(status="pending")
    # The first venue is the same place, so it keeps its id; the new one has its own.
    first, second = revision.data["locations"]
    assert first["id"] == str(published_service.locations.get().uuid)
    assert (second["postcode"], second["area_code"], second["address_2"]) == ("PL3 4LX", ward.code, "Peverell")
    services.revision_approve(revision=revision, by=commissioner)
    venues = {venue.name: venue for venue in published_service.locations.select_related("area")}
    assert set(venues) == {"Stonehouse Community Centre", "Peverell Park Methodist Church"}
    assert venues["Peverell Park Methodist Church"].area == ward
    assert venues["Stonehouse Community Centre"].area == trust.area
    # Next time the form shows both, and a box for a third.
    assert provider_client.get(url).context["form"].venue_count == 3


def test_emptying_a_venues_boxes_removes_it(provider_client, published_service, provider_org, trust, commissioner):
    url = reverse("providers:service-edit", args=[provider_org.slug, published_service.uuid])
    answers = _service_answers(trust, name="Young carers' club", venue_0_name="", venue_0_address_1="", venue_0_city="", venue_0_postcode="")
    assert provider_client.post(url, answers).status_code == 302
    services.revision_approve(revision=Revision.objects.get(status="pending"), by=commissioner)
    assert not published_service.locations.exists()


def test_every_venue_problem_is_shown_at_once_on_its_own_box(provider_client, provider_org, trust):
    answers = _service_answers(
        trust,
        venue_0_postcode="PL99",
        venue_1_name="Mutley Centre",
        venue_1_address_1="3 Mutley Plain",
        venue_1_area_code="",
        cost="fee",
        fee_amount="-1",
    )
    response = provider_client.post(reverse("providers:service-add", args=[provider_org.slug]), answers)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["venue_0_postcode"] == ["Enter the postcode of Stonehouse Community Centre like PL1 2AA ('PL99' is not a UK postcode)"]
    assert form.errors["venue_1_city"] == ["Enter the town or city of Mutley Centre"]
    assert form.errors["venue_1_postcode"] == ["Enter the postcode of Mutley Centre"]
    assert "fee_amount" in form.errors
    page = response.content.decode()
    # One summary, linking to each box.
    assert page.count("govuk-error-summary__list") == 1
    assert 'href="#id_venue_1_city"' in page and 'href="#id_venue_0_postcode"' in page
    assert not Revision.objects.exists()
