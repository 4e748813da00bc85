"""Area shapes from the ONS TopoJSON boundaries, and drawing them."""

import json

import pytest

from jointly.places.models import Area
from jointly.places.services import shapes_import
from jointly.places.shapes import svg_map, topology_features

# A two-square topology: arc 0 is the shared edge, so the second square walks it backwards (~0).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [-4.0, 50.0]},
    "arcs": [
        [[2, 0], [0, 2]],  # (1,50) -> (1,51)
        [[2, 2], [-2, 0], [0, -2], [2, 0]],  # (1,51) -> (0,51) -> (0,50) -> (1,50)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (1,50) -> (2,50) -> (2,51) -> (1,51)
    ],
    "objects": {
        "lad": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"LAD13CD": "E07000040", "LAD13NM": "East Devon"}},
                {"type": "Polygon", "arcs": [[2, ~0]], "properties": {"LAD13CD": "E06000026", "LAD13NM": "Plymouth"}},
                {"type": "LineString", "arcs": [0], "properties": {"LAD13CD": "E07000041", "LAD13NM": "Not an area"}},
            ],
        }
    },
}
WARDS = {
    "type": "Topology",
    "arcs": [[[-4.1, 50.4], [-4.0, 50.4], [-4.0, 50.5], [-4.1, 50.4]]],
    "objects": {
        "E06000026": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "properties": {"WD13CD": "E05002078", "WD13NM": "Budshead"}},
            ],
        }
    },
}


@pytest.fixture
def geo(tmp_path):
    (tmp_path / "lad.topo.json").write_text(json.dumps(TOPOLOGY))
    wards = tmp_path / "wards"
    wards.mkdir()
    (wards / "E06000026.topo.json").write_text(json.dumps(WARDS))
    lookup = tmp_path / "lookup.csv"
    lookup.write_text("district_code,district_name,county_code,county_name\nE07000040,East Devon,E10000008,Devon\n")
    return tmp_path


def test_arcs_are_decoded_with_the_transform_and_shared_edges_reversed(geo):
    features = list(topology_features(geo / "lad.topo.json", "lad"))
    assert [p["LAD13CD"] for p, _ in features] == ["E07000040", "E06000026"]  # lines are not areas
    east_devon, plymouth = (shape for _, shape in features)
    assert east_devon == {"type": "Polygon", "coordinates": [[[-3.0, 50.0], [-3.0, 51.0], [-4.0, 51.0], [-4.0, 50.0], [-3.0, 50.0]]]}
    assert plymouth["coordinates"][0] == [[-3.0, 50.0], [-2.0, 50.0], [-2.0, 51.0], [-3.0, 51.0], [-3.0, 50.0]]


def test_real_ward_file_decodes(settings):
    path = settings.BASE_DIR.parent / "shared" / "data" / "geo" / "wards_by_lad" / "E06000026.topo.json"
    if not path.exists():
        pytest.skip("The shared boundary data is not here.")
    wards = list(topology_features(path))
    assert len(wards) == 20
    assert {"WD13CD": "E05002078", "WD13NM": "Budshead"}.items() <= wards[0][0].items()
    lon, lat = wards[0][1]["coordinates"][0][0][0] if wards[0][1]["type"] == "MultiPolygon" else wards[0][1]["coordinates"][0][0]
    assert -4.3 < lon < -4.0 and 50.3 < lat < 50.5  # Plymouth


def test_svg_map_keeps_proportions_and_skips_areas_without_a_shape(geo):
    shapes = [(p["LAD13CD"], shape) for p, shape in topology_features(geo / "lad.topo.json", "lad")]
    drawn = svg_map(shapes + [("E10000008", None)], width=200, padding=0)
    assert [key for key, _ in drawn.paths] == ["E07000040", "E06000026"]
    # Two squares side by side, one degree each, at latitude 50.5: about 2 * cos(50.5°) wide for 1 high.
    assert drawn.height == pytest.approx(200 / (2 * 0.636), abs=2)
    assert drawn.paths[0][1].startswith("M100.0,") and drawn.paths[0][1].endswith("Z")
    assert svg_map([("E10000008", None)]) is None


@pytest.mark.django_db
class TestImport:
    def test_districts_and_wards_get_shapes_and_counties_their_districts(self, geo):
        summary = shapes_import(
            districts_path=geo / "lad.topo.json",
            wards_dir=geo / "wards",
            ward_districts=["E06000026", "E07000040"],
            county_lookup=geo / "lookup.csv",
        )
        assert (summary.districts, summary.wards, summary.counties_linked) == (2, 1, 1)
        east_devon = Area.objects.get(code="E07000040")
        assert (east_devon.kind, east_devon.boundary_year, east_devon.shape_year) == (Area.Kind.DISTRICT, 2013, 2013)
        assert east_devon.parent.code == "E10000008" and east_devon.parent.kind == Area.Kind.UPPER_TIER
        assert east_devon.parent.shape is None  # A county has no shape of its own: shown by its districts.
        budshead = Area.objects.get(code="E05002078")
        assert (budshead.name, budshead.kind, budshead.parent.code) == ("Budshead", Area.Kind.WARD, "E06000026")
        assert budshead.shape["type"] == "Polygon"

    def test_an_area_already_known_gets_the_shape_and_keeps_its_name(self, geo):
        known = Area.objects.create(code="E06000026", name="Plymouth City", kind=Area.Kind.UPPER_TIER, boundary_year=2023)
        shapes_import(districts_path=geo / "lad.topo.json", county_lookup=None)
        known.refresh_from_db()
        assert (known.name, known.boundary_year, known.shape_year) == ("Plymouth City", 2023, 2013)
        assert Area.objects.filter(code="E06000026").count() == 1

    def test_running_it_again_changes_nothing(self, geo, django_assert_max_num_queries):
        arguments = dict(
            districts_path=geo / "lad.topo.json", wards_dir=geo / "wards", ward_districts=["E06000026"], county_lookup=geo / "lookup.csv"
        )
        shapes_import(**arguments)
        before = list(Area.objects.order_by("code").values())
        shapes_import(**arguments)
        assert list(Area.objects.order_by("code").values()) == before
