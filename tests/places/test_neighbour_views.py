"""The statistical neighbours page (public) and changing a list (the authority's own trust only)."""

import datetime

import pytest
from django.urls import reverse

from jointly.places.models import Area, StatisticalNeighbour
from jointly.places.services import neighbour_list_set


@pytest.fixture
def others(db):
    return [
        Area.objects.create(code=f"E06{200000 + n:06d}", name=f"Similar {n:02d}", kind=Area.Kind.UPPER_TIER, boundary_year=2023) for n in range(1, 12)
    ]


@pytest.fixture
def listed(trust, others):
    neighbour_list_set(
        authority=trust.area, neighbours=others[:10], list_date=datetime.date(2023, 3, 31), source="Illustrative list for the demonstration"
    )
    return trust.area


def _change_url(area):
    return reverse("places:neighbours-change", args=[area.code])


def _post(others, **extra):
    data = {"list_date_0": "31", "list_date_1": "3", "list_date_2": "2024", "source": "DfE 2024"}
    data.update({f"rank_{rank}": area.pk for rank, area in enumerate(others, start=1)})
    data.update(extra)
    return data


@pytest.mark.django_db
class TestPage:
    def test_anyone_can_read_the_list_and_sees_an_illustrative_one_labelled(self, anonymous_client, listed, django_assert_max_num_queries):
        with django_assert_max_num_queries(6):
            response = anonymous_client.get(reverse("places:neighbours", args=[listed.code]))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Similar 01" in page and "Similar 10" in page and "Similar 11" not in page
        assert "not the Department for Education's statistical neighbour list" in page
        assert "Change the neighbours" not in page

    def test_an_unknown_code_is_not_found(self, anonymous_client, db):
        assert anonymous_client.get(reverse("places:neighbours", args=["E06999998"])).status_code == 404


@pytest.mark.django_db
class TestChange:
    def test_commissioner_of_the_trust_changes_the_list(self, commissioner_client, listed, others):
        assert "Change the neighbours" in commissioner_client.get(reverse("places:neighbours", args=[listed.code])).content.decode()
        response = commissioner_client.post(_change_url(listed), _post(list(reversed(others[1:11]))))
        assert response.status_code == 302
        latest = StatisticalNeighbour.objects.filter(authority=listed, list_date=datetime.date(2024, 3, 31)).order_by("rank")
        assert [e.neighbour for e in latest] == list(reversed(others[1:11]))
        assert latest[0].source == "DfE 2024"

    def test_a_repeated_authority_is_named_on_its_rank(self, commissioner_client, listed, others):
        response = commissioner_client.post(_change_url(listed), _post(others[:10], rank_4=others[1].pk))
        page = response.content.decode()
        assert response.status_code == 200 and "There is a problem" in page
        assert "Similar 02 is already neighbour 2: choose a different authority" in page
        assert '<a href="#id_rank_4">' in page

    def test_another_trusts_commissioner_may_not(self, other_commissioner_client, listed):
        response = other_commissioner_client.get(_change_url(listed))
        assert response.status_code == 403
        assert "only of your own trust" in response.content.decode()

    def test_provider_may_not(self, provider_client, listed):
        assert provider_client.get(_change_url(listed)).status_code == 403

    def test_anonymous_is_sent_to_sign_in(self, anonymous_client, listed):
        response = anonymous_client.get(_change_url(listed))
        assert response.status_code == 302 and "sign-in" in response.url
