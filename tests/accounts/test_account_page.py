"""The account page and the list of people."""

import pytest

from tests.conftest import signed_in_client

ROLES = ["commissioner", "analyst", "board_member", "provider_user", "evaluator", "participant", "regional_lead", "administrator"]


@pytest.mark.parametrize("who", ROLES)
def test_everyone_sees_their_own_account(request, who):
    person = request.getfixturevalue(who)
    response = signed_in_client(person).get("/account/")
    assert response.status_code == 200
    html = response.content.decode()
    assert person.email in html
    assert person.get_role_display() in html.replace("&#x27;", "'")


def test_account_lists_the_persons_trusts_and_organisation(provider_client, trust, provider_org):
    html = provider_client.get("/account/").content.decode()
    assert f'href="/partnerships/trusts/{trust.slug}/"' in html
    assert f'href="/organisations/{provider_org.slug}/"' in html


def test_account_does_not_show_another_trust(commissioner_client, other_trust):
    assert f"/partnerships/trusts/{other_trust.slug}/" not in commissioner_client.get("/account/").content.decode()


def test_account_lists_only_the_persons_own_tokens(commissioner_client, other_commissioner):
    from jointly.accounts.services import api_token_create

    token, _ = api_token_create(user=other_commissioner, name="Their secret script")
    html = commissioner_client.get("/account/").content.decode()
    assert "Their secret script" not in html and token.prefix not in html


def test_account_needs_a_sign_in(anonymous_client, db):
    response = anonymous_client.get("/account/")
    assert response.status_code == 302 and response.url == "/sign-in/?next=/account/"


def test_people_list_for_administrators(administrator_client, commissioner, provider_user):
    response = administrator_client.get("/people/")
    assert response.status_code == 200
    html = response.content.decode()
    assert commissioner.email in html and provider_user.email in html


@pytest.mark.parametrize("who", ["commissioner", "regional_lead", "provider_user"])
def test_people_list_is_forbidden_to_others(request, who):
    assert signed_in_client(request.getfixturevalue(who)).get("/people/").status_code == 403
