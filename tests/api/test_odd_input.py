"""Odd input the fuzzing found answering 500: each is now refused (400, naming the field) or answered.

Huge page numbers overflowed the database's row offset; a NUL character in any text fails
on PostgreSQL; ids past the database's integer range overflowed it; null for a detail of an
organisation reached a NOT NULL column.
"""

import pytest

from jointly.api.urls import api
from jointly.core.pagination import MAX_PAGE

from ..assessment.factories import PriorityFactory
from .conftest import assert_problem

DOCUMENT = api.get_openapi_schema(path_prefix="/api/v1/")


def _get_operations_with(predicate):
    for path, methods in DOCUMENT["paths"].items():
        for parameter in methods.get("get", {}).get("parameters", []):
            if predicate(parameter):
                # Path parameters are filled with anything: these requests are refused before they are looked up.
                yield path.replace("{", "").replace("}", ""), parameter["name"]


def _is_text(parameter):
    schema = parameter["schema"]
    return parameter["in"] == "query" and "string" in {schema.get("type"), *(o.get("type") for o in schema.get("anyOf", []))}


@pytest.mark.parametrize(("path", "name"), list(_get_operations_with(lambda p: p["name"] == "page")))
def test_a_page_number_past_the_limit_is_a_400_naming_page(api_for, administrator, path, name):
    body = assert_problem(api_for(administrator).client.get(path, {"page": 10**30}), 400)
    assert [error["field"] for error in body["errors"]] == ["page"]


def test_a_page_past_the_end_of_the_list_is_empty(api_for, administrator, trust):
    body = api_for(administrator).get("/trusts", page=MAX_PAGE).json()
    assert (body["count"], body["items"]) == (1, [])


@pytest.mark.parametrize(("path", "name"), list(_get_operations_with(_is_text)))
def test_a_nul_character_in_a_text_parameter_is_a_400_naming_it(api_for, administrator, path, name):
    body = assert_problem(api_for(administrator).client.get(path, {name: "youth\x00clubs"}), 400)
    assert [error["field"] for error in body["errors"]] == [name]


def test_a_nul_character_in_the_path_or_the_body_is_a_400_naming_where(api_for, administrator, provider_org):
    client = api_for(administrator)
    assert assert_problem(client.get("/trusts/ply\x00mouth"), 400)["errors"][0]["field"] == "path"
    body = assert_problem(client.patch(f"/organisations/{provider_org.slug}", {"description": "Clubs\x00"}), 400)
    assert body["errors"][0]["field"] == "description"
    provider_org.refresh_from_db()
    assert "\x00" not in provider_org.description


def test_a_page_with_a_nul_character_in_its_address_is_a_400_page(anonymous_client, db):
    response = anonymous_client.get("/needs-assessments/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "Sorry, we could not read that" in response.content.decode()


def test_an_id_past_the_database_range_is_a_400_against_the_field(api_for, commissioner, trust):
    priority = PriorityFactory(trust=trust)
    response = api_for(commissioner).post(f"/map/{trust.slug}/entries/1/priorities", {"priority_ids": [priority.pk, 10**30]})
    body = assert_problem(response, 400)
    assert body["errors"][0]["field"] == "priority_ids.1"


def test_an_id_past_the_database_range_in_the_path_is_not_found(api_for, administrator):
    assert_problem(api_for(administrator).get(f"/bodies/{10**30}"), 404)


def test_patch_null_clears_an_optional_detail_and_refuses_a_required_one(api_for, commissioner, provider_org):
    client = api_for(commissioner)
    assert client.patch(f"/organisations/{provider_org.slug}", {"contact_phone": None, "ppon": None}).status_code == 200
    provider_org.refresh_from_db()
    assert (provider_org.contact_phone, provider_org.ppon) == ("", "")
    body = assert_problem(client.patch(f"/organisations/{provider_org.slug}", {"name": None}), 400)
    assert body["errors"] == [{"field": "name", "message": "The name cannot be removed: send a value, or leave it out"}]
