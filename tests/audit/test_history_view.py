"""The history page: a record's trail, for people who may see that record's history."""

import pytest

from jointly.accounts.services import api_token_create
from jointly.audit.services import acting_as
from jointly.partnerships import services
from tests.conftest import signed_in_client
from tests.factories import BodyFactory, OrganisationFactory, TrustPartnerFactory


def history_url(instance):
    return f"/history/{instance._meta.label_lower}/{instance.pk}/"


@pytest.fixture
def body(trust, commissioner):
    with acting_as(commissioner):
        body = services.body_create(trust=trust, name="Early Help Board", kind="board")
        body.remit = "Early help for families"
        body.save()
    return body


def test_commissioner_of_the_trust_sees_every_entry(commissioner_client, body):
    response = commissioner_client.get(history_url(body))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Created" in html and "Changed" in html
    assert "Amina Commissioner" in html
    assert "Early help for families" in html
    assert [entry.action for entry in response.context["page_obj"]] == ["update", "create"]


@pytest.mark.parametrize("who", ["analyst", "regional_lead", "administrator"])
def test_other_roles_with_audit_access_see_it(request, who, body):
    client = signed_in_client(request.getfixturevalue(who))
    assert client.get(history_url(body)).status_code == 200


def test_another_trusts_commissioner_gets_not_found(other_commissioner_client, body):
    assert other_commissioner_client.get(history_url(body)).status_code == 404


@pytest.mark.parametrize("who", ["board_member", "provider_user", "evaluator", "participant"])
def test_roles_without_audit_access_are_forbidden(request, who, body):
    response = signed_in_client(request.getfixturevalue(who)).get(history_url(body))
    assert response.status_code == 403
    assert "cannot see the history of records" in response.content.decode()


def test_anonymous_people_are_sent_to_sign_in(anonymous_client, body):
    response = anonymous_client.get(history_url(body))
    assert response.status_code == 302
    assert response.url == f"/sign-in/?next={history_url(body)}"


@pytest.mark.parametrize(
    "path",
    [
        "/history/partnerships.nosuchmodel/1/",
        "/history/notalabel/1/",
        "/history/core.job/00000000-0000-0000-0000-000000000000/",
        "/history/partnerships.body/999999/",
        "/history/partnerships.body/not-a-number/",
    ],
)
def test_unknown_or_unaudited_records_are_not_found(commissioner_client, body, path):
    assert commissioner_client.get(path).status_code == 404


def test_partner_trust_staff_see_an_organisations_history(commissioner_client, provider_org):
    assert commissioner_client.get(history_url(provider_org)).status_code == 200


def test_organisation_history_withholds_private_details_from_those_the_page_hides_them_from(other_commissioner_client, db):
    # The trail holds the contact details, so each entry follows the same rule as the organisation page.
    organisation = OrganisationFactory(contact_email="private@example.org")
    response = other_commissioner_client.get(history_url(organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert "private@example.org" not in html
    assert "Withheld" in html
    assert organisation.name in html


def test_a_persons_history_is_for_administrators_only(commissioner_client, administrator_client, provider_user):
    assert commissioner_client.get(history_url(provider_user)).status_code == 403
    assert administrator_client.get(history_url(provider_user)).status_code == 200


def test_an_api_tokens_history_is_not_shown_to_other_commissioners(other_commissioner_client, commissioner):
    token, _ = api_token_create(user=commissioner, name="Script")
    assert other_commissioner_client.get(history_url(token)).status_code == 403


def test_history_is_paginated(commissioner_client, trust, settings):
    settings.JOINTLY_PAGE_SIZE = 3
    organisation = OrganisationFactory()
    TrustPartnerFactory(trust=trust, organisation=organisation)
    for n in range(5):
        services.organisation_update(organisation=organisation, description=f"Version {n}")
    first = commissioner_client.get(history_url(organisation))
    assert len(first.context["page_obj"]) == 3
    assert 'aria-label="Page 2"' in first.content.decode()
    second = commissioner_client.get(history_url(organisation) + "?page=2")
    assert len(second.context["page_obj"]) == 3


def test_history_page_query_count_is_bounded(commissioner_client, trust, django_assert_max_num_queries):
    body = BodyFactory(trust=trust)
    for n in range(30):
        body.remit = f"Remit {n}"
        body.save()
    # Session, person, device, record, scope, count, page of entries, the record's trust, and
    # the request's savepoints: the same however many entries there are.
    with django_assert_max_num_queries(13):
        assert commissioner_client.get(history_url(body)).status_code == 200
