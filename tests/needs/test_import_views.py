"""The import pages: upload, the background job, the list of runs and a run's error report."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jointly.core.jobs import run_job
from jointly.core.models import Job
from jointly.needs import services
from jointly.needs.models import ImportRun, Observation
from tests.conftest import signed_in_client

FIXTURES = Path(__file__).parent / "fixtures"
UPLOAD = reverse("needs:import-upload")
LIST = reverse("needs:import-list")


def _upload(client, trust, *, content=None, name="cla.csv", **fields):
    data = {
        "file": SimpleUploadedFile(name, content if content is not None else (FIXTURES / "dfe_cla_sample.csv").read_bytes(), "text/csv"),
        "format": "dfe",
        "trust": trust.pk,
        "indicator_columns": "rate_per_10000, number",
        "indicator_filter_columns": "population_count",
        **fields,
    }
    return client.post(UPLOAD, data)


@pytest.fixture
def analyst_client(analyst):
    return signed_in_client(analyst)


@pytest.fixture
def imported_run(trust, analyst, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    path = tmp_path / "cla.csv"
    path.write_bytes((FIXTURES / "dfe_cla_sample.csv").read_bytes().replace(b",500,96", b",lots,96"))
    run = services.import_run_create(
        file_name="cla.csv",
        stored_path=path,
        sha256=services.file_sha256(path),
        size_bytes=path.stat().st_size,
        format="dfe",
        spec={"indicator_columns": ["number"], "indicator_filter_columns": ["population_count"]},
        trust=trust,
        by=analyst,
    )
    return services.import_run_execute(run=run)


@pytest.mark.django_db
class TestUpload:
    def test_analyst_uploads_and_the_import_runs_as_a_job_with_progress(
        self, analyst_client, trust, settings, tmp_path, django_capture_on_commit_callbacks
    ):
        settings.DATA_DIR = tmp_path
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = _upload(analyst_client, trust)
        run = ImportRun.objects.get()
        assert response.status_code == 302 and response.url == reverse("core:job-detail", args=[run.job_id])
        assert (run.trust, run.status, run.file_name) == (trust, ImportRun.Status.QUEUED, "cla.csv")
        assert Path(run.stored_path).parent == tmp_path / "imports"
        assert len(callbacks) == 1  # The job is queued only when the request commits.
        run_job.call(str(run.job_id))
        run.refresh_from_db()
        job = Job.objects.get(pk=run.job_id)
        assert run.status == ImportRun.Status.SUCCEEDED
        assert Observation.objects.count() == 78
        assert job.status == Job.Status.SUCCEEDED and job.progress_done == job.progress_total
        assert job.result["url"] == run.get_absolute_url()
        page = analyst_client.get(reverse("core:job-detail", args=[job.pk]))
        assert "See what was imported" in page.content.decode()

    def test_a_rejected_file_shows_its_row_numbered_report(self, analyst_client, imported_run):
        assert imported_run.status == ImportRun.Status.REJECTED
        page = analyst_client.get(imported_run.get_absolute_url()).content.decode()
        assert "Problems in the file" in page
        assert "&#x27;lots&#x27; is neither a number nor a suppression code" in page
        assert '<td class="govuk-table__cell govuk-table__cell--numeric">9</td>' in page

    def test_the_same_file_again_is_not_imported_twice(self, analyst_client, trust, settings, tmp_path, django_capture_on_commit_callbacks):
        settings.DATA_DIR = tmp_path
        with django_capture_on_commit_callbacks(execute=False):
            _upload(analyst_client, trust)
        run = ImportRun.objects.get()
        run_job.call(str(run.job_id))
        response = _upload(analyst_client, trust)
        assert response.status_code == 302 and response.url == run.get_absolute_url()
        assert ImportRun.objects.count() == 1
        assert len(list((tmp_path / "imports").iterdir())) == 1  # The second copy was not kept.

    def test_columns_not_in_the_file_are_refused_with_the_columns_it_has(self, analyst_client, trust):
        response = _upload(analyst_client, trust, indicator_columns="rate")
        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert "The file has no column called &#x27;rate&#x27;. Its columns are: time_period" in page
        assert not ImportRun.objects.exists()

    def test_every_missing_and_unknown_column_is_named_in_one_submit(self, analyst_client, trust):
        # A file lacking two of the DfE columns, with two unknown indicator columns and one unknown filter.
        content = b"time_period,geographic_level,country_code,number\n2023,National,E92000001,5\n"
        response = _upload(analyst_client, trust, content=content, indicator_columns="rate, number, pct", filter_columns="sex")
        page = response.content.decode()
        assert response.status_code == 200 and not ImportRun.objects.exists()
        assert "it has no &#x27;time_identifier&#x27; and &#x27;country_name&#x27; columns" in page
        assert "The file has no columns called &#x27;rate&#x27; and &#x27;pct&#x27;." in page
        assert "The file has no column called &#x27;sex&#x27;." in page

    def test_a_fingertips_export_missing_columns_names_them_all(self, analyst_client, trust):
        content = b"Indicator ID,Area Code,Time period\n90284,E06000026,2023\n"
        page = _upload(analyst_client, trust, content=content, format="fingertips").content.decode()
        assert "it has no &#x27;Indicator Name&#x27;, &#x27;Area Name&#x27; and &#x27;Value&#x27; columns" in page

    def test_a_dfe_file_needs_indicator_columns(self, analyst_client, trust):
        response = _upload(analyst_client, trust, indicator_columns="")
        assert "Enter the indicator columns, separated by commas" in response.content.decode()

    def test_a_file_that_is_not_csv_is_refused(self, analyst_client, trust):
        response = _upload(analyst_client, trust, name="cla.xlsx")
        assert "The file must be a CSV file" in response.content.decode()

    def test_a_person_cannot_import_for_another_trust(self, analyst_client, other_trust):
        response = _upload(analyst_client, other_trust)
        assert response.status_code == 200
        assert "Select one of your own trusts" in response.content.decode()
        assert not ImportRun.objects.exists()

    def test_commissioner_may_upload(self, commissioner_client):
        assert commissioner_client.get(UPLOAD).status_code == 200

    def test_provider_is_refused_with_the_reason(self, provider_client):
        response = provider_client.get(UPLOAD)
        assert response.status_code == 403
        assert "cannot import indicator data files" in response.content.decode()

    def test_anonymous_is_sent_to_sign_in(self, anonymous_client):
        response = anonymous_client.get(UPLOAD)
        assert response.status_code == 302 and "sign-in" in response.url


@pytest.mark.django_db
class TestRuns:
    def test_analyst_sees_the_trusts_runs(self, analyst_client, imported_run, django_assert_max_num_queries):
        with django_assert_max_num_queries(12):
            page = analyst_client.get(LIST)
        assert page.status_code == 200 and "cla.csv" in page.content.decode()

    def test_another_trusts_user_does_not_see_the_run(self, other_commissioner_client, imported_run):
        assert other_commissioner_client.get(imported_run.get_absolute_url()).status_code == 404
        assert "cla.csv" not in other_commissioner_client.get(LIST).content.decode()

    def test_national_runs_with_no_trust_are_listed_for_every_importer(self, other_commissioner_client, db):
        run, _ = services.indicators_import_path(
            path=FIXTURES / "dfe_cla_sample.csv",
            format="dfe",
            spec={"indicator_columns": ["number"], "indicator_filter_columns": ["population_count"]},
        )
        assert other_commissioner_client.get(run.get_absolute_url()).status_code == 200

    def test_provider_is_refused(self, provider_client, imported_run):
        assert provider_client.get(LIST).status_code == 403
        assert provider_client.get(imported_run.get_absolute_url()).status_code == 403

    def test_anonymous_is_sent_to_sign_in(self, anonymous_client, imported_run):
        for url in (LIST, imported_run.get_absolute_url()):
            response = anonymous_client.get(url)
            assert response.status_code == 302 and "sign-in" in response.url
