"""Writes for the needs assessment: indicator imports and the outcomes framework."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from jointly.audit.services import acting_as
from jointly.core.errors import FieldErrors, full_clean
from jointly.core.transitions import edit, transition
from jointly.places.rows import FileRejected

from .importers import import_file, importer_for
from .importers.base import ImportOutcome, Progress
from .models import ImportRun, IndicatorDefinition, OutcomeArea

S = ImportRun.Status
IMPORT_JOB = "needs.import_indicators"


# --- Files ---------------------------------------------------------------------


def imports_dir() -> Path:
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_sha256(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_file_store(*, uploaded) -> tuple[Path, str, int]:
    """Keep an uploaded file for the background import: (stored path, sha256, size in bytes)."""
    path = imports_dir() / f"{uuid.uuid4().hex}.csv"
    digest, size = hashlib.sha256(), 0
    with open(path, "wb") as handle:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            size += len(chunk)
            handle.write(chunk)
    return path, digest.hexdigest(), size


def _canonical_spec(spec: dict) -> dict:
    return {key: value for key, value in sorted((spec or {}).items()) if value not in (None, "", [], {})}


def import_run_previous(*, sha256: str, format: str, spec: dict) -> ImportRun | None:
    """The earlier successful import of exactly this file with exactly these choices, if there is one."""
    wanted = _canonical_spec(spec)
    for run in ImportRun.objects.filter(sha256=sha256, format=format, status=S.SUCCEEDED).order_by("-created_at"):
        if _canonical_spec(run.spec) == wanted:
            return run
    return None


# --- Import runs ---------------------------------------------------------------


def import_run_create(
    *, file_name: str, stored_path: Path | str, sha256: str, size_bytes: int, format: str, spec: dict, trust=None, by=None
) -> ImportRun:
    importer_for(format, spec)  # An unknown format is refused before anything is queued.
    with acting_as(by):
        return ImportRun.objects.create(
            file_name=file_name[:255],
            stored_path=str(stored_path),
            sha256=sha256,
            size_bytes=size_bytes,
            format=format,
            spec=_canonical_spec(spec),
            trust=trust,
            imported_by=by if getattr(by, "pk", None) else None,
        )


def import_run_queue(*, run: ImportRun, by) -> ImportRun:
    """Run the import in the background; the job page shows its progress."""
    from jointly.core.jobs import job_create

    job = job_create(
        kind=IMPORT_JOB,
        title=f"Importing {run.file_name}",
        by=by,
        trust=run.trust,
        params={"run_id": run.pk},
    )
    ImportRun.objects.filter(pk=run.pk).update(job=job)
    run.job = job
    return run


def import_run_execute(*, run: ImportRun, progress: Progress | None = None) -> ImportRun:
    """Check and import the run's file. Ends Imported, Rejected (with row-numbered errors) or Failed."""
    by = run.imported_by
    run = transition(instance=run, move="start", by=by, changes={"started_at": timezone.now()})
    importer = importer_for(run.format, run.spec)

    def succeeded(outcome: ImportOutcome) -> None:
        nonlocal run
        run = transition(
            instance=run,
            move="complete",
            by=by,
            changes={**_counts(outcome), "finished_at": timezone.now(), "message": _summary(outcome)},
        )

    try:
        with acting_as(by):
            import_file(path=run.stored_path, importer=importer, run=run, progress=progress, on_written=succeeded)
    except FileRejected as rejected:
        return transition(
            instance=run,
            move="reject",
            by=by,
            reason=str(rejected),
            changes={
                "errors": [error.as_dict() for error in rejected.errors],
                "error_count": rejected.error_count,
                "message": str(rejected),
                "finished_at": timezone.now(),
            },
        )
    except FileNotFoundError:
        return transition(
            instance=run,
            move="fail",
            by=by,
            changes={"message": "The stored file is missing, so it could not be imported.", "finished_at": timezone.now()},
        )
    except Exception as error:
        transition(
            instance=run,
            move="fail",
            by=by,
            changes={"message": f"The import stopped: {error}"[:2000], "finished_at": timezone.now()},
        )
        raise
    return run


def import_run_fail_stopped(*, job) -> ImportRun | None:
    """The job importing a run stopped without finishing (its worker was killed): the run failed too.

    Nothing from the file was saved, since the import writes in one transaction.
    Returns the job's run (left as it is if it had finished), or None if it has none.
    """
    from jointly.core.jobs import stopped_message

    run = ImportRun.objects.filter(job=job).first()
    if run is None or run.finished:
        return run
    return transition(
        instance=run,
        move="fail",
        by=None,
        reason="The import's background job stopped without finishing",
        changes={"message": stopped_message(what="import", again="Upload the file again."), "finished_at": timezone.now()},
    )


def _counts(outcome: ImportOutcome) -> dict:
    return {
        "rows_read": outcome.rows,
        "rows_skipped": outcome.rows_skipped,
        "observations_written": outcome.observations,
        "observations_suppressed": outcome.suppressed,
        "areas_created": outcome.areas_created,
        "indicators_created": outcome.indicators_created,
    }


def _summary(outcome: ImportOutcome) -> str:
    text = f"{outcome.observations:,} observations from {outcome.rows:,} rows ({outcome.suppressed:,} suppressed by the publisher)."
    if outcome.skipped:
        reasons = "; ".join(f"{count:,} with {reason}" for reason, count in sorted(outcome.skipped.items()))
        text += f" Rows skipped: {reasons}."
    return text


def indicators_import_path(
    *, path: Path | str, format: str, spec: dict, trust=None, by=None, progress: Progress | None = None
) -> tuple[ImportRun, bool]:
    """Import a file already on disk (the command and the demo). Returns (run, imported).

    If this exact file was already imported with the same choices, nothing
    happens and the earlier run is returned with imported=False.
    """
    path = Path(path)
    sha256 = file_sha256(path)
    previous = import_run_previous(sha256=sha256, format=format, spec=spec)
    if previous is not None:
        return previous, False
    run = import_run_create(
        file_name=path.name,
        stored_path=path.resolve(),
        sha256=sha256,
        size_bytes=path.stat().st_size,
        format=format,
        spec=spec,
        trust=trust,
        by=by,
    )
    return import_run_execute(run=run, progress=progress), True


# --- The outcomes framework ----------------------------------------------------


@transaction.atomic
def outcome_area_create(*, name: str, trust, description: str = "", by=None) -> OutcomeArea:
    """A trust's own outcome area, beside the five shared ones."""
    slug = slugify(name)[:100]
    if not slug:
        raise FieldErrors({"name": "Enter a name for the outcome area"})
    if OutcomeArea.objects.filter(slug=slug).filter(trust__isnull=True).exists() or OutcomeArea.objects.filter(trust=trust, slug=slug).exists():
        raise FieldErrors({"name": f"There is already an outcome area called {name}"})
    with acting_as(by):
        return OutcomeArea.objects.create(name=name, slug=slug, trust=trust, description=description)


INDICATOR_EDITABLE = (
    "name",
    "description",
    "outcome_area",
    "polarity",
    "value_type",
    "unit",
    "source",
    "source_url",
    "method",
    "disclosure_rule",
    "cohort",
    "caution",
    "decimal_places",
    "interval_method",
    "published",
)


def indicator_update(*, indicator: IndicatorDefinition, by=None, version: str | None = None, **changes) -> IndicatorDefinition:
    """Change how an indicator is described and read, saving only what changed.

    `version` is the indicator's version_of() when the form was shown: a change made since is refused.
    """
    unknown = set(changes) - set(INDICATOR_EDITABLE)
    if unknown:
        raise TypeError(f"These cannot be changed here: {', '.join(sorted(unknown))}")
    with acting_as(by), edit(indicator, version=version) as row:
        for name, value in changes.items():
            setattr(row, name, value)
        errors = {}
        try:
            full_clean(row)
        except FieldErrors as error:
            errors.update(error.errors)
        outcome_area = changes.get("outcome_area")
        if outcome_area is not None and outcome_area.trust_id not in (None, row.trust_id):
            errors["outcome_area"] = "Choose one of the shared outcome areas or one of this trust's own"
        if errors:
            raise FieldErrors(errors)
    return row
