"""The passport's pages for every kind of person: its own people keep it, the region's checkers read
and score it, another organisation or another region's staff are not told it exists."""

import datetime

import pytest
from django.urls import reverse

from jointly.passport.models import Check, Item, Passport
from tests.conftest import signed_in_client

from .conftest import pdf

pytestmark = pytest.mark.django_db


def url(name, organisation, *args):
    return reverse(f"passport:{name}", args=[organisation.slug, *args])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("provider_user", 200),
        ("commissioner", 200),
        ("regional_lead", 403),  # of the region, but a regional lead does not check passports
        ("board_member", 403),
        ("other_provider_user", 404),
        ("other_commissioner", 404),
        ("administrator", 200),
    ],
)
def test_who_may_read_a_passport(request, kept, who, status, django_assert_max_num_queries):
    client = signed_in_client(request.getfixturevalue(who))
    with django_assert_max_num_queries(20):
        response = client.get(url("detail", kept))
    assert response.status_code == status
    if status == 200:
        assert b"The passport is complete" in response.content
    else:
        assert b"Charity Mutual" not in response.content


def test_anonymous_people_are_asked_to_sign_in(client, kept):
    for name, args in (("detail", ()), ("core", ()), ("item", ("policy:safeguarding",)), ("document", ("policy:safeguarding",))):
        response = client.get(url(name, kept, *args))
        assert response.status_code == 302 and response.url.startswith("/sign-in/")


@pytest.mark.parametrize(
    ("who", "status"), [("provider_user", 200), ("commissioner", 403), ("other_provider_user", 404), ("other_commissioner", 404)]
)
def test_only_the_organisations_people_change_it(request, provider_org, who, status):
    client = signed_in_client(request.getfixturevalue(who))
    assert client.get(url("core", provider_org)).status_code == status
    assert client.get(url("item", provider_org, "policy:equality")).status_code == status


def test_the_home_page_shows_a_provider_its_own_passport_and_lists_the_regions_for_a_checker(
    kept, provider_client, commissioner_client, board_member
):
    assert b"The passport is complete" in provider_client.get(reverse("passport:home")).content
    response = commissioner_client.get(reverse("passport:home"))
    assert response.status_code == 200 and kept.name.encode() in response.content
    assert signed_in_client(board_member).get(reverse("passport:home")).status_code == 403


def test_core_information_shows_every_error_at_once_and_saves(provider_org, provider_client):
    response = provider_client.post(url("core", provider_org), {"postcode": "nowhere"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    for message in ("Enter your registered address", "Enter a real postcode", "Enter how many paid staff", "Select whether your organisation"):
        assert message in html
    data = {"registered_address": "1 Quay Road", "postcode": "PL1 2AA", "staff": "3", "volunteers": "40", "sme": "yes"}
    response = provider_client.post(url("core", provider_org), data)
    assert response.status_code == 302
    passport = Passport.objects.get(organisation=provider_org)
    assert (passport.staff, passport.sme) == (3, True)


def test_a_policy_is_uploaded_and_a_bad_file_refused_with_the_reason(provider_org, provider_client):
    data = {"adopted_on_0": "10", "adopted_on_1": "1", "adopted_on_2": "2026"}
    response = provider_client.post(url("item", provider_org, "policy:safeguarding"), {**data, "document": pdf("policy.exe")})
    assert "must be a PDF" in response.content.decode()
    assert not Item.objects.exists()
    response = provider_client.post(url("item", provider_org, "policy:safeguarding"), {**data, "document": pdf()})
    assert response.status_code == 302
    item = Item.objects.get()
    assert (item.adopted_on, item.document_name) == (datetime.date(2026, 1, 10), "policy.pdf")
    page = provider_client.get(url("item", provider_org, "policy:safeguarding")).content.decode()
    assert "Remove the uploaded document (policy.pdf)" in page


def test_an_unknown_item_is_not_found(provider_org, provider_client):
    assert provider_client.get(url("item", provider_org, "policy:astrology")).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"), [("provider_user", 200), ("commissioner", 200), ("other_provider_user", 404), ("other_commissioner", 404)]
)
def test_a_document_is_downloaded_by_those_who_read_the_passport(request, kept, who, status):
    response = signed_in_client(request.getfixturevalue(who)).get(url("document", kept, "policy:safeguarding"))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="safeguarding.pdf"'
        assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("who", "status"), [("commissioner", 200), ("provider_user", 403), ("other_commissioner", 404), ("other_provider_user", 404)]
)
def test_who_may_score_a_policy(request, kept, who, status):
    assert signed_in_client(request.getfixturevalue(who)).get(url("check", kept, "policy:safeguarding")).status_code == status


def test_a_checker_scores_a_policy_once_and_the_next_checker_sees_the_standing_score(kept, commissioner_client, administrator_client, trust):
    address = url("check", kept, "policy:safeguarding")
    response = commissioner_client.post(address, {"scheme": "scale"})
    html = response.content.decode()
    assert "Select a score from 0 to 4" in html and "Enter the reason for the score" in html
    response = commissioner_client.post(address, {"scheme": "scale", "score": "3", "reason": "Clear escalation route."})
    assert response.status_code == 302
    check = Check.objects.get()
    assert (check.score, check.passed, check.checker_trust) == (3, True, trust)
    page = administrator_client.get(address).content.decode()
    assert "Already scored: 3 out of 4 (pass), by Amina Commissioner of Plymouth" in page
    assert "Save the score" not in page
    assert "3 out of 4 (pass)" in commissioner_client.get(url("detail", kept)).content.decode()


def test_the_providers_home_page_leads_to_the_passport_with_what_is_missing(provider_org, provider_client):
    html = provider_client.get("/").content.decode()
    assert "Your supplier passport: missing or expiring" in html
    assert reverse("passport:detail", args=[provider_org.slug]) in html
    assert reverse("bidders:home") in html


def test_a_documents_bytes_stay_out_of_the_audit_trail(provider_org):
    from jointly.audit.models import AuditEntry

    from .conftest import policy

    item = policy(provider_org, document=pdf(body=b"%PDF-1.4 secret-bytes-zq"))
    entries = AuditEntry.objects.filter(object_type="passport.item", object_id=str(item.pk))
    assert entries.exists()
    assert all("secret-bytes-zq" not in str(entry.after) and "document" not in (entry.after or {}) for entry in entries)
    assert entries.first().after["document_name"] == "policy.pdf"


def test_the_checkers_list_does_not_grow_in_queries_with_organisations(kept, commissioner_client, trust, django_assert_max_num_queries):
    from tests.factories import OrganisationFactory, TrustPartnerFactory

    from .conftest import core

    for _ in range(5):
        organisation = OrganisationFactory()
        TrustPartnerFactory(trust=trust, organisation=organisation)
        core(organisation)
    with django_assert_max_num_queries(12):
        response = commissioner_client.get(reverse("passport:home"))
    assert response.content.decode().count("/passport/organisation-") == 6  # the kept passport and five more
