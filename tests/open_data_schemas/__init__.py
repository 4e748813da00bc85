"""The open-data standards' schemas, copied unchanged from ../shared/data/schemas/, and validators for them.

No network: every `$ref` to a published address resolves to the copy here.
- 360Giving 1.4 (the package refers to the grant schema by its 1.4.2 address; the copy is 1.4.3).
- OCDS 1.1 release package, with the UK extension's release schema applied as a JSON merge patch
  (RFC 7386), as OCDS extensions are.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator, Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT202012

HERE = Path(__file__).resolve().parent


def _load(name: str) -> dict:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def merge_patch(target, patch):
    """RFC 7386: objects merge key by key, null removes, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _errors(validator, instance, limit=10) -> list[str]:
    found = sorted(validator.iter_errors(instance), key=lambda error: list(error.absolute_path))
    return [f"{'/'.join(map(str, error.absolute_path)) or 'package'}: {error.message}" for error in found[:limit]]


@cache
def _threesixty() -> Draft202012Validator:
    grant = DRAFT202012.create_resource(_load("360giving/360-giving-schema.json"))
    base = "https://raw.githubusercontent.com/ThreeSixtyGiving/standard/"
    registry = Registry().with_resources(
        [(f"{base}1.4.2/schema/360-giving-schema.json", grant), (f"{base}1.4.3/schema/360-giving-schema.json", grant)]
    )
    return Draft202012Validator(
        _load("360giving/360-giving-package-schema.json"), registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def threesixty_errors(package: dict) -> list[str]:
    return _errors(_threesixty(), package)


@cache
def _ocds() -> Draft4Validator:
    release = merge_patch(_load("ocds-1.1/release-schema.json"), _load("ocds-uk-extension/release-schema.json"))
    registry = Registry().with_resource(release["id"], Resource(contents=release, specification=DRAFT4))
    return Draft4Validator(_load("ocds-1.1/release-package-schema.json"), registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def ocds_errors(package: dict) -> list[str]:
    return _errors(_ocds(), package)
