"""`jointly import-indicators`: the command."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jointly.needs.models import ImportRun, Observation

FIXTURES = Path(__file__).parent / "fixtures"
ARGS = [
    "--format",
    "dfe",
    "--indicator-column",
    "rate_per_10000",
    "--indicator-filter-column",
    "population_count",
    "--count-column",
    "rate_per_10000=number",
    "--denominator-column",
    "rate_per_10000=population_estimate",
    "--no-progress",
]


@pytest.mark.django_db
def test_imports_then_says_a_second_import_changes_nothing(capsys):
    call_command("import_indicators", str(FIXTURES / "dfe_cla_sample.csv"), *ARGS)
    assert "39 observations from 39 rows" in capsys.readouterr().out
    run = ImportRun.objects.get()
    assert run.status == "succeeded" and Observation.objects.count() == 39
    assert run.spec["companions"] == {"rate_per_10000": {"count": "number", "denominator": "population_estimate"}}
    call_command("import_indicators", str(FIXTURES / "dfe_cla_sample.csv"), *ARGS)
    assert "nothing changed" in capsys.readouterr().out
    assert ImportRun.objects.count() == 1


@pytest.mark.django_db
def test_a_broken_file_lists_its_rows_and_fails(tmp_path, capsys):
    broken = tmp_path / "broken.csv"
    broken.write_text((FIXTURES / "dfe_cla_sample.csv").read_text(encoding="utf-8-sig").replace(",96\n", ",ninety-six\n"), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing from it was saved"):
        call_command("import_indicators", str(broken), *ARGS)
    assert "Row 9, column 'rate_per_10000': 'ninety-six' is neither a number" in capsys.readouterr().err
    assert Observation.objects.count() == 0


@pytest.mark.django_db
def test_fingertips_and_option_mistakes(capsys):
    call_command("import_indicators", str(FIXTURES / "fingertips_sample.csv"), "--format", "fingertips", "--no-progress")
    assert Observation.objects.count() == 13
    with pytest.raises(CommandError, match="at least one --indicator-column"):
        call_command("import_indicators", str(FIXTURES / "dfe_cla_sample.csv"), "--format", "dfe")
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_indicators", "/no/such/file.csv", "--format", "dfe")
