"""The directory's free-text search answers from its index (migration 0008) and finds what the scan found."""

import pytest
from django.db import connection

from jointly.partnerships.models import Organisation
from jointly.providers.models import DirectoryService
from jointly.providers.selectors import DirectoryFilters, directory_search

from ..factories import OrganisationFactory, TrustPartnerFactory
from .conftest import publish


def _found(query: str) -> set[str]:
    return set(directory_search(DirectoryFilters(query=query)).values_list("name", flat=True))


@pytest.fixture
def services(trust):
    charity = OrganisationFactory(name="Harbour Families Trust")
    TrustPartnerFactory(trust=trust, organisation=charity)
    other = OrganisationFactory(name="Moorland Youth")
    TrustPartnerFactory(trust=trust, organisation=other)
    return {
        "club": publish(charity, trust.area.code, name="Young carers' club", description="Weekly peer support.", eligibility="Aged 8 to 18"),
        "hub": publish(other, trust.area.code, name="Drop-in hub", description="Advice on HOUSING and money.", eligibility="Care leavers"),
    }


def test_a_word_is_found_anywhere_in_each_field_in_any_case(services):
    assert _found("carer") == {"Young carers' club"}  # in the name, mid-word
    assert _found("housing") == {"Drop-in hub"}  # in the description, other case
    assert _found("LEAVERS") == {"Drop-in hub"}  # in the eligibility
    assert _found("harbour") == {"Young carers' club"}  # the organisation's name
    assert _found("support families") == {"Young carers' club"}  # every word must match
    assert _found("housing carers") == set()


def test_short_words_and_awkward_characters_still_work(services):
    assert _found("8") == {"Young carers' club"}  # under three letters: no trigram, matched by a scan
    assert _found('"carers') == set()  # a quote is part of the word, not FTS syntax
    assert _found("100%") == set() and _found("a_b") == set()  # LIKE's wildcards are plain characters
    assert _found("carers'") == {"Young carers' club"}


def test_the_index_follows_edits_renames_and_deletions(services):
    hub = services["hub"]
    DirectoryService.objects.filter(pk=hub.pk).update(description="Advice on benefits.")
    assert _found("housing") == set() and _found("benefits") == {"Drop-in hub"}
    Organisation.objects.filter(pk=hub.organisation_id).update(name="Tamar Young People")
    assert _found("moorland") == set() and _found("tamar") == {"Drop-in hub"}
    DirectoryService.objects.filter(pk=hub.pk).delete()
    assert _found("benefits") == set()


def _plan(query: str) -> str:
    sql, params = directory_search(DirectoryFilters(query=query)).query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A tiny table: ask whether the indexes can serve it (as they do at 50,000 services, by a BitmapOr).
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row) for row in cursor.fetchall())


def test_a_word_is_looked_up_in_the_index_not_scanned_for(services):
    plan = _plan("housing")
    if connection.vendor == "postgresql":
        assert "providers_service_search" in plan and "partnerships_organisation_name_search" in plan
    else:
        assert "VIRTUAL TABLE INDEX" in plan
