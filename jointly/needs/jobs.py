"""The background job that runs an uploaded file's import."""

from jointly.core.jobs import job_handler

from . import services
from .models import ImportRun

PHASES = {"check": "Checking every row", "save": "Saving the observations"}


def _stopped(job) -> dict | None:
    """The job page links to the run, whose page says what became of it."""
    run = services.import_run_fail_stopped(job=job)
    if run is None:
        return None
    return {"run_id": run.pk, "status": run.status, "url": run.get_absolute_url(), "link_text": "See the import"}


@job_handler(services.IMPORT_JOB, on_stopped=_stopped)
def import_indicators(job, report_progress, run_id: int) -> dict:
    run = ImportRun.objects.get(pk=run_id)

    def progress(phase: str, done: int, total: int | None) -> None:
        report_progress(done, total, PHASES.get(phase, ""))

    run = services.import_run_execute(run=run, progress=progress)
    if run.status == ImportRun.Status.SUCCEEDED:
        report_progress(job.progress_total or 0, job.progress_total, f"Imported. {run.message}")
        link_text = "See what was imported"
    else:
        report_progress(job.progress_done, job.progress_total, f"{run.get_status_display()}. {run.message}")
        link_text = "See the problems with the file"
    return {"run_id": run.pk, "status": run.status, "url": run.get_absolute_url(), "link_text": link_text}
