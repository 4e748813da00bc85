"""The OHID Fingertips CSV export importer."""

import csv
from pathlib import Path

import pytest

from jointly.needs import services
from jointly.needs.models import ImportRun, IndicatorDefinition, Observation
from jointly.places.models import Area

SAMPLE = Path(__file__).parent / "fixtures" / "fingertips_sample.csv"


def _import(path):
    return services.indicators_import_path(path=path, format="fingertips", spec={"outcome_area": "be-healthy"})


def _rewrite(tmp_path, changes: dict[int, dict[str, str]]) -> Path:
    """A copy of the sample with some cells changed: {row number: {column: new value}}."""
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    for row_number, cells in changes.items():
        for column, value in cells.items():
            rows[row_number - 1][header.index(column)] = value
    path = tmp_path / "fingertips_changed.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.mark.django_db
class TestSample:
    def test_values_confidence_limits_counts_and_denominators_are_kept(self):
        run, _ = _import(SAMPLE)
        assert run.status == ImportRun.Status.SUCCEEDED, run.errors
        assert Observation.objects.count() == 13
        plymouth = Observation.objects.get(indicator__code="fingertips/90284", area__code="E06000026", period="2021/22")
        assert (plymouth.value, plymouth.lower_95, plymouth.upper_95, plymouth.lower_998, plymouth.upper_998) == (
            109.6,
            101.1,
            118.6,
            95.9,
            124.6,
        )
        assert (plymouth.count, plymouth.denominator, plymouth.period_key) == (626, 571200, 20210000)

    def test_a_blank_value_is_suppressed_with_its_note(self):
        _import(SAMPLE)
        scilly = Observation.objects.get(area__code="E06000053")
        assert (scilly.value, scilly.suppression) == (None, "c")
        assert scilly.note == "Value suppressed for disclosure control due to small count"

    def test_sex_age_and_category_are_breakdowns_and_the_first_grouping_is_the_headline(self):
        _import(SAMPLE)
        injuries = IndicatorDefinition.objects.get(code="fingertips/90284")
        assert injuries.name.startswith("Hospital admissions caused by unintentional and deliberate injuries")
        assert injuries.outcome_area.slug == "be-healthy"
        assert injuries.headline_breakdown.dimensions == {"age": "0-14 yrs"}  # Persons is everyone
        groups = [o.breakdown.dimensions for o in Observation.objects.filter(indicator=injuries, area__code="E06000026", period="2022/23")]
        assert {"age": "0-14 yrs", "sex": "Male"} in groups and {"age": "0-14 yrs", "sex": "Female"} in groups
        decile = Observation.objects.get(
            indicator=injuries,
            area__code="E92000001",
            breakdown__dimensions__has_key=("County & UA deprivation deciles in England (IMD2019, 4/23 geography)"),
        )
        assert decile.value == 96.5
        conceptions = IndicatorDefinition.objects.get(code="fingertips/20401")
        assert conceptions.headline_breakdown.dimensions == {"sex": "Female", "age": "<18 yrs"}

    def test_places_named_in_the_file_are_created_under_their_parents(self):
        _import(SAMPLE)
        plymouth = Area.objects.get(code="E06000026")
        assert plymouth.name == "Plymouth" and plymouth.parent.code == "E12000009"

    def test_importing_it_again_changes_nothing(self):
        first, _ = _import(SAMPLE)
        values = list(Observation.objects.order_by("pk").values_list("value", "suppression", "note"))
        again, imported = _import(SAMPLE)
        assert (again, imported) == (first, False)
        assert list(Observation.objects.order_by("pk").values_list("value", "suppression", "note")) == values


@pytest.mark.django_db
def test_bad_rows_are_named_and_nothing_is_saved(tmp_path):
    path = _rewrite(
        tmp_path,
        {
            3: {"Area Code": "E38000230", "Area Type": "Sub-ICB"},  # not a place Jointly holds
            4: {"Value": "high"},
            5: {"Time period": "last year", "Time period Sortable": ""},
            6: {"Lower CI 95.0 limit": "n/a"},
        },
    )
    run, _ = _import(path)
    assert run.status == ImportRun.Status.REJECTED
    assert [(e["row"], e["column"]) for e in run.errors] == [
        (3, "Area Code"),
        (4, "Value"),
        (5, "Time period"),
        (6, "Lower CI 95.0 limit"),
    ]
    assert "E38000230 (Sub-ICB) is not a place Jointly knows" in run.errors[0]["message"]
    assert Observation.objects.count() == 0
    assert not IndicatorDefinition.objects.exists()


@pytest.mark.django_db
def test_a_file_without_the_fingertips_columns_is_refused_on_row_one(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Area,Value\nPlymouth,1\n", encoding="utf-8")
    run, _ = _import(path)
    assert run.status == ImportRun.Status.REJECTED
    assert {e["row"] for e in run.errors} == {1}
    assert "no 'Indicator ID' column" in run.errors[0]["message"]
