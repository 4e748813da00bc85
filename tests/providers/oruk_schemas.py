"""Validators built from the ORUK schemas in the shared data folder (the originals, not the app's copies)."""

from pathlib import Path

from django.conf import settings

from jointly.providers import schemas

SHARED = Path(settings.JOINTLY_SHARED_DATA) / "schemas" / "open-referral-uk-3.0"
# A clean clone without the workplace's shared folder falls back to the copies kept with the code.
SCHEMA_DIR = SHARED if SHARED.is_dir() else schemas.SCHEMA_DIR


def problems(instance, name: str) -> list[str]:
    return [schemas.describe_error(error) for error in schemas.validator(name, SCHEMA_DIR).iter_errors(instance)]


def response_problems(instance, path: str) -> list[str]:
    validator = schemas.openapi_response_validator(path, SCHEMA_DIR)
    return [schemas.describe_error(error) for error in validator.iter_errors(instance)]
