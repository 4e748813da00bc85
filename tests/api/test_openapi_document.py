"""The OpenAPI document is valid and each of its schemas documents the shape it names.

Django Ninja files each request and response class under its class name, one schema
per name: two different classes with one name would leave one of them documented with
the other's fields or values.
"""

import enum
import inspect
import json
import typing
from collections import defaultdict

import schemathesis
from pydantic import BaseModel
from schemathesis.core.result import Err

from jointly.api.urls import api


def _document() -> dict:
    return api.get_openapi_schema(path_prefix="/api/v1/")


def _classes_in(annotation, found: dict[str, set]) -> None:
    """Every model and enum class in a type, however nested (lists, unions, fields of models)."""
    if typing.get_origin(annotation) is not None or isinstance(annotation, typing._GenericAlias):
        for argument in typing.get_args(annotation):
            _classes_in(argument, found)
        return
    if not inspect.isclass(annotation):
        return
    if issubclass(annotation, enum.Enum):
        found[annotation.__name__].add(annotation)
    elif issubclass(annotation, BaseModel) and annotation not in found[annotation.__name__]:
        found[annotation.__name__].add(annotation)
        for field in annotation.model_fields.values():
            _classes_in(field.annotation, found)


def _shape(cls) -> str:
    if issubclass(cls, enum.Enum):
        return json.dumps(sorted(str(member.value) for member in cls))
    return json.dumps(cls.model_json_schema(), sort_keys=True)


def test_each_schema_name_in_the_document_stands_for_one_shape():
    found: dict[str, set] = defaultdict(set)
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in [*operation.response_models.values(), *operation.models]:
                    _classes_in(model, found)
    named = set(_document()["components"]["schemas"])
    assert named & set(found), "the walk found none of the document's schemas"
    clashes = {
        name: sorted(f"{cls.__module__}.{cls.__qualname__}" for cls in classes)
        for name, classes in found.items()
        if name in named and len({_shape(cls) for cls in classes}) > 1
    }
    assert clashes == {}, "Give each of these classes a name of its own"


def test_the_document_is_valid_openapi_and_every_operation_loads():
    schema = schemathesis.openapi.from_dict(_document())
    schema.validate()  # against the OpenAPI specification's own schema
    errors = [result.err() for result in schema.get_all_operations() if isinstance(result, Err)]
    assert errors == []
    assert len(list(schema.get_all_operations())) == sum(len(methods) for methods in _document()["paths"].values())


def test_list_filters_name_their_own_choices():
    parameters = {
        (path, parameter["name"]): parameter["schema"]
        for path, methods in _document()["paths"].items()
        for parameter in methods.get("get", {}).get("parameters", [])
    }
    components = _document()["components"]["schemas"]

    def values(path):
        ref = next(option["$ref"] for option in parameters[(path, "status")]["anyOf"] if "$ref" in option)
        return components[ref.rsplit("/", 1)[-1]]["enum"]

    assert values("/api/v1/priorities") == ["draft", "proposed", "approved", "retired"]
    assert values("/api/v1/consultations") == ["draft", "open", "closed", "reported"]
