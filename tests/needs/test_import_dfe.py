"""The DfE tidy CSV importer, on real rows from the published files."""

import shutil
from pathlib import Path

import pytest

from jointly.needs import services
from jointly.needs.models import Breakdown, ImportRun, IndicatorDefinition, Observation
from jointly.places.models import Area

FIXTURES = Path(__file__).parent / "fixtures"
CLA = FIXTURES / "dfe_cla_sample.csv"
ABSENCE = FIXTURES / "dfe_absence_sample.csv"

CLA_SPEC = {
    "dataset": "cla_number_and_rate_per_10k_children",
    "indicator_columns": ["rate_per_10000", "number"],
    "indicator_filter_columns": ["population_count"],
    "companions": {"rate_per_10000": {"count": "number", "denominator": "population_estimate"}},
    "outcome_area": "stay-safe",
}
ABSENCE_SPEC = {
    "dataset": "absence_six_half_terms_la",
    "indicator_columns": ["pt_overall"],
    "filter_columns": ["social_care_group", "school_type"],
    "indicators": {"pt_overall": {"name": "Sessions missed (%)", "headline": {"social_care_group": "CLA 12 months at 31 March"}}},
}
LOOKED_AFTER = "Children looked after at 31 March each year"


def _import(path, spec):
    return services.indicators_import_path(path=path, format="dfe", spec=spec)


def _rate(code, period, group=LOOKED_AFTER):
    return Observation.objects.get(
        indicator__code=f"dfe/cla_number_and_rate_per_10k_children/rate_per_10000/{group.lower().replace(' ', '-')}",
        area__code=code,
        period=period,
    )


@pytest.mark.django_db
class TestRealCla:
    def test_every_row_becomes_observations_with_values_counts_and_denominators(self):
        run, imported = _import(CLA, CLA_SPEC)
        assert imported and run.status == ImportRun.Status.SUCCEEDED, run.errors
        assert run.rows_read == 39
        assert Observation.objects.count() == 39 * 2 == run.observations_written
        plymouth = _rate("E06000026", "2023")
        # The published row: 2023, Plymouth, looked after at 31 March, population 51956, number 500, rate 96.
        assert (plymouth.value, plymouth.count, plymouth.denominator, plymouth.suppression) == (96, 500, 51956, "")
        assert plymouth.period_key == 20230000
        assert plymouth.breakdown.is_total

    def test_suppressed_cells_are_stored_as_suppressed_never_as_zero_or_error(self):
        run, _ = _import(CLA, CLA_SPEC)
        # Bournemouth 2023 is 'z' throughout; the Isles of Scilly 2021 ceasing count is 'c'; Bournemouth 2019 rate is 'x'.
        assert (_rate("E06000028", "2023").value, _rate("E06000028", "2023").suppression) == (None, "z")
        scilly = _rate("E06000053", "2021", "Children ceasing to be looked after each year")
        assert (scilly.value, scilly.suppression) == (None, "c")
        assert _rate("E06000028", "2019").suppression == "x"
        assert _rate("E06000028", "2019").count == 248  # The number beside an unavailable rate is kept.
        assert run.observations_suppressed == Observation.objects.filter(value__isnull=True).count() > 0
        assert not Observation.objects.filter(value=0, suppression__in=["c", "x", "z"]).exists()

    def test_places_are_created_with_real_names_codes_and_parents(self):
        _import(CLA, CLA_SPEC)
        england = Area.objects.get(code="E92000001")
        south_west = Area.objects.get(code="E12000009")
        devon = Area.objects.get(code="E10000008")
        assert (england.name, england.kind) == ("England", Area.Kind.COUNTRY)
        assert (south_west.name, south_west.kind, south_west.parent) == ("South West", Area.Kind.REGION, england)
        assert (devon.name, devon.kind, devon.parent) == ("Devon", Area.Kind.UPPER_TIER, south_west)
        assert devon.boundary_year == 2023  # The latest period in the file.

    def test_a_filter_whose_values_are_different_measures_makes_separate_indicators(self):
        _import(CLA, CLA_SPEC)
        rates = IndicatorDefinition.objects.filter(code__contains="/rate_per_10000/")
        assert sorted(rates.values_list("name", flat=True)) == [
            "Children ceasing to be looked after each year: rate per 10,000 children",
            "Children looked after at 31 March each year: rate per 10,000 children",
            "Children starting to be looked after each year: rate per 10,000 children",
        ]
        assert {i.value_type for i in rates} == {"rate_per_10000"}
        assert {i.outcome_area.slug for i in rates} == {"stay-safe"}

    def test_importing_the_same_file_again_changes_nothing(self):
        first, _ = _import(CLA, CLA_SPEC)
        before = list(Observation.objects.order_by("pk").values())
        again, imported = _import(CLA, CLA_SPEC)
        assert not imported and again == first
        assert ImportRun.objects.count() == 1
        assert list(Observation.objects.order_by("pk").values()) == before

    def test_a_byte_different_copy_upserts_the_same_values(self, tmp_path):
        _import(CLA, CLA_SPEC)
        before = {(o.indicator_id, o.area_id, o.period_key, o.breakdown_id): (o.value, o.suppression, o.count) for o in Observation.objects.all()}
        copy = tmp_path / "copy.csv"
        copy.write_bytes(CLA.read_bytes() + b"\n")  # A different hash, the same rows.
        run, imported = _import(copy, CLA_SPEC)
        assert imported and run.status == ImportRun.Status.SUCCEEDED
        after = {(o.indicator_id, o.area_id, o.period_key, o.breakdown_id): (o.value, o.suppression, o.count) for o in Observation.objects.all()}
        assert after == before
        assert Area.objects.filter(code="E06000026").count() == 1


@pytest.mark.django_db
def test_filters_become_breakdowns_and_total_is_everyone():
    run, _ = _import(ABSENCE, ABSENCE_SPEC)
    assert run.status == ImportRun.Status.SUCCEEDED, run.errors
    groups = {tuple(sorted(b.dimensions.items())) for b in Breakdown.objects.filter(observations__isnull=False).distinct()}
    assert (("social_care_group", "CLA 12 months at 31 March"),) in groups  # school_type "Total" adds no dimension
    assert (("school_type", "Special"), ("social_care_group", "CLA 12 months at 31 March")) in groups
    indicator = IndicatorDefinition.objects.get()
    assert indicator.name == "Sessions missed (%)"
    assert indicator.headline_breakdown.dimensions == {"social_care_group": "CLA 12 months at 31 March"}
    scilly_special = Observation.objects.get(
        area__code="E06000053",
        period="2021/22",
        breakdown__key=Breakdown.objects.get(dimensions={"social_care_group": "CINO at 31 March", "school_type": "Special"}).key,
    )
    assert (scilly_special.value, scilly_special.suppression) == (None, "z")


@pytest.mark.django_db
class TestBrokenCopy:
    """A deliberately broken copy of the real file: every problem named by row, nothing stored."""

    @pytest.fixture
    def broken(self, tmp_path):
        lines = CLA.read_text(encoding="utf-8-sig").splitlines()
        lines[7] = lines[7].replace("E06000026", "E0600002X")  # row 8: not an ONS code
        lines[8] = lines[8].replace(",500,96", ",five hundred,96")  # row 9: not a number
        lines[10] = lines[10].replace("2023,Reporting year", "23,Reporting year", 1)  # row 11: bad period
        lines[12] = lines[12].replace("E06000028", "E12000009")  # row 13: a region's code on a local authority row
        path = tmp_path / "cla_broken.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    def test_each_problem_is_reported_with_its_row_and_column(self, broken):
        run, _ = _import(broken, CLA_SPEC)
        assert run.status == ImportRun.Status.REJECTED
        found = {(error["row"], error["column"]) for error in run.errors}
        assert found == {(8, "new_la_code"), (9, "number"), (11, "time_period"), (13, "new_la_code")}
        messages = {error["row"]: error["message"] for error in run.errors}
        assert "'E0600002X' is not an ONS code for a local authority" in messages[8]
        assert "'five hundred' is neither a number nor a suppression code" in messages[9]
        assert "'23' is not a year" in messages[11]
        assert run.error_count == 4
        assert "nothing from it was saved" in run.message

    def test_nothing_at_all_is_stored(self, broken):
        areas, indicators = Area.objects.count(), IndicatorDefinition.objects.count()
        _import(broken, CLA_SPEC)
        assert Observation.objects.count() == 0
        assert Area.objects.count() == areas
        assert IndicatorDefinition.objects.count() == indicators

    def test_fixing_the_file_then_imports_it(self, broken, tmp_path):
        _import(broken, CLA_SPEC)
        run, imported = _import(CLA, CLA_SPEC)
        assert imported and run.status == ImportRun.Status.SUCCEEDED


@pytest.mark.django_db
def test_a_chosen_column_that_is_not_in_the_file_is_reported_on_the_header_row():
    run, _ = _import(CLA, {**CLA_SPEC, "filter_columns": ["sex"]})
    assert run.status == ImportRun.Status.REJECTED
    assert run.errors[0]["row"] == 1 and run.errors[0]["column"] == "sex"
    assert "There is no column called 'sex'" in run.errors[0]["message"]


@pytest.mark.django_db
def test_rows_that_repeat_an_observation_are_named():
    # Without population_count as an indicator filter, the three rows per place and year collide.
    run, _ = _import(CLA, {"dataset": "cla", "indicator_columns": ["rate_per_10000"]})
    assert run.status == ImportRun.Status.REJECTED
    assert run.errors[0]["row"] == 3
    assert "repeats row 2" in run.errors[0]["message"]
    assert Observation.objects.count() == 0


@pytest.mark.django_db
def test_rows_at_other_geographic_levels_are_skipped_and_counted(tmp_path):
    text = CLA.read_text(encoding="utf-8-sig")
    extra = "2023,Reporting year,School,E92000001,England,E12000009,South West,879,Plymouth,E06000026,Children looked after at 31 March each year,10,1,1\n"
    path = tmp_path / "with_schools.csv"
    path.write_text(text + extra, encoding="utf-8")
    run, _ = _import(path, CLA_SPEC)
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.rows_skipped == 1 and "geographic level School" in run.message


@pytest.mark.django_db
def test_an_empty_file_is_rejected(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    run, _ = _import(path, CLA_SPEC)
    assert run.status == ImportRun.Status.REJECTED
    assert run.errors == [{"row": 1, "column": "", "message": "The file is empty."}]


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_rejected_with_its_row(tmp_path):
    path = tmp_path / "latin1.csv"
    shutil.copy(CLA, path)
    with open(path, "ab") as handle:
        handle.write("2023,Reporting year,Local authority,E92000001,England,E12000009,South West,1,Caf\xe9,E06000099,x,1,1,1\n".encode("latin-1"))
    run, _ = _import(path, CLA_SPEC)
    assert run.status == ImportRun.Status.REJECTED
    assert "UTF-8" in run.errors[0]["message"]
    assert Observation.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_foreign_keys_are_checked_once_and_switched_back_on():
    from django.db import connection

    run, _ = _import(CLA, CLA_SPEC)
    assert run.status == ImportRun.Status.SUCCEEDED
    assert Observation.objects.count() == 78
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
