"""Every partnership endpoint: the right caller, another trust's, another provider's, and bad input."""

import pytest

from jointly.partnerships.models import Organisation
from tests.api.conftest import assert_problem
from tests.factories import BodyFactory, FilledSeatFactory, OrganisationFactory, SeatFactory


@pytest.fixture
def board(trust, provider_user):
    board = BodyFactory(trust=trust, name="Trust Board", slug="board")
    FilledSeatFactory(body=board, holder=provider_user, title="VCS seat")
    SeatFactory(body=board, title="Vacant seat")
    return board


@pytest.fixture
def other_board(other_trust):
    return BodyFactory(trust=other_trust)


# --- Regions -------------------------------------------------------------------


def test_regions(api_for, commissioner, region, other_trust):
    response = api_for(commissioner).get("/regions")
    assert response.status_code == 200
    assert region.slug in [r["slug"] for r in response.json()["items"]]
    detail = api_for(commissioner).get(f"/regions/{region.slug}")
    assert detail.status_code == 200
    assert detail.json() == {"slug": "peninsula", "name": "Peninsula", "description": "", "ons_region_code": None}


def test_unknown_region_is_a_404_problem(api_for, commissioner):
    body = assert_problem(api_for(commissioner).get("/regions/atlantis"), 404)
    assert body["title"] == "Not found"


# --- Trusts and bodies -----------------------------------------------------------


def test_trusts_lists_only_the_callers(api_for, commissioner, trust, other_trust):
    response = api_for(commissioner).get("/trusts")
    assert response.json()["count"] == 1
    [item] = response.json()["items"]
    assert item["slug"] == trust.slug
    assert item["region"] == "peninsula"
    assert set(item["area"]) == {"code", "name", "boundary_year"}


def test_administrator_lists_every_trust(api_for, administrator, trust, other_trust):
    assert api_for(administrator).get("/trusts").json()["count"] == 2


def test_own_trust(api_for, commissioner, trust):
    assert api_for(commissioner).get(f"/trusts/{trust.slug}").json()["name"] == trust.name


def test_another_trust_is_a_404_problem(api_for, commissioner, other_trust):
    body = assert_problem(api_for(commissioner).get(f"/trusts/{other_trust.slug}"), 404)
    assert other_trust.name not in str(body)


def test_trust_bodies(api_for, board, commissioner, trust):
    response = api_for(commissioner).get(f"/trusts/{trust.slug}/bodies")
    assert response.status_code == 200
    assert [b["slug"] for b in response.json()["items"]] == ["board"]
    assert response.json()["items"][0]["trust"] == trust.slug


def test_another_trusts_bodies_are_a_404_problem(api_for, commissioner, other_trust, other_board):
    assert_problem(api_for(commissioner).get(f"/trusts/{other_trust.slug}/bodies"), 404)


def test_body_with_its_seats(api_for, board, provider_user):
    response = api_for(provider_user).get(f"/bodies/{board.pk}")
    assert response.status_code == 200
    seats = {seat["title"]: seat for seat in response.json()["seats"]}
    assert seats["VCS seat"]["holder"] == provider_user.full_name
    assert seats["VCS seat"]["status"] == "filled"
    assert seats["Vacant seat"]["holder"] is None


def test_another_trusts_body_is_a_404_problem(api_for, commissioner, other_board):
    assert_problem(api_for(commissioner).get(f"/bodies/{other_board.pk}"), 404)


def test_body_id_must_be_a_number(api_for, commissioner):
    body = assert_problem(api_for(commissioner).get("/bodies/board"), 400)
    assert body["errors"][0]["field"] == "body_id"


# --- Organisations: reading ------------------------------------------------------


def test_organisation_list_with_search(api_for, provider_user, provider_org, other_provider_org):
    response = api_for(provider_user).get("/organisations", q="carers")
    assert [o["slug"] for o in response.json()["items"]] == [provider_org.slug]
    # The list is the public register: no private fields.
    assert "contact_email" not in response.json()["items"][0]


def test_organisation_list_refuses_an_unknown_sector(api_for, provider_user):
    body = assert_problem(api_for(provider_user).get("/organisations", sector="pirates"), 400)
    assert [e["field"] for e in body["errors"]] == ["sector"]


def test_own_provider_sees_private_fields(api_for, provider_user, provider_org):
    body = api_for(provider_user).get(f"/organisations/{provider_org.slug}").json()
    assert body["contact_email"] == provider_org.contact_email


def test_another_provider_does_not_see_private_fields(api_for, other_provider_user, provider_org):
    response = api_for(other_provider_user).get(f"/organisations/{provider_org.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == provider_org.name
    for private in ("contact_email", "contact_name", "contact_phone"):
        assert private not in body
    assert provider_org.contact_email not in response.content.decode()


def test_another_trusts_commissioner_does_not_see_private_fields(api_for, other_commissioner, provider_org):
    assert "contact_email" not in api_for(other_commissioner).get(f"/organisations/{provider_org.slug}").json()


def test_unknown_organisation_is_a_404_problem(api_for, provider_user):
    assert_problem(api_for(provider_user).get("/organisations/nobody"), 404)


# --- Organisations: writing ------------------------------------------------------

NEW = {"name": "Tamar Youth Trust", "sector": "vcs", "legal_form": "cio", "charity_number": "1123456"}


def test_commissioner_creates_an_organisation(api_for, commissioner):
    response = api_for(commissioner).post("/organisations", NEW)
    assert response.status_code == 201
    assert response.json()["slug"] == "tamar-youth-trust"
    assert Organisation.objects.filter(charity_number="1123456").exists()


def test_duplicate_charity_number_is_a_409_problem(api_for, commissioner):
    existing = OrganisationFactory(name="Already Here", charity_number="1123456")
    body = assert_problem(api_for(commissioner).post("/organisations", NEW), 409)
    assert existing.slug in body["detail"] and "charity number" in body["detail"]
    assert Organisation.objects.count() == 1


def test_invalid_fields_are_each_named(api_for, commissioner):
    body = assert_problem(api_for(commissioner).post("/organisations", {"name": "", "sector": "pirates"}), 400)
    fields = {error["field"] for error in body["errors"]}
    assert fields == {"name", "sector", "legal_form"}
    assert "legal_form" in body["detail"]
    missing = [e for e in body["errors"] if e["field"] == "legal_form"][0]
    assert missing["message"] == "This field is required"
    assert not Organisation.objects.exists()


def test_model_rules_are_reported_by_field(api_for, commissioner):
    body = assert_problem(api_for(commissioner).post("/organisations", {**NEW, "charity_number": "12", "ppon": "bad"}), 400)
    assert {e["field"] for e in body["errors"]} == {"charity_number", "ppon"}
    assert not Organisation.objects.exists()


def test_bad_json_is_a_400_problem(api_for, commissioner):
    client = api_for(commissioner).client
    response = client.post("/api/v1/organisations", "{not json", content_type="application/json")
    body = assert_problem(response, 400)
    assert body["detail"] == "The request body is not valid JSON."


def test_provider_cannot_create_organisations(api_for, provider_user):
    body = assert_problem(api_for(provider_user).post("/organisations", NEW), 403)
    assert body["detail"] == "Your role cannot add organisations."
    assert not Organisation.objects.filter(name=NEW["name"]).exists()


def test_provider_patches_their_own(api_for, provider_user, provider_org):
    response = api_for(provider_user).patch(f"/organisations/{provider_org.slug}", {"description": "Carers' support"})
    assert response.status_code == 200
    assert response.json()["description"] == "Carers' support"
    provider_org.refresh_from_db()
    assert provider_org.description == "Carers' support"
    assert provider_org.name == "Young Carers Project"  # fields not sent are left alone


def test_provider_cannot_patch_another_providers(api_for, other_provider_user, provider_org):
    body = assert_problem(api_for(other_provider_user).patch(f"/organisations/{provider_org.slug}", {"name": "Taken"}), 403)
    assert "your own organisation" in body["detail"]
    provider_org.refresh_from_db()
    assert provider_org.name == "Young Carers Project"


def test_another_trusts_commissioner_cannot_patch(api_for, other_commissioner, provider_org):
    assert_problem(api_for(other_commissioner).patch(f"/organisations/{provider_org.slug}", {"name": "Taken"}), 403)


def test_patch_to_a_duplicate_is_a_409_problem(api_for, commissioner, provider_org, other_provider_org):
    other_provider_org.ppon = "PABC-1234-DEFG"
    other_provider_org.save()
    assert_problem(api_for(commissioner).patch(f"/organisations/{provider_org.slug}", {"ppon": "pabc-1234-defg"}), 409)


def test_a_patch_overtaken_by_another_is_a_409_problem(api_for, commissioner, provider_user, provider_org):
    path = f"/organisations/{provider_org.slug}"
    # Both read the organisation; the provider saves first.
    version = api_for(commissioner).get(path).json()["version"]
    assert api_for(provider_user).patch(path, {"description": "Their change", "version": version}).status_code == 200
    body = assert_problem(api_for(commissioner).patch(path, {"description": "My change", "version": version}), 409)
    assert "Someone else changed this organisation while you were editing it" in body["detail"]
    provider_org.refresh_from_db()
    assert provider_org.description == "Their change"
    # With the version read now, the change goes through, and the answer carries the next version.
    fresh = api_for(commissioner).get(path).json()["version"]
    response = api_for(commissioner).patch(path, {"description": "My change", "version": fresh})
    assert response.status_code == 200 and response.json()["version"] not in (version, fresh)


def test_patch_with_an_invalid_field(api_for, commissioner, provider_org):
    body = assert_problem(api_for(commissioner).patch(f"/organisations/{provider_org.slug}", {"sector": "pirates"}), 400)
    assert body["errors"][0]["field"] == "sector"


# --- Query counts ------------------------------------------------------------------


def _count(api, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert api.get(path).status_code == 200
    return len(captured)


def test_lists_and_bodies_cost_the_same_however_many_rows(api_for, administrator, trust, django_assert_max_num_queries):
    from tests.factories import TrustFactory, UserFactory

    api = api_for(administrator)
    board = BodyFactory(trust=trust)
    FilledSeatFactory(body=board)
    few = {path: _count(api, path) for path in ("/trusts", "/organisations", f"/bodies/{board.pk}", f"/trusts/{trust.slug}/bodies")}
    for _ in range(12):
        TrustFactory()
        OrganisationFactory()
        BodyFactory(trust=trust)
        holder = UserFactory(organisation=OrganisationFactory())
        FilledSeatFactory(body=board, holder=holder, holder_organisation=holder.organisation)
    for path, count in few.items():
        with django_assert_max_num_queries(count):
            api.get(path)
