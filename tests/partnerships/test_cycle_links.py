"""The trust page's links to each stage of the cycle, and the service navigation: each person sees what they may use."""

import pytest
from django.urls import reverse

from tests.conftest import signed_in_client


def links_on_trust_page(client, trust) -> str:
    response = client.get(reverse("partnerships:trust-detail", args=[trust.slug]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_commissioner_is_linked_to_every_stage_of_the_trust(commissioner_client, trust):
    page = links_on_trust_page(commissioner_client, trust)
    for url in (
        reverse("resources:overview", args=[trust.slug]),
        reverse("mapping:map", args=[trust.slug]),
        reverse("markets:overview", args=[trust.slug]),
        reverse("capacity:support-summary", args=[trust.slug]),
        reverse("capacity:manage", args=[trust.slug]),
        reverse("plans:intentions", args=[trust.slug]),
        reverse("plans:forward-plan", args=[trust.slug]),
    ):
        assert f'href="{url}"' in page, url


@pytest.mark.django_db
def test_a_provider_is_linked_only_to_what_is_open_to_them(provider_client, trust):
    page = links_on_trust_page(provider_client, trust)
    for url in (
        reverse("resources:overview", args=[trust.slug]),
        reverse("mapping:map", args=[trust.slug]),
        reverse("markets:overview", args=[trust.slug]),
        reverse("capacity:manage", args=[trust.slug]),
        reverse("plans:intentions", args=[trust.slug]),
    ):
        assert f'href="{url}"' not in page, url
    assert f'href="{reverse("plans:forward-plan", args=[trust.slug])}"' in page
    assert f"{reverse('capacity:offers')}?trust={trust.slug}" in page


@pytest.mark.django_db
def test_the_navigation_offers_support_for_organisations_to_everyone(anonymous_client, provider_client):
    assert f'href="{reverse("capacity:offers")}"' in anonymous_client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("capacity:home")}"' in provider_client.get(reverse("core:home")).content.decode()


@pytest.mark.django_db
def test_the_market_link_follows_the_permission(board_member, evaluator, trust):
    url = f'href="{reverse("markets:overview", args=[trust.slug])}"'
    assert url in links_on_trust_page(signed_in_client(board_member), trust)
    assert url not in links_on_trust_page(signed_in_client(evaluator), trust)
