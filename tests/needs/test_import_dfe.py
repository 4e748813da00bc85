"""The DfE tidy CSV importer, on real rows from the published files."""

import shutil
from pathlib import Path

import pytest
from django.db import IntegrityError

from jointly.needs import services
from jointly.needs.demo import DEMO_IMPORTS
from jointly.needs.models import Breakdown, ImportRun, IndicatorDefinition, Observation
from jointly.needs.profiles import shown
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
def test_every_key_is_checked_once_and_a_missing_one_rolls_the_whole_file_back(monkeypatch, tmp_path):
    from jointly.needs.importers import base

    run, _ = _import(CLA, CLA_SPEC)
    assert run.status == ImportRun.Status.SUCCEEDED
    assert Observation.objects.count() == 78
    values = set(Observation.objects.values_list("pk", "value"))
    # A key that vanished between reading and writing (an area deleted meanwhile): refused, nothing written.
    real = base._ensure_areas

    def ensure_with_a_missing_area(importer):
        ids, created = real(importer)
        return {**ids, next(iter(ids)): 987654321}, created

    monkeypatch.setattr(base, "_ensure_areas", ensure_with_a_missing_area)
    again = tmp_path / "cla_again.csv"
    again.write_text(CLA.read_text() + "\n")  # another file, so not taken for the one already imported
    with pytest.raises(IntegrityError, match="missing areas"):
        _import(again, CLA_SPEC)
    assert set(Observation.objects.values_list("pk", "value")) == values
    assert not Observation.objects.filter(area_id=987654321).exists()


# --- Bases in other rows, and the published precision -----------------------------------
# Real rows (tests/needs/fixtures/README.md); the numbers asserted were read off the raw files by hand.

DEMO_SPECS = dict(DEMO_IMPORTS)
PLACEMENT = FIXTURES / "dfe_placement_sample.csv"
MISSING = FIXTURES / "dfe_missing_sample.csv"
CARE_LEAVERS = FIXTURES / "dfe_care_leavers_sample.csv"
SUSPENSIONS = FIXTURES / "dfe_suspensions_sample.csv"


def _cell(code_part, area, period, **dimensions):
    found = Observation.objects.filter(indicator__code__contains=code_part, area__code=area, period=period)
    return found.get(breakdown__key=Breakdown.objects.get(dimensions=dimensions).key) if dimensions else found.get(breakdown__dimensions={})


@pytest.mark.django_db
class TestBasesFromOtherRows:
    def test_placement_stability_gets_its_base_from_the_total_children_row(self):
        run, _ = _import(PLACEMENT, DEMO_SPECS["la_cla_placement_stability.csv"])
        assert run.status == ImportRun.Status.SUCCEEDED, run.errors
        # Plymouth 2023: 46 of the 500 children looked after at 31 March had 3 or more placements, published as 9%.
        plymouth = _cell("with-3-or-more-placements-during-the-year", "E06000026", "2023")
        assert (plymouth.value, plymouth.count, plymouth.denominator) == (9, 46, 500)
        england = _cell("with-3-or-more-placements-during-the-year", "E92000001", "2023")
        assert (england.value, england.count, england.denominator) == (10, 8630, 83840)
        # Long-term stability: 139 of 190 (73%).
        stable = _cell("living-with-the-same-carer", "E06000026", "2023")
        assert (stable.value, stable.count, stable.denominator) == (73, 139, 190)
        assert "the base of another indicator only" in run.message

    def test_missing_and_away_get_count_and_base_from_their_own_rows(self):
        run, _ = _import(MISSING, DEMO_SPECS["la_children_who_were_missing_or_away_from_placement_without_authorisation.csv"])
        assert run.status == ImportRun.Status.SUCCEEDED, run.errors
        # Plymouth 2023: 81 of the 674 children looked after during the year went missing (published 12%).
        missing = _cell("percentage-of-children-who-had-a-missing-incident", "E06000026", "2023")
        assert (missing.value, missing.count, missing.denominator) == (12, 81, 674)
        # The count of those away is withheld ('c'): no count, but the base is still known.
        away = _cell("percentage-of-children-who-were-away", "E06000026", "2023")
        assert (away.value, away.count, away.denominator) == (1, None, 674)
        england = _cell("percentage-of-children-who-had-a-missing-incident", "E92000001", "2023")
        assert (england.count, england.denominator) == (12740, 114670)

    def test_care_leavers_get_the_total_of_their_own_age_group(self):
        run, _ = _import(CARE_LEAVERS, DEMO_SPECS["la_care_leavers_activity.csv"])
        assert run.status == ImportRun.Status.SUCCEEDED, run.errors
        older = _cell("/total-in-education-employment-or-training", "E06000026", "2023", age="Aged 19 to 21")
        younger = _cell("/total-in-education-employment-or-training", "E06000026", "2023", age="Aged 17 to 18")
        assert (older.value, older.count, older.denominator) == (47, 85, 181)
        assert (younger.value, younger.count, younger.denominator) == (56, 46, 82)
        neet = _cell("/total-not-in-education", "E92000001", "2023", age="Aged 19 to 21")
        assert (neet.value, neet.count, neet.denominator) == (38, 13060, 34650)

    def test_a_bad_from_rows_choice_names_every_problem_on_the_header_row(self):
        spec = {
            **DEMO_SPECS["la_cla_placement_stability.csv"],
            "from_rows": {
                "percentage|CLA on 31 March|With 3 or more placements during the year": {
                    "denominator": {"column": "base", "split": ["Total children"]},
                    "lower_95": {"column": "number", "split": ["CLA on 31 March", "Total children"]},
                }
            },
        }
        run, _ = _import(PLACEMENT, spec)
        assert run.status == ImportRun.Status.REJECTED and Observation.objects.count() == 0
        messages = [error["message"] for error in run.errors]
        assert {error["row"] for error in run.errors} == {1} and len(messages) == 3
        assert any("There is no column called 'base'" in m for m in messages)
        assert any("names 1 indicator filter value(s); give one for each of: cla_group, placement_stability" in m for m in messages)
        assert any("'lower_95' cannot come from another row" in m for m in messages)


@pytest.mark.django_db
class TestPublishedPrecision:
    def test_suspensions_keep_their_two_published_decimal_places(self):
        run, _ = _import(SUSPENSIONS, DEMO_SPECS["permanent_exclusions_and_suspensions_la.csv"])
        assert run.status == ImportRun.Status.SUCCEEDED, run.errors
        suspensions = IndicatorDefinition.objects.get(code__endswith="/pt_one_plus_sus")
        assert suspensions.decimal_places == 2
        # Plymouth, looked-after pupils, 2020/21: published 13.03 (31 of 238), shown as 13.03, not 13.0.
        plymouth = _cell("/pt_one_plus_sus", "E06000026", "2020/21", social_care_group="CLA 12 months at 31 March")
        assert shown(plymouth, suspensions.decimal_places) == "13.03"
        # A value DfE wrote with fewer places is still shown to the indicator's places: England 9.8 is 9.80.
        england = _cell("/pt_one_plus_sus", "E92000001", "2020/21", social_care_group="CLA 12 months at 31 March")
        assert shown(england, 2) == "9.80"

    def test_whole_number_percentages_are_published_to_no_places(self):
        _import(PLACEMENT, DEMO_SPECS["la_cla_placement_stability.csv"])
        assert set(IndicatorDefinition.objects.values_list("decimal_places", flat=True)) == {0}

    def test_an_existing_indicator_learns_its_places_but_keeps_its_words(self):
        _import(SUSPENSIONS, DEMO_SPECS["permanent_exclusions_and_suspensions_la.csv"])
        IndicatorDefinition.objects.update(decimal_places=None, name="Edited by an analyst")
        copy_spec = {**DEMO_SPECS["permanent_exclusions_and_suspensions_la.csv"], "source": "again"}
        _import(SUSPENSIONS, copy_spec)
        suspensions = IndicatorDefinition.objects.get(code__endswith="/pt_one_plus_sus")
        assert (suspensions.decimal_places, suspensions.name) == (2, "Edited by an analyst")

    def test_the_spec_gives_cohort_caution_and_interval_method(self):
        _import(MISSING, DEMO_SPECS["la_children_who_were_missing_or_away_from_placement_without_authorisation.csv"])
        missing = IndicatorDefinition.objects.get(code__contains="percentage-of-children-who-had-a-missing-incident")
        assert missing.cohort == "children looked after during the year"
        assert "interpreted with caution across years and between local authorities" in missing.caution
        assert missing.name == "Looked-after children who went missing during the year (%)"
