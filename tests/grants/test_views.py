"""Every grants page, for the right person, another trust's, a provider and someone signed out."""

import pytest
from django.urls import reverse

from jointly.grants import services
from jointly.grants.models import GrantApplication, GrantProgramme
from tests.conftest import signed_in_client

from .conftest import application_data, close, make_programme, sent_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(trust, commissioner, provider_user, other_provider_user, participant):
    """A closed programme with two sent applications and a young person on its panel."""
    programme = make_programme(trust, commissioner)
    first = sent_application(programme, provider_user)
    second = sent_application(programme, other_provider_user, project_title="Youth radio")
    services.panel_add(programme=programme, person=participant, by=commissioner)
    return close(programme), first, second


def _status(client, url, method="get", data=None):
    return (client.post(url, data or {}) if method == "post" else client.get(url)).status_code


def test_the_open_pages_are_open_and_drafts_are_not_found(client, trust, commissioner, programme, django_assert_max_num_queries):
    draft = make_programme(trust, commissioner, publish=False, title="Not yet")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("grants:programmes"))
    assert response.status_code == 200 and programme.title in response.text and "Not yet" not in response.text
    with django_assert_max_num_queries(8):
        page = client.get(reverse("grants:programme", args=[programme.pk]))
    assert page.status_code == 200 and "Young people shaped the idea" in page.text
    assert client.get(reverse("grants:programme", args=[draft.pk])).status_code == 404


def test_applying_without_javascript_keeps_a_draft_then_sends_it(provider_client, programme):
    response = provider_client.post(reverse("grants:apply", args=[programme.pk]), {"project_title": "Skate park jam"})
    application = GrantApplication.objects.get()
    assert response.status_code == 302 and application.status == "draft"
    response = provider_client.post(reverse("grants:application", args=[application.pk]), {**application_data(programme), "summary": "word " * 151})
    assert response.status_code == 200 and "150 words or fewer" in response.text and "govuk-error-summary" in response.text
    provider_client.post(reverse("grants:application", args=[application.pk]), application_data(programme))
    assert provider_client.post(reverse("grants:application-submit", args=[application.pk])).status_code == 302
    assert GrantApplication.objects.get().status == "submitted"
    assert provider_client.get(reverse("grants:my-applications")).status_code == 200


def test_an_application_is_its_own_organisations(programme, provider_user, other_provider_client, commissioner_client, anonymous_client):
    application = sent_application(programme, provider_user)
    url = reverse("grants:application", args=[application.pk])
    assert _status(other_provider_client, url) == 404
    assert _status(commissioner_client, url) == 403  # a commissioner does not apply
    assert anonymous_client.get(url).status_code == 302
    assert _status(other_provider_client, reverse("grants:application-submit", args=[application.pk]), "post") == 404


def test_the_staff_pages_are_the_trusts_grant_officers(
    round_, trust, commissioner_client, other_commissioner_client, provider_client, anonymous_client, django_assert_max_num_queries
):
    programme, first, _ = round_
    urls = [
        reverse("grants:manage", args=[trust.slug]),
        reverse("grants:programme-add", args=[trust.slug]),
        reverse("grants:programme-manage", args=[trust.slug, programme.pk]),
        reverse("grants:criterion-add", args=[trust.slug, programme.pk]),
        reverse("grants:question-add", args=[trust.slug, programme.pk]),
        reverse("grants:programme-publish", args=[trust.slug, programme.pk]),
        reverse("grants:panel-add", args=[trust.slug, programme.pk]),
        reverse("grants:decide", args=[trust.slug, first.pk]),
    ]
    for url in urls:
        assert _status(commissioner_client, url) == 200, url
        assert _status(other_commissioner_client, url) == 404, url
        assert _status(provider_client, url) == 403, url
        assert anonymous_client.get(url).status_code == 302, url
    with django_assert_max_num_queries(16):
        commissioner_client.get(urls[0])
    with django_assert_max_num_queries(22):
        commissioner_client.get(urls[2])


def test_adding_a_programme_shows_every_error_at_once(trust, commissioner_client):
    response = commissioner_client.post(reverse("grants:programme-add", args=[trust.slug]), {"max_award": "40000"})
    assert response.status_code == 200 and response.text.count("govuk-error-summary__list") == 1
    assert "Select the commissioning intention" in response.text and "Enter the total fund" in response.text


def test_deciding_records_the_award_and_the_agreement_follows(round_, trust, commissioner_client, provider_client, other_provider_client):
    programme, first, _ = round_
    url = reverse("grants:decide", args=[trust.slug, first.pk])
    response = commissioner_client.post(url, {"outcome": "award", "amount": "3000", "feedback": "Young people lead it."})
    assert response.status_code == 302
    agreement = reverse("grants:agreement", args=[first.pk])
    page = provider_client.get(agreement)
    assert page.status_code == 200 and "£3,000.00" in page.text and programme.conditions in page.text
    assert commissioner_client.get(agreement).status_code == 200
    assert other_provider_client.get(agreement).status_code == 403
    download = provider_client.get(reverse("grants:agreement-pdf", args=[first.pk]))
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert other_provider_client.get(reverse("grants:agreement-pdf", args=[first.pk])).status_code == 403


def test_the_panel_declares_first_and_a_conflict_bars_the_application(round_, participant, provider_client, django_assert_max_num_queries):
    programme, first, second = round_
    member = signed_in_client(participant)
    home = reverse("grants:panel", args=[programme.pk])
    page = member.get(home)
    assert page.status_code == 200 and "Declare any conflicts" in page.text and first.project_title not in page.text
    assert member.get(reverse("grants:panel-score", args=[second.pk])).status_code == 403
    declare = reverse("grants:panel-declare", args=[programme.pk])
    assert member.get(declare).status_code == 200
    response = member.post(declare, {f"conflict_{first.pk}": "yes", f"note_{first.pk}": "I volunteer there", f"conflict_{second.pk}": "no"})
    assert response.status_code == 302
    with django_assert_max_num_queries(14):
        page = member.get(home)
    assert second.project_title in page.text and first.project_title not in page.text
    assert member.get(reverse("grants:panel-score", args=[first.pk])).status_code == 403
    assert member.post(reverse("grants:panel-score", args=[second.pk]), {"score": "3", "reason": "Young people lead it"}).status_code == 302
    assert provider_client.get(home).status_code == 403


def test_the_api_lists_programmes_openly_and_applications_to_their_owners(programme, provider_user, client, provider_client, other_provider_client):
    sent_application(programme, provider_user)
    assert client.get("/api/v1/grants/programmes").json()["count"] == 1
    assert provider_client.get("/api/v1/grants/applications").json()["count"] == 1
    assert other_provider_client.get("/api/v1/grants/applications").json()["count"] == 0


def test_the_panel_api_refuses_before_the_declaration(round_, participant, provider_client):
    programme, _, _ = round_
    member = signed_in_client(participant)
    assert member.get(f"/api/v1/grants/programmes/{programme.pk}/panel").status_code == 403
    assert provider_client.get(f"/api/v1/grants/programmes/{programme.pk}/panel").status_code == 403
    assert GrantProgramme.objects.get(pk=programme.pk).status == "panel"
