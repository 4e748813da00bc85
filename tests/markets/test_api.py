"""The market API: the same permissions as the pages, the same measures, clear errors for bad input."""

import pytest
from django.test import Client

from ..conftest import signed_in_client


def _paths(trust):
    return [f"/api/v1/markets/{trust.slug}", f"/api/v1/markets/{trust.slug}/categories/stay-safe", f"/api/v1/markets/regions/{trust.region.slug}"]


@pytest.mark.parametrize("person", ["commissioner", "analyst", "board_member", "regional_lead", "administrator"])
def test_people_with_the_market_permission_may_call_every_endpoint(request, person, trust, market):
    client = signed_in_client(request.getfixturevalue(person))
    for path in _paths(trust):
        assert client.get(path).status_code == 200, path


def test_another_trusts_user_and_another_regions_lead_get_not_found(other_commissioner_client, other_region_lead_client, trust, market):
    for client in (other_commissioner_client, other_region_lead_client):
        for path in _paths(trust):
            response = client.get(path)
            assert response.status_code == 404, path
            assert response["Content-Type"].startswith("application/problem+json")


def test_a_provider_is_forbidden_with_the_reason(provider_client, trust, market):
    for path in _paths(trust):
        response = provider_client.get(path)
        assert response.status_code == 403, path
        assert "cannot see the market analysis" in response.json()["detail"]


def test_anonymous_calls_are_refused(trust):
    for path in _paths(trust):
        assert Client().get(path).status_code == 401, path


def test_the_trusts_measures_by_category(commissioner_client, trust, market):
    body = commissioner_client.get(f"/api/v1/markets/{trust.slug}").json()
    assert body["count"] == 5
    safe = next(item for item in body["items"] if item["category"] == "stay-safe")
    assert safe == {
        "trust": "plymouth",
        "place": trust.area.code,
        "category": "stay-safe",
        "category_name": "Stay safe",
        "year": "2026-27",
        "tier": "",
        "basis": "spend",
        "providers": 3,
        "directory_providers": 0,
        "total": "1000.00",
        "vcs_share": "30.0",
        "largest_provider": "plymouth-city-council",
        "largest_share": "50.0",
        "hhi": 3800,
        "hhi_band": "highly concentrated",
        "dependency": "none",
        "change": {"previous_year": "2025-26", "year": "2026-27", "entered": ["moorview-care"], "exited": []},
    }


def test_a_category_in_full(commissioner_client, trust, market):
    body = commissioner_client.get(f"/api/v1/markets/{trust.slug}/categories/stay-safe", {"year": "2025-26"}).json()
    # 2025-26: £600 and £400, so 60% and 40%: HHI 3,600 + 1,600 = 5,200; no year before it to compare.
    assert (body["hhi"], body["change"]) == (5200, None)
    # Entries and exits are listed for every pair of years on record, whichever year is shown.
    assert body["changes"] == [{"previous_year": "2025-26", "year": "2026-27", "entered": ["moorview-care"], "exited": []}]
    assert [(s["provider"], s["share"]) for s in body["shares"]] == [("plymouth-city-council", "60.0"), ("harbour-families", "40.0")]
    # In band order, smallest first (the larger provider does not come first).
    assert body["by_size"] == [
        {"key": "small", "providers": 1, "amount": "400.00", "share": "40.0"},
        {"key": "major", "providers": 1, "amount": "600.00", "share": "60.0"},
    ]


@pytest.mark.parametrize(("query", "field"), [({"year": "2026"}, "year"), ({"tier": "everything"}, "tier")])
def test_bad_input_is_a_clear_error(commissioner_client, trust, market, query, field):
    response = commissioner_client.get(f"/api/v1/markets/{trust.slug}", query)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{field}:")


def test_an_unknown_category_is_not_found(commissioner_client, trust, market):
    assert commissioner_client.get(f"/api/v1/markets/{trust.slug}/categories/nothing").status_code == 404


def test_a_place_narrows_the_measures(commissioner_client, trust, wards_market):
    rows = commissioner_client.get(f"/api/v1/markets/{trust.slug}", {"year": "2026-27", "place": "E05000901"}).json()["items"]
    safe = next(row for row in rows if row["category"] == "stay-safe")
    assert (safe["place"], safe["providers"], safe["hhi"]) == ("E05000901", 2, 5556)
    body = commissioner_client.get(f"/api/v1/markets/{trust.slug}/categories/stay-safe", {"year": "2026-27", "place": "E07000901"}).json()
    assert body["place"] == "E07000901" and [s["provider"] for s in body["shares"]] == ["plymouth-city-council", "harbour-families", "moorview-care"]
    whole = commissioner_client.get(f"/api/v1/markets/{trust.slug}", {"year": "2026-27"}).json()["items"]
    assert whole[0]["place"] == trust.area.code


def test_a_place_outside_the_area_is_a_clear_error(commissioner_client, trust, wards_market):
    response = commissioner_client.get(f"/api/v1/markets/{trust.slug}", {"place": "E09999999"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("place: E09999999 is not the ONS code of a district or ward")
