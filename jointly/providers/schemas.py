"""The Open Referral UK 3.0 JSON schemas, loaded from files kept with the code (no network).

Every schema file is registered both under its own name (as the profile's
schemas refer to each other, "attribute.json") and under the address the ORUK
OpenAPI document uses for it, so `$ref`s in either resolve locally.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "oruk-3.0"
# Where the ORUK OpenAPI document says its schemas live.
PUBLISHED_BASE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"


def _resource(contents: dict) -> Resource:
    # The profile's files declare no $schema; they are read as JSON Schema 2020-12.
    return DRAFT202012.create_resource(contents)


@lru_cache(maxsize=4)
def registry(schema_dir: Path = SCHEMA_DIR) -> Registry:
    resources = []
    for path in sorted(schema_dir.rglob("*.json")):
        name = path.relative_to(schema_dir).as_posix()
        resource = _resource(json.loads(path.read_text(encoding="utf-8")))
        resources += [(name, resource), (PUBLISHED_BASE + name, resource)]
    return Registry().with_resources(resources)


@lru_cache(maxsize=16)
def validator(name: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    """A validator for one schema file, e.g. "compiled/service.json", with format checks on."""
    return Draft202012Validator(
        {"$ref": PUBLISHED_BASE + name},
        registry=registry(schema_dir),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def openapi_response_validator(path: str, schema_dir: Path = SCHEMA_DIR) -> Draft202012Validator:
    """A validator for the 200 response of one path of the ORUK OpenAPI document, e.g. "/services"."""
    pointer = "/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get/responses/200/content/application~1json/schema"
    return Draft202012Validator(
        {"$ref": PUBLISHED_BASE + "openapi.json#" + pointer},
        registry=registry(schema_dir),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def describe_error(error) -> str:
    """One validation error in words, with where in the record it is."""
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path).lstrip(".")
    return f"{where or 'the record'}: {error.message}"


def errors_for(instance, name: str, *, limit: int = 5) -> list[str]:
    """What is wrong with a record against a schema, most specific first; empty when it is valid."""
    found = sorted(validator(name).iter_errors(instance), key=lambda error: (list(error.absolute_path), error.message))
    return [describe_error(error) for error in found[:limit]]
