"""The public API for places, indicators and observations."""

from pathlib import Path

import pytest

from jointly.needs import services
from jointly.needs.models import IndicatorDefinition
from jointly.places.models import Area

CLA = Path(__file__).parent / "fixtures" / "dfe_cla_sample.csv"
SPEC = {
    "dataset": "cla",
    "indicator_columns": ["rate_per_10000"],
    "indicator_filter_columns": ["population_count"],
    "companions": {"rate_per_10000": {"count": "number", "denominator": "population_estimate"}},
}


@pytest.fixture
def imported(db):
    run, _ = services.indicators_import_path(path=CLA, format="dfe", spec=SPEC)
    assert run.status == "succeeded"
    return run


def test_places_are_listed_and_filtered_without_an_account(anonymous_client, imported):
    response = anonymous_client.get("/api/v1/places", {"kind": "upper_tier", "parent": "E12000009"})
    assert response.status_code == 200
    codes = {item["code"] for item in response.json()["items"]}
    assert {"E06000026", "E10000008", "E06000053"} <= codes and "E12000009" not in codes
    plymouth = next(item for item in response.json()["items"] if item["code"] == "E06000026")
    assert plymouth == {
        "code": "E06000026",
        "name": "Plymouth",
        "kind": "upper_tier",
        "boundary_year": 2023,
        "parent_code": "E12000009",
        "has_shape": False,
    }


def test_a_place_has_its_parent_and_neighbours_and_its_shape_when_asked(anonymous_client, imported):
    Area.objects.filter(code="E06000026").update(shape={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]}, shape_year=2013)
    body = anonymous_client.get("/api/v1/places/E06000026").json()
    assert (body["parent_name"], body["has_shape"], body["shape"], body["neighbours"]) == ("South West", True, None, [])
    shaped = anonymous_client.get("/api/v1/places/E06000026", {"shape": "true"}).json()
    assert shaped["shape"]["type"] == "Polygon"
    missing = anonymous_client.get("/api/v1/places/E06999999")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"


def test_indicators_and_observations_are_public(anonymous_client, imported):
    indicators = anonymous_client.get("/api/v1/indicators").json()["items"]
    looked_after = next(i for i in indicators if i["name"].startswith("Children looked after at 31 March"))
    assert looked_after["value_type"] == "rate_per_10000" and looked_after["headline_group"] == {}
    assert anonymous_client.get(f"/api/v1/indicators/{looked_after['id']}").json()["code"] == looked_after["code"]
    response = anonymous_client.get("/api/v1/observations", {"indicator": looked_after["id"], "area": "E06000026"})
    items = response.json()["items"]
    assert [(o["period"], o["value"], o["count"], o["denominator"]) for o in items] == [("2023", 96, 500, 51956), ("2022", 95, 491, 51629)]
    suppressed = anonymous_client.get("/api/v1/observations", {"indicator_code": looked_after["code"], "area": "E06000028", "period": "2023"}).json()[
        "items"
    ]
    assert [(o["value"], o["suppression"]) for o in suppressed] == [(None, "z")]


def test_unpublished_indicators_are_not_given_out(anonymous_client, imported):
    hidden = IndicatorDefinition.objects.filter(name__startswith="Children looked after at 31 March").get()
    IndicatorDefinition.objects.filter(pk=hidden.pk).update(published=False)
    assert hidden.code not in {i["code"] for i in anonymous_client.get("/api/v1/indicators").json()["items"]}
    assert anonymous_client.get(f"/api/v1/indicators/{hidden.pk}").status_code == 404
    assert anonymous_client.get("/api/v1/observations", {"indicator": hidden.pk}).status_code == 404
    everything = anonymous_client.get("/api/v1/observations", {"area": "E06000026", "page_size": 500}).json()
    assert hidden.pk not in {o["indicator_id"] for o in everything["items"]}


def test_the_openapi_document_lists_the_endpoints(anonymous_client, db):
    paths = anonymous_client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/places", "/api/v1/places/{code}", "/api/v1/indicators", "/api/v1/observations"} <= set(paths)
