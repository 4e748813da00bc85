"""Keeping the directory: role tests for every page where providers propose and commissioners decide."""

import pytest
from django.urls import reverse

from jointly.providers import selectors
from jointly.providers.models import Revision

from ..conftest import signed_in_client
from .conftest import service_data


def _service_answers(trust, **overrides):
    answers = {
        "name": "Holiday club",
        "description": "Games and lunch in the school holidays.",
        "status": "active",
        "outcome_areas": ["enjoy-and-achieve"],
        "tier": "universal",
        "approach": "prevention",
        "min_age": "5",
        "max_age": "11",
        "area_codes": [trust.area.code],
        "days": ["MO", "WE"],
        "opens_at": "10:00",
        "closes_at": "15:00",
        "cost": "free",
        "venue_0_name": "Stonehouse Community Centre",
        "venue_0_address_1": "1 Union Street",
        "venue_0_city": "Plymouth",
        "venue_0_postcode": "PL1 3EZ",
    }
    answers.update(overrides)
    return answers


def _is_sign_in_redirect(response):
    return response.status_code == 302 and "/sign-in/" in response.url


# --- Where each person starts ------------------------------------------------


def test_start_sends_each_person_to_their_part(provider_client, commissioner_client, provider_org, signed_in_client_for_evaluator, anonymous_client):
    assert provider_client.get("/directory/manage/").url == reverse("providers:manage", args=[provider_org.slug])
    assert commissioner_client.get("/directory/manage/").url == reverse("providers:review")
    assert signed_in_client_for_evaluator.get("/directory/manage/").status_code == 403
    assert _is_sign_in_redirect(anonymous_client.get("/directory/manage/"))


@pytest.fixture
def signed_in_client_for_evaluator(evaluator):
    return signed_in_client(evaluator)


# --- The provider's own entry -----------------------------------------------


def test_manage_page_roles(
    provider_client, other_provider_client, commissioner_client, administrator_client, anonymous_client, published_service, provider_org
):
    url = reverse("providers:manage", args=[provider_org.slug])
    assert provider_client.get(url).status_code == 200
    assert administrator_client.get(url).status_code == 200
    assert other_provider_client.get(url).status_code == 403
    assert commissioner_client.get(url).status_code == 403
    assert _is_sign_in_redirect(anonymous_client.get(url))


def test_manage_page_queries_do_not_grow(provider_client, provider_org, trust, provider_user, django_assert_max_num_queries):
    from jointly.providers import services

    for number in range(6):
        services.service_change_propose(organisation=provider_org, data=service_data(trust.area.code, name=f"Club {number}"), by=provider_user)
    with django_assert_max_num_queries(16):
        response = provider_client.get(reverse("providers:manage", args=[provider_org.slug]))
    assert response.content.decode().count("Waiting for approval") == 6


def test_provider_proposes_a_new_service(provider_client, provider_org, trust):
    response = provider_client.post(reverse("providers:service-add", args=[provider_org.slug]), _service_answers(trust))
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert (revision.kind, revision.status, revision.organisation) == ("service", "pending", provider_org)
    assert [row["weekday"] for row in revision.data["opening_times"]] == ["MO", "WE"]
    assert revision.data["locations"][0]["postcode"] == "PL1 3EZ"
    assert not selectors.published_services().exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"other_area_codes": "E06999999"}, "No place has the ONS code E06999999"),
        ({"cost": "fee", "fee_amount": "-2"}, "The fee cannot be negative"),
        ({"min_age": "12", "max_age": "3"}, "The oldest age must be the same as or more than the youngest age"),
        ({"area_codes": []}, "Choose at least one place the service covers"),
        ({"opens_at": "", "closes_at": ""}, "Enter the opening and closing times for the days you chose"),
    ],
)
def test_bad_service_answers_are_explained(provider_client, provider_org, trust, overrides, message):
    response = provider_client.post(reverse("providers:service-add", args=[provider_org.slug]), _service_answers(trust, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Revision.objects.exists()


def test_provider_changes_their_service(provider_client, published_service, provider_org, trust):
    url = reverse("providers:service-edit", args=[provider_org.slug, published_service.uuid])
    form = provider_client.get(url).context["form"]
    assert form.initial["name"] == "Young carers' club" and form.initial["days"] == ["TU"]
    response = provider_client.post(url, _service_answers(trust, name="Young carers' club", venue_0_name="Stonehouse Community Centre"))
    assert response.status_code == 302
    revision = Revision.objects.get(status="pending")
    assert revision.service == published_service
    # The location is the same place, so it keeps its id.
    assert revision.data["locations"][0]["id"] == str(published_service.locations.get().uuid)


def test_providers_cannot_touch_another_organisation(other_provider_client, published_service, provider_org, other_provider_org, trust):
    assert other_provider_client.get(reverse("providers:service-add", args=[provider_org.slug])).status_code == 403
    assert other_provider_client.get(reverse("providers:service-edit", args=[provider_org.slug, published_service.uuid])).status_code == 403
    assert other_provider_client.get(reverse("providers:profile-edit", args=[provider_org.slug])).status_code == 403
    # Through their own organisation's address, the other's service does not exist.
    assert other_provider_client.get(reverse("providers:service-edit", args=[other_provider_org.slug, published_service.uuid])).status_code == 404


def test_provider_proposes_profile_changes(provider_client, provider_org, trust):
    url = reverse("providers:profile-edit", args=[provider_org.slug])
    assert provider_client.get(url).status_code == 200
    response = provider_client.post(
        url,
        {
            "description": "We support young carers.",
            "website": "carers.example",
            "income_band": "small",
            "staff_band": "1-9",
            "area_codes": [trust.area.code],
            "groups": ["young_carers"],
            "accreditations-TOTAL_FORMS": "1",
            "accreditations-INITIAL_FORMS": "0",
            "accreditations-MIN_NUM_FORMS": "0",
            "accreditations-MAX_NUM_FORMS": "10",
            "accreditations-0-kind": "regulator",
            "accreditations-0-body": "Ofsted",
            "accreditations-0-rating": "Good",
            "accreditations-0-awarded_on_0": "1",
            "accreditations-0-awarded_on_1": "3",
            "accreditations-0-awarded_on_2": "2024",
        },
    )
    assert response.status_code == 302
    revision = Revision.objects.get()
    assert revision.kind == "profile"
    assert revision.data["website"] == "https://carers.example"
    assert revision.data["accreditations"] == [{"kind": "regulator", "body": "Ofsted", "rating": "Good", "awarded_on": "2024-03-01"}]


# --- Commissioners decide ------------------------------------------------------


def test_review_queue_shows_only_the_commissioner_s_trusts(
    commissioner_client, other_commissioner_client, provider_client, anonymous_client, pending_change, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        response = commissioner_client.get(reverse("providers:review"))
    assert [revision.pk for revision in response.context["page_obj"]] == [pending_change.pk]
    assert list(other_commissioner_client.get(reverse("providers:review")).context["page_obj"]) == []
    assert provider_client.get(reverse("providers:review")).status_code == 403
    assert _is_sign_in_redirect(anonymous_client.get(reverse("providers:review")))


def test_revision_page_roles(
    commissioner_client, other_commissioner_client, provider_client, other_provider_client, anonymous_client, analyst, pending_change
):
    url = pending_change.get_absolute_url()
    response = commissioner_client.get(url)
    assert response.status_code == 200 and response.context["can_decide"]
    assert "Young carers&#x27; club (new name)" in response.content.decode()
    author_view = provider_client.get(url)
    assert author_view.status_code == 200 and not author_view.context["can_decide"]
    assert signed_in_client(analyst).get(url).status_code == 200
    assert other_commissioner_client.get(url).status_code == 404
    assert other_provider_client.get(url).status_code == 404
    assert _is_sign_in_redirect(anonymous_client.get(url))


def test_commissioner_approves_and_the_public_sees_it(commissioner_client, anonymous_client, pending_change, published_service):
    public = published_service.get_absolute_url()
    assert "(new name)" not in anonymous_client.get(public).content.decode()
    response = commissioner_client.post(reverse("providers:revision-decide", args=[pending_change.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert "(new name)" in anonymous_client.get(public).content.decode()


def test_rejecting_needs_a_reason(commissioner_client, pending_change):
    response = commissioner_client.post(reverse("providers:revision-decide", args=[pending_change.pk]), {"decision": "reject", "reason": ""})
    assert response.status_code == 400
    assert "Say why the change is not approved" in response.content.decode()
    assert Revision.objects.get(pk=pending_change.pk).status == "pending"
    commissioner_client.post(reverse("providers:revision-decide", args=[pending_change.pk]), {"decision": "reject", "reason": "Name is misleading"})
    assert Revision.objects.get(pk=pending_change.pk).decision_reason == "Name is misleading"


def test_another_trust_s_commissioner_cannot_decide(other_commissioner_client, pending_change):
    response = other_commissioner_client.post(reverse("providers:revision-decide", args=[pending_change.pk]), {"decision": "approve"})
    assert response.status_code == 404
    assert Revision.objects.get(pk=pending_change.pk).status == "pending"


def test_a_provider_cannot_approve_even_their_own_change(provider_client, pending_change):
    response = provider_client.post(reverse("providers:revision-decide", args=[pending_change.pk]), {"decision": "approve"})
    assert response.status_code == 403
    assert Revision.objects.get(pk=pending_change.pk).status == "pending"


def test_a_new_group_s_listing_goes_to_the_trust_for_its_place(commissioner_client, other_commissioner_client, anonymous_client, trust):
    from .test_list_your_group import FORM, _answers

    anonymous_client.post(FORM, _answers(trust))
    listing = Revision.objects.get()
    assert other_commissioner_client.get(listing.get_absolute_url()).status_code == 404
    assert commissioner_client.get(listing.get_absolute_url()).status_code == 200
    commissioner_client.post(reverse("providers:revision-decide", args=[listing.pk]), {"decision": "approve"})
    assert selectors.published_services().get().name == "Saturday football"


# --- Versions ------------------------------------------------------------------


def test_versions_are_kept_and_shown_to_the_right_people(
    commissioner_client,
    other_commissioner_client,
    provider_client,
    other_provider_client,
    anonymous_client,
    pending_change,
    published_service,
    provider_org,
    commissioner,
):
    from jointly.providers import services

    services.revision_approve(revision=pending_change, by=commissioner)
    url = reverse("providers:service-versions", args=[published_service.uuid])
    response = provider_client.get(url)
    assert [revision.version for revision in response.context["versions"]] == [2, 1]
    assert commissioner_client.get(url).status_code == 200
    first = response.context["versions"][1]
    assert "Young carers&#x27; club" in provider_client.get(first.get_absolute_url()).content.decode()
    assert other_commissioner_client.get(url).status_code == 404
    assert other_provider_client.get(url).status_code == 404
    assert _is_sign_in_redirect(anonymous_client.get(url))
    profile_url = reverse("providers:organisation-versions", args=[provider_org.slug])
    assert provider_client.get(profile_url).status_code == 200
    assert other_provider_client.get(profile_url).status_code == 404


# --- Buttons follow the moves on offer; refusals show in the error summary -----------------------


def _version(client, url) -> str:
    import re

    return re.search(r'name="version" value="([0-9a-f]+)"', client.get(url).content.decode()).group(1)


def test_the_decision_is_offered_only_while_the_change_waits_and_only_to_a_reviewer(commissioner_client, provider_client, pending_change):
    url = pending_change.get_absolute_url()
    decide = reverse("providers:revision-decide", args=[pending_change.pk])
    page = commissioner_client.get(url).content.decode()
    assert decide in page and 'value="approve"' in page and 'value="reject"' in page
    assert decide not in provider_client.get(url).content.decode()
    assert commissioner_client.post(decide, {"decision": "approve"}).status_code == 302
    assert decide not in commissioner_client.get(url).content.decode()


def test_deciding_twice_shows_why_in_the_error_summary(commissioner_client, pending_change):
    decide = reverse("providers:revision-decide", args=[pending_change.pk])
    assert commissioner_client.post(decide, {"decision": "approve"}).status_code == 302
    response = commissioner_client.post(decide, {"decision": "reject", "reason": "Second thoughts"})  # from a page opened before
    page = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in page
    assert "This directory change is approved and published, so you cannot reject it." in page
    assert Revision.objects.get(pk=pending_change.pk).status == "approved"


def test_a_service_closed_for_good_has_no_change_link(provider_client, provider_org, published_service, trust):
    from jointly.providers import services

    edit_url = reverse("providers:service-edit", args=[provider_org.slug, published_service.uuid])
    manage = reverse("providers:manage", args=[provider_org.slug])
    assert edit_url in provider_client.get(manage).content.decode()
    services.directory_record_publish(
        organisation=provider_org,
        kind=Revision.Kind.SERVICE,
        service=published_service,
        source=Revision.Source.IMPORT,
        data=service_data(trust.area.code, id=str(published_service.uuid), status="defunct"),
    )
    assert edit_url not in provider_client.get(manage).content.decode()
    page = provider_client.post(edit_url, _service_answers(trust)).content.decode()  # from a form opened before
    assert "There is a problem" in page and "This directory service is closed for good, so it can no longer be changed." in page
    assert not Revision.objects.filter(status="pending").exists()


def test_a_service_form_shown_before_a_new_version_was_published_is_refused(
    provider_client, commissioner, pending_change, published_service, provider_org, trust
):
    from jointly.providers import services

    url = reverse("providers:service-edit", args=[provider_org.slug, published_service.uuid])
    version = _version(provider_client, url)
    # A commissioner publishes the earlier proposal while the provider is still editing.
    services.revision_approve(revision=pending_change, by=commissioner)
    page = provider_client.post(url, {**_service_answers(trust, name="My name"), "version": version}).content.decode()
    assert "There is a problem" in page and "Someone else changed this directory service while you were editing it" in page
    assert not Revision.objects.filter(status="pending").exists()
    published_service.refresh_from_db()
    assert published_service.name == "Young carers' club (new name)"


def test_every_problem_with_a_service_is_shown_at_once(provider_client, provider_org, trust):
    response = provider_client.post(
        reverse("providers:service-add", args=[provider_org.slug]),
        _service_answers(trust, other_area_codes="E06999999", cost="fee", fee_amount="-2", min_age="12", max_age="3", opens_at="", closes_at=""),
    )
    assert set(response.context["form"].errors) == {"area_codes", "fee_amount", "max_age", "opens_at"}
    assert not Revision.objects.exists()
