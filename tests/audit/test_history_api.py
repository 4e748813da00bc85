"""GET /api/v1/history/{object_type}/{object_id}: the history page's rules, as JSON, a page at a time."""

import pytest

from jointly.accounts.disclosure import WITHHELD
from jointly.partnerships import services
from tests.api.conftest import ApiClient, assert_problem
from tests.factories import BodyFactory, OrganisationFactory, TrustPartnerFactory


def url(record):
    return f"/history/{record._meta.label_lower}/{record.pk}"


@pytest.fixture
def organisation(trust):
    organisation = OrganisationFactory(contact_email="first@example.org")
    TrustPartnerFactory(trust=trust, organisation=organisation)
    services.organisation_update(organisation=organisation, contact_email="second@example.org", description="Now bigger")
    return organisation


def test_a_partner_trusts_commissioner_reads_every_entry_newest_first(commissioner, organisation):
    body = ApiClient(commissioner).get(url(organisation)).json()
    assert body["count"] == 2
    newest, oldest = body["items"]
    assert (newest["action"], oldest["action"]) == ("update", "create")
    assert newest["before"]["contact_email"] == "first@example.org"
    assert newest["after"]["contact_email"] == "second@example.org"
    assert sorted(newest["changed_fields"]) == ["contact_email", "description"]
    assert newest["actor"] == "system" and oldest["action_label"] == "Created"


@pytest.mark.parametrize("who", ["analyst", "regional_lead", "other_commissioner"])
def test_people_the_organisation_page_hides_contact_details_from_get_them_withheld(request, who, organisation):
    response = ApiClient(request.getfixturevalue(who)).get(url(organisation))
    assert response.status_code == 200
    assert "example.org" not in response.content.decode()
    newest = response.json()["items"][0]
    assert newest["before"]["contact_email"] == newest["after"]["contact_email"] == WITHHELD
    # A withheld field that changed still says it changed; its values do not.
    assert "contact_email" in newest["changed_fields"]
    assert newest["after"]["description"] == "Now bigger"


def test_roles_without_history_access_get_a_problem_with_the_reason(provider_user, organisation):
    body = assert_problem(ApiClient(provider_user).get(url(organisation)), 403)
    assert "cannot see the history of records" in body["detail"]


def test_another_trusts_record_is_not_found(other_commissioner, trust):
    assert_problem(ApiClient(other_commissioner).get(url(BodyFactory(trust=trust))), 404)


@pytest.mark.parametrize("path", ["/history/partnerships.nosuchmodel/1", "/history/core.job/1", "/history/partnerships.body/not-a-number"])
def test_unknown_or_unaudited_records_are_not_found(commissioner, path):
    assert_problem(ApiClient(commissioner).get(path), 404)


def test_without_a_token_or_session_the_answer_is_401(anonymous_client, organisation):
    assert_problem(anonymous_client.get(f"/api/v1{url(organisation)}"), 401)


def test_history_is_paginated(commissioner, trust):
    body = BodyFactory(trust=trust)
    for n in range(7):
        body.remit = f"Remit {n}"
        body.save()
    api = ApiClient(commissioner)
    first = api.get(url(body), page_size=5).json()
    assert first["count"] == 8 and len(first["items"]) == 5
    second = api.get(url(body), page_size=5, page=2).json()
    assert len(second["items"]) == 3
    assert second["items"][-1]["action"] == "create"


def test_the_query_count_does_not_grow_with_the_history(commissioner, trust, django_assert_max_num_queries):
    body = BodyFactory(trust=trust)
    for n in range(40):
        body.remit = f"Remit {n}"
        body.save()
    api = ApiClient(commissioner)
    with django_assert_max_num_queries(12):
        assert api.get(url(body)).status_code == 200
