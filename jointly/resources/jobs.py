"""The background job that runs an uploaded spend file."""

from jointly.core.jobs import job_handler
from jointly.partnerships.models import Trust

from .importer import spend_import

IMPORT_JOB = "resources.import_spend"
# The job page shows the message; a long list of problems is cut to the first few.
SHOWN_ERRORS = 20


@job_handler(IMPORT_JOB)
def import_spend(job, report_progress, trust_id: int, text: str, filename: str = "") -> dict:
    trust = Trust.objects.get(pk=trust_id)
    result = spend_import(trust=trust, text=text, progress=lambda done, total=None: report_progress(done, total, "Checking and saving rows"))
    message = result.summary()
    if result.errors:
        message += " " + " ".join(result.errors[:SHOWN_ERRORS])
        if len(result.errors) > SHOWN_ERRORS:
            message += f" And {len(result.errors) - SHOWN_ERRORS} more problems."
    report_progress(job.progress_total or 0, job.progress_total, message)
    return {"created": result.created, "already_there": result.already_there, "errors": result.errors, "filename": filename}
