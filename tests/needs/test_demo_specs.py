"""The demo's column choices fit the real DfE files (checked on their headers, so the test stays quick)."""

import csv

import pytest

from jointly.needs.demo import DEMO_IMPORTS, DFE, NEIGHBOURS_CSV, _demo_districts
from jointly.needs.importers import DfeImporter
from jointly.places.rows import ErrorCollector


@pytest.mark.skipif(not DFE.exists(), reason="The shared DfE data is not here.")
@pytest.mark.parametrize("file_name, spec", DEMO_IMPORTS, ids=[name for name, _ in DEMO_IMPORTS])
def test_each_demo_import_names_real_columns_and_values(file_name, spec):
    importer, errors = DfeImporter(spec), ErrorCollector()
    with open(DFE / file_name, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        importer.start(next(reader), errors)
        assert not errors, errors.errors
        seen = [importer.parse(number, row, errors) for number, row in enumerate(reader, start=2)]
    assert not errors, errors.errors[:3]
    # Every indicator the demo names is found in the file, and each headline group exists.
    assert set(importer.indicators) == set(spec["indicators"])
    for ident, key in importer.headlines.items():
        assert any(p[0] == ident and p[4] == key for rows in seen for p in rows), ident


def test_demo_districts_cover_unitaries_and_county_districts():
    districts = _demo_districts()
    assert "E06000026" in districts and "E07000040" in districts and "E10000008" not in districts
    assert len(districts) == len(set(districts)) == 58  # 9 unitaries and 49 county districts


def test_the_illustrative_neighbour_lists_rank_ten_for_each_demo_authority():
    with open(NEIGHBOURS_CSV, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_authority = {}
    for row in rows:
        by_authority.setdefault(row["authority_code"], []).append(int(row["rank"]))
    assert len(by_authority) == 15
    assert all(ranks == list(range(1, 11)) for ranks in by_authority.values())
