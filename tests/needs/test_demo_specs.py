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


def _parsed(file_name: str) -> tuple[DfeImporter, list]:
    spec = dict(DEMO_IMPORTS)[file_name]
    importer, errors = DfeImporter(spec), ErrorCollector()
    with open(DFE / file_name, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        importer.start(next(reader), errors)
        rows = [p for number, row in enumerate(reader, start=2) for p in importer.parse(number, row, errors)]
    assert not errors, errors.errors[:3]
    return importer, importer.complete(rows)


def _find(rows, ident_part, code, period):
    return [p for p in rows if ident_part in p[0] and p[1] == code and p[2] == period]


@pytest.mark.skipif(not DFE.exists(), reason="The shared DfE data is not here.")
def test_hand_checked_bases_and_places_from_the_whole_raw_files():
    # Read off la_cla_placement_stability.csv by hand: Devon 2023, 127 of 893 with 3 or more placements (14%).
    importer, rows = _parsed("la_cla_placement_stability.csv")
    [devon] = _find(rows, "With 3 or more placements during the year", "E10000008", "2023")
    assert (devon[5], devon[10], devon[11]) == (14, 127, 893)
    assert set(importer.decimals.values()) == {0}  # DfE rounds these percentages to whole numbers
    # The missing file: Devon 2023, 128 of the 1,191 looked after during the year went missing (11%); 55 were away (5%).
    _, rows = _parsed("la_children_who_were_missing_or_away_from_placement_without_authorisation.csv")
    [missing] = _find(rows, "had a missing incident", "E10000008", "2023")
    [away] = _find(rows, "away from placement", "E10000008", "2023")
    assert (missing[5], missing[10], missing[11]) == (11, 128, 1191)
    assert (away[5], away[10], away[11]) == (5, 55, 1191)
    # Suspensions are published to two places (Devon 2020/21, looked-after pupils: 40 of 343, 11.66%).
    importer, rows = _parsed("permanent_exclusions_and_suspensions_la.csv")
    assert importer.decimals["pt_one_plus_sus"] == 2 and importer.decimals["pt_perm_excl"] == 2
    assert any(p[5] == 11.66 and p[10] == 40 and p[11] == 343 for p in _find(rows, "pt_one_plus_sus", "E10000008", "2020/21"))


def test_every_demo_indicator_names_its_cohort_and_the_missing_figures_carry_dfes_caution():
    for _, spec in DEMO_IMPORTS:
        for ident, meta in spec["indicators"].items():
            assert meta.get("cohort"), ident
            if "missing" in ident.lower() or "away" in ident.lower():
                assert "caution" in meta["caution"] and "between local authorities" in meta["caution"], ident
    fsm = dict(DEMO_IMPORTS)["fsm_la.csv"]["indicators"]["pt_FSM_eligible"]
    assert fsm["name"].startswith("Children in need") and "Children in need only" in fsm["description"]
