"""Role tests and form behaviour for the organisation register."""

import re

import pytest

from jointly.partnerships.models import Organisation
from tests.conftest import signed_in_client
from tests.factories import OrganisationFactory

VALID = {"name": "Tamar Youth Trust", "sector": "vcs", "legal_form": "cio"}


def assert_sign_in_redirect(response, path):
    assert response.status_code == 302
    assert response.url == f"/sign-in/?next={path}"


# --- List ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["commissioner", "provider_user", "participant", "other_commissioner"])
def test_every_signed_in_person_can_browse_the_register(request, who, provider_org):
    response = signed_in_client(request.getfixturevalue(who)).get("/organisations/")
    assert response.status_code == 200
    assert provider_org.name in response.content.decode()


def test_list_offers_adding_only_to_roles_that_may(commissioner_client, provider_client, db):
    assert "/organisations/add/" in commissioner_client.get("/organisations/").content.decode()
    assert "/organisations/add/" not in provider_client.get("/organisations/").content.decode()


def test_search_by_name_and_sector_keeps_the_query(commissioner_client, provider_org, other_provider_org):
    response = commissioner_client.get("/organisations/", {"q": "carers", "sector": "vcs"})
    html = response.content.decode()
    assert list(response.context["page_obj"]) == [provider_org]
    assert 'value="carers"' in html
    assert '<option value="vcs" selected>' in html


def test_list_is_paginated_and_keeps_the_search(commissioner_client, settings, db):
    settings.JOINTLY_PAGE_SIZE = 2
    for n in range(5):
        OrganisationFactory(name=f"Carers {n}")
    response = commissioner_client.get("/organisations/", {"q": "Carers", "page": "2"})
    assert [o.name for o in response.context["page_obj"]] == ["Carers 2", "Carers 3"]
    assert 'href="?q=Carers&amp;page=3"' in response.content.decode()


def test_list_needs_a_sign_in(anonymous_client, db):
    assert_sign_in_redirect(anonymous_client.get("/organisations/"), "/organisations/")


# --- Detail --------------------------------------------------------------------


def test_own_provider_sees_private_details_and_can_change(provider_client, provider_org):
    html = provider_client.get(f"/organisations/{provider_org.slug}/").content.decode()
    assert "Private details" in html
    assert provider_org.contact_email in html
    assert f"/organisations/{provider_org.slug}/change/" in html
    assert f"/organisations/{provider_org.slug}/people/" in html


def test_another_provider_sees_the_public_record_only(other_provider_client, provider_org):
    response = other_provider_client.get(f"/organisations/{provider_org.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert provider_org.name in html
    assert "Private details" not in html
    assert provider_org.contact_email not in html
    assert provider_org.contact_phone not in html
    assert "/change/" not in html and "/people/" not in html


def test_another_trusts_commissioner_sees_the_public_record_only(other_commissioner_client, provider_org):
    html = other_commissioner_client.get(f"/organisations/{provider_org.slug}/").content.decode()
    assert "Private details" not in html
    assert provider_org.contact_email not in html


def test_partner_trust_commissioner_sees_private_details_and_history(commissioner_client, provider_org):
    html = commissioner_client.get(f"/organisations/{provider_org.slug}/").content.decode()
    assert provider_org.contact_email in html
    assert f"/history/partnerships.organisation/{provider_org.pk}/" in html


def test_unknown_organisation_is_not_found(commissioner_client):
    assert commissioner_client.get("/organisations/no-such-organisation/").status_code == 404


def test_detail_needs_a_sign_in(anonymous_client, provider_org):
    path = f"/organisations/{provider_org.slug}/"
    assert_sign_in_redirect(anonymous_client.get(path), path)


# --- People ----------------------------------------------------------------------


def test_own_people_page(provider_client, provider_org, provider_user):
    response = provider_client.get(f"/organisations/{provider_org.slug}/people/")
    assert response.status_code == 200
    assert provider_user.email in response.content.decode()


def test_another_providers_people_are_forbidden(other_provider_client, provider_org, provider_user):
    response = other_provider_client.get(f"/organisations/{provider_org.slug}/people/")
    assert response.status_code == 403
    assert provider_user.email not in response.content.decode()


def test_another_trusts_commissioner_cannot_list_its_people(other_commissioner_client, provider_org):
    assert other_commissioner_client.get(f"/organisations/{provider_org.slug}/people/").status_code == 403


def test_people_page_needs_a_sign_in(anonymous_client, provider_org):
    path = f"/organisations/{provider_org.slug}/people/"
    assert_sign_in_redirect(anonymous_client.get(path), path)


# --- Add -------------------------------------------------------------------------


def test_commissioner_adds_an_organisation(commissioner_client, db):
    assert commissioner_client.get("/organisations/add/").status_code == 200
    response = commissioner_client.post("/organisations/add/", {**VALID, "ppon": "pabc-1234-defg"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Tamar Youth Trust")
    assert response.url == f"/organisations/{organisation.slug}/"
    assert organisation.ppon == "PABC-1234-DEFG"


def test_a_website_without_a_scheme_is_read_as_https(commissioner_client, db):
    commissioner_client.post("/organisations/add/", {**VALID, "website": "www.tamar.example"})
    assert Organisation.objects.get().website == "https://www.tamar.example"


def test_add_with_problems_explains_each_and_keeps_what_was_typed(commissioner_client, db):
    data = {"name": "", "legal_form": "cio", "charity_number": "12", "website": "not a web address", "contact_email": "nope"}
    response = commissioner_client.post("/organisations/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    for message in (
        "Enter the organisation&#x27;s name",
        "Select the organisation&#x27;s sector",
        "Enter a charity number like 1234567 or SC012345",
        "Enter a website address like https://www.example.org",
        "Enter an email address in the correct format, like name@example.org",
    ):
        assert message in html
    assert 'href="#id_sector_0"' in html  # radios: the summary links to the first option
    assert 'id="id_name-error"' in html
    assert 'value="12"' in html and 'value="nope"' in html
    assert '<option value="cio" selected>' in html
    assert not Organisation.objects.exists()


def test_adding_a_duplicate_points_to_the_existing_record(commissioner_client, db):
    existing = OrganisationFactory(name="Already Registered", charity_number="1123456")
    html = commissioner_client.post("/organisations/add/", {**VALID, "charity_number": "1123456"}).content.decode()
    assert "Already Registered is already registered with this charity number" in html
    # The summary links to the field, and the page to the record already there.
    assert 'href="#id_charity_number"' in html
    assert 'id="id_charity_number-error"' in html
    assert f'href="/organisations/{existing.slug}/"' in html
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("who", ["provider_user", "analyst", "participant"])
def test_add_is_forbidden_to_roles_that_may_not(request, who, db):
    client = signed_in_client(request.getfixturevalue(who))
    assert client.get("/organisations/add/").status_code == 403
    assert client.post("/organisations/add/", VALID).status_code == 403
    assert not Organisation.objects.filter(name=VALID["name"]).exists()


def test_add_needs_a_sign_in(anonymous_client, db):
    assert_sign_in_redirect(anonymous_client.get("/organisations/add/"), "/organisations/add/")


# --- Change ------------------------------------------------------------------------


def edit_data(organisation, **changes):
    return {"name": organisation.name, "sector": organisation.sector, "legal_form": organisation.legal_form, **changes}


def test_provider_changes_their_own_organisation(provider_client, provider_org):
    response = provider_client.post(f"/organisations/{provider_org.slug}/change/", edit_data(provider_org, contact_email="new@ycp.example"))
    assert response.status_code == 302
    provider_org.refresh_from_db()
    assert provider_org.contact_email == "new@ycp.example"


def test_provider_cannot_change_another_providers_organisation(other_provider_client, provider_org):
    old_email = provider_org.contact_email
    assert other_provider_client.get(f"/organisations/{provider_org.slug}/change/").status_code == 403
    response = other_provider_client.post(f"/organisations/{provider_org.slug}/change/", edit_data(provider_org, contact_email="x@y.example"))
    assert response.status_code == 403
    provider_org.refresh_from_db()
    assert provider_org.contact_email == old_email


def test_another_trusts_commissioner_cannot_change_it(other_commissioner_client, provider_org):
    assert other_commissioner_client.post(f"/organisations/{provider_org.slug}/change/", edit_data(provider_org, name="Hijacked")).status_code == 403
    provider_org.refresh_from_db()
    assert provider_org.name == "Young Carers Project"


def test_change_with_problems_keeps_the_record_and_the_typing(commissioner_client, provider_org):
    response = commissioner_client.post(f"/organisations/{provider_org.slug}/change/", edit_data(provider_org, name="", ppon="P-1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter the organisation&#x27;s name" in html
    assert "like PABC-1234-DEFG" in html
    assert 'value="P-1"' in html
    provider_org.refresh_from_db()
    assert provider_org.name == "Young Carers Project" and provider_org.ppon == ""


def test_change_to_another_organisations_number_is_refused(commissioner_client, provider_org, other_provider_org):
    other_provider_org.company_number = "01234567"
    other_provider_org.save()
    html = commissioner_client.post(
        f"/organisations/{provider_org.slug}/change/", edit_data(provider_org, company_number="01234567")
    ).content.decode()
    assert "Youth Clubs Network is already registered with this company number" in html
    provider_org.refresh_from_db()
    assert provider_org.company_number == ""


def test_change_needs_a_sign_in(anonymous_client, provider_org):
    path = f"/organisations/{provider_org.slug}/change/"
    assert_sign_in_redirect(anonymous_client.get(path), path)


def _version_on(client, path) -> str:
    return re.search(r'name="version" value="([0-9a-f]+)"', client.get(path).content.decode()).group(1)


def test_two_people_changing_one_organisation_cannot_overwrite_each_other(commissioner_client, provider_client, provider_org):
    path = f"/organisations/{provider_org.slug}/change/"
    # Both open the form at the same time.
    theirs, mine = _version_on(commissioner_client, path), _version_on(provider_client, path)
    assert commissioner_client.post(path, edit_data(provider_org, description="Their change", version=theirs)).status_code == 302
    response = provider_client.post(path, edit_data(provider_org, description="My change", version=mine))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Someone else changed this organisation while you were editing it" in html
    assert "My change" in html  # what they typed is kept, to make the change again
    provider_org.refresh_from_db()
    assert provider_org.description == "Their change"
    # Opened again, the form carries the new version and the change goes through.
    assert provider_client.post(path, edit_data(provider_org, description="My change", version=_version_on(provider_client, path))).status_code == 302
    provider_org.refresh_from_db()
    assert provider_org.description == "My change"


def test_every_number_already_registered_is_named_at_once(commissioner_client, provider_org, other_provider_org):
    other_provider_org.company_number = "01234567"
    other_provider_org.save()
    OrganisationFactory(name="Charity Elsewhere", charity_number="1123456")
    html = commissioner_client.post(
        f"/organisations/{provider_org.slug}/change/", edit_data(provider_org, company_number="01234567", charity_number="1123456")
    ).content.decode()
    assert '<a href="#id_company_number">Youth Clubs Network is already registered with this company number' in html
    assert '<a href="#id_charity_number">Charity Elsewhere is already registered with this charity number' in html
    provider_org.refresh_from_db()
    assert (provider_org.company_number, provider_org.charity_number) == ("", "")
