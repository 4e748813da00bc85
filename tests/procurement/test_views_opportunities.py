"""Role tests for every opportunity page: the right people in, another trust's people 404, others 403, anonymous to sign in;
the forms' happy paths and error summaries; query counts on the lists and the opportunity pages."""

import datetime
import posixpath

import pytest
from django.urls import reverse
from django.utils import timezone

from jointly.procurement.models import Clarification, Opportunity
from jointly.procurement.services import clarifications as clarification_services

from ..conftest import signed_in_client
from .opportunity_helpers import complete, draft, published

pytestmark = pytest.mark.django_db

VIEW_PAGES = ["", "{d}/"]
MANAGE_PAGES = [
    "../policy/",
    "create/",
    "{d}/edit/",
    "{d}/scale/",
    "{d}/conflicts/",
    "{d}/social-value/",
    "{d}/policy/",
    "{d}/publish/",
    "{d}/outcomes/add/",
    "{d}/lots/add/",
    "{d}/criteria/add/",
    "{d}/questions/add/",
    "{o}/extend/",
    "{o}/cancel/",
    "{o}/clarifications/{c}/",
]


@pytest.fixture
def records(trust, commissioner, provider_user):
    opened = published(trust, commissioner)
    asked = clarification_services.clarification_ask(opportunity=opened, by=provider_user, question="Sunrise asks: one lot?")
    return {"d": draft(trust, commissioner, title="Respite breaks, still a draft").pk, "o": opened.pk, "c": asked.pk, "opened": opened}


def _urls(trust, pages, records):
    # Every page ends in a slash; "../policy/" is the trust's policy, beside its opportunities.
    return [posixpath.normpath(f"/procurement/{trust.slug}/opportunities/" + page.format(**records)) + "/" for page in pages]


@pytest.mark.parametrize("who", ["commissioner", "administrator"])
def test_managers_open_every_staff_page(request, trust, records, who):
    client = signed_in_client(request.getfixturevalue(who))
    for url in _urls(trust, VIEW_PAGES + MANAGE_PAGES, records):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["analyst", "board_member", "regional_lead"])
def test_readers_see_but_cannot_change(request, trust, records, who):
    client = signed_in_client(request.getfixturevalue(who))
    for url in _urls(trust, VIEW_PAGES, records):
        assert client.get(url).status_code == 200, url
    for url in _urls(trust, MANAGE_PAGES, records):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"reason": "x", "title": "x"}).status_code == 403, url


@pytest.mark.parametrize("who", ["provider_user", "evaluator", "participant"])
def test_providers_and_others_are_forbidden_staff_pages(request, trust, records, who):
    client = signed_in_client(request.getfixturevalue(who))
    for url in _urls(trust, VIEW_PAGES + MANAGE_PAGES, records):
        assert client.get(url).status_code == 403, url


def test_another_trusts_commissioner_gets_not_found(other_commissioner_client, trust, records):
    for url in _urls(trust, VIEW_PAGES + MANAGE_PAGES, records):
        assert other_commissioner_client.get(url).status_code == 404, url


def test_anonymous_people_are_sent_to_sign_in(anonymous_client, trust, records):
    for url in _urls(trust, VIEW_PAGES + MANAGE_PAGES, records):
        response = anonymous_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in")), url


def test_another_trusts_opportunity_is_not_found_through_your_own_trust(commissioner_client, trust, other_trust, other_commissioner):
    theirs = draft(other_trust, other_commissioner)
    assert commissioner_client.get(f"/procurement/{trust.slug}/opportunities/{theirs.pk}/").status_code == 404


def test_creating_from_an_intention_then_publishing(commissioner_client, trust, commissioner):
    from .factories import IntentionFactory

    intention = IntentionFactory(trust=trust, title="Young carers")
    page = commissioner_client.get(f"/procurement/{trust.slug}/opportunities/create/?intention={intention.pk}")
    assert "Which routes are open to this procurement" in page.content.decode()
    closes = timezone.localdate() + datetime.timedelta(days=50)
    response = commissioner_client.post(
        f"/procurement/{trust.slug}/opportunities/create/",
        {
            "intention": intention.pk,
            "route": "open",
            "scale_max": "4",
            "closes_on_0": closes.day,
            "closes_on_1": closes.month,
            "closes_on_2": closes.year,
            "closes_time": "12:00",
        },
    )
    created = Opportunity.objects.get(intention=intention)
    assert response.status_code == 302 and response["Location"].endswith(f"/opportunities/{created.pk}/")
    detail = commissioner_client.get(response["Location"]).content.decode()
    assert "Record the conflicts assessment" in detail and "Before it can be published" in detail
    refused = commissioner_client.post(f"/procurement/{trust.slug}/opportunities/{created.pk}/publish/")
    body = refused.content.decode()
    assert refused.status_code == 200 and "There is a problem" in body and "Add the questions bidders answer" in body
    complete(created, commissioner)
    assert commissioner_client.post(f"/procurement/{trust.slug}/opportunities/{created.pk}/publish/").status_code == 302
    assert Opportunity.objects.get(pk=created.pk).status == Opportunity.Status.OPEN


def test_the_create_form_shows_every_error_at_once(commissioner_client, trust):
    response = commissioner_client.post(f"/procurement/{trust.slug}/opportunities/create/", {"closes_time": "25:99"})
    body = response.content.decode()
    assert "Select the intention" in body and "Select a route" in body


def test_a_criterion_beyond_100_is_refused_on_the_form(commissioner_client, trust, records):
    url = f"/procurement/{trust.slug}/opportunities/{records['d']}/criteria/add/"
    assert commissioner_client.post(url, {"title": "Quality", "kind": "quality", "weight": "80"}).status_code == 302
    body = commissioner_client.post(url, {"title": "Price", "kind": "price", "weight": "30"}).content.decode()
    assert "this one can carry at most 20%" in body


def test_removing_a_part_is_a_post(commissioner_client, trust, records):
    opportunity = Opportunity.objects.get(pk=records["d"])
    commissioner_client.post(f"/procurement/{trust.slug}/opportunities/{opportunity.pk}/outcomes/add/", {"text": "A", "measure": "B"})
    outcome = opportunity.outcomes.get()
    url = f"/procurement/{trust.slug}/opportunities/{opportunity.pk}/outcomes/{outcome.pk}/remove/"
    assert commissioner_client.get(url).status_code == 405
    assert commissioner_client.post(url).status_code == 302
    assert not opportunity.outcomes.exists()


def test_answering_publishes_without_the_asker(commissioner_client, anonymous_client, trust, records):
    url = f"/procurement/{trust.slug}/opportunities/{records['o']}/clarifications/{records['c']}/"
    assert "Sunrise asks: one lot?" in commissioner_client.get(url).content.decode()
    assert commissioner_client.post(url, {"published_question": "Can one bid cover one lot?", "answer": "Yes."}).status_code == 302
    public = anonymous_client.get(f"/opportunities/{trust.slug}/{records['o']}/").content.decode()
    assert "Can one bid cover one lot?" in public and "Sunrise" not in public
    assert Clarification.objects.get(pk=records["c"]).status == Clarification.Status.ANSWERED


def test_the_trust_policy_changes_only_with_a_reason(commissioner_client, trust):
    from jointly.procurement.models import LocalPolicy

    url = f"/procurement/{trust.slug}/policy/"
    body = commissioner_client.post(url, {"min_response_days": "50", "social_value_minimum": "120"}).content.decode()
    assert "Enter why the trust&#x27;s policy is changing" in body and "Enter a weighting between 0 and 100" in body
    assert not LocalPolicy.objects.filter(trust=trust).exists()
    assert commissioner_client.post(url, {"min_response_days": "50", "social_value_minimum": "15", "reason": "Board, May 2026"}).status_code == 302
    policy = LocalPolicy.objects.get(trust=trust)
    assert (policy.min_response_days, policy.social_value_minimum, policy.reason) == (50, 15, "Board, May 2026")


def test_extend_and_cancel(commissioner_client, trust, records):
    opened = records["opened"]
    later = timezone.localtime(opened.closes_at) + datetime.timedelta(days=5)
    url = f"/procurement/{trust.slug}/opportunities/{opened.pk}/extend/"
    body = commissioner_client.post(url, {"closes_on_0": later.day, "closes_on_1": later.month, "closes_on_2": later.year}).content.decode()
    assert "Enter why the deadline is extended" in body
    response = commissioner_client.post(
        url, {"closes_on_0": later.day, "closes_on_1": later.month, "closes_on_2": later.year, "closes_time": "17:00", "reason": "Half term"}
    )
    assert response.status_code == 302
    assert timezone.localdate(Opportunity.objects.get(pk=opened.pk).closes_at) == later.date()
    assert commissioner_client.post(f"/procurement/{trust.slug}/opportunities/{opened.pk}/cancel/", {"reason": "Need changed"}).status_code == 302
    assert Opportunity.objects.get(pk=opened.pk).status == Opportunity.Status.CANCELLED


# --- Public pages -------------------------------------------------------------


def test_the_public_list_shows_open_ones_only_and_filters(anonymous_client, trust, other_trust, commissioner, other_commissioner, records):
    theirs = published(other_trust, other_commissioner)
    body = anonymous_client.get("/opportunities/").content.decode()
    assert records["opened"].title in body and theirs.title in body
    assert Opportunity.objects.get(pk=records["d"]).title not in body
    only_ours = anonymous_client.get(f"/opportunities/?trust={trust.slug}").content.decode()
    assert records["opened"].title in only_ours and theirs.title not in only_ours
    assert records["opened"].title in anonymous_client.get("/opportunities/?suitable=vcse").content.decode()
    assert records["opened"].title not in anonymous_client.get("/opportunities/?route=light_touch").content.decode()
    assert records["opened"].title not in anonymous_client.get("/opportunities/?when=closed").content.decode()


def test_a_draft_has_no_public_page(anonymous_client, provider_client, trust, records):
    assert anonymous_client.get(f"/opportunities/{trust.slug}/{records['d']}/").status_code == 404
    assert provider_client.get(f"/opportunities/{trust.slug}/{records['d']}/").status_code == 404
    assert anonymous_client.get(f"/opportunities/other-trust/{records['o']}/").status_code == 404


def test_the_public_page_shows_everything_published(anonymous_client, trust, records):
    body = anonymous_client.get(f"/opportunities/{trust.slug}/{records['o']}/").content.decode()
    for text in (
        "Young carers are found early",
        "Referrals before age 12",
        "Lot 1: Plymouth",
        "60%",
        "Meaning of 4",
        "How will you find young carers?",
    ):
        assert text in body, text
    assert records["opened"].ocid in body


def test_asking_needs_an_account_and_a_question(anonymous_client, provider_client, trust, records):
    url = f"/opportunities/{trust.slug}/{records['o']}/ask/"
    assert anonymous_client.get(url).status_code == 302
    assert "Enter your question" in provider_client.post(url, {"question": ""}).content.decode()
    assert provider_client.post(url, {"question": "Is TUPE likely?"}).status_code == 302
    assert Clarification.objects.filter(question="Is TUPE likely?", status=Clarification.Status.ASKED).exists()


@pytest.mark.parametrize("how_many", [1, 4])
def test_lists_and_pages_take_a_fixed_number_of_queries(django_assert_max_num_queries, commissioner, anonymous_client, trust, how_many):
    # Measured at 7, 4, 7, 15 and 25 queries with one and with four opportunities: the same however many.
    client = signed_in_client(commissioner)
    for _ in range(how_many):
        published(trust, commissioner)
    unready = complete(draft(trust, commissioner), commissioner)
    one = Opportunity.objects.filter(trust=trust, status="open").first()
    with django_assert_max_num_queries(8):
        assert client.get(f"/procurement/{trust.slug}/opportunities/").status_code == 200
    with django_assert_max_num_queries(5):
        assert anonymous_client.get("/opportunities/").status_code == 200
    with django_assert_max_num_queries(8):
        assert anonymous_client.get(f"/opportunities/{trust.slug}/{one.pk}/").status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(f"/procurement/{trust.slug}/opportunities/{one.pk}/").status_code == 200
    # A draft's page checks every gate, as publishing would.
    with django_assert_max_num_queries(26):
        assert client.get(f"/procurement/{trust.slug}/opportunities/{unready.pk}/").status_code == 200
    with django_assert_max_num_queries(8):
        assert anonymous_client.get("/api/v1/procurement/opportunities").status_code == 200


def test_the_intention_pages_lead_to_their_opportunities(commissioner_client, anonymous_client, trust, records):
    opened = records["opened"]
    staff = commissioner_client.get(f"/plans/{trust.slug}/intentions/{opened.intention_id}/").content.decode()
    assert f"/procurement/{trust.slug}/opportunities/{opened.pk}/" in staff
    public = anonymous_client.get(f"/plans/{trust.slug}/forward-plan/{opened.intention_id}/").content.decode()
    assert f"/opportunities/{trust.slug}/{opened.pk}/" in public
    hidden = Opportunity.objects.get(pk=records["d"])
    public = anonymous_client.get(f"/plans/{trust.slug}/forward-plan/{hidden.intention_id}/").content.decode()
    assert hidden.title not in public


def test_home_work_counts_unready_drafts_and_unanswered_questions(commissioner, trust, records):
    from jointly.procurement.home import work

    tasks = {task.text: task.count for task in work(commissioner, trust)}
    assert tasks == {"Draft opportunities with gates still to pass": 1, "Clarification questions waiting for an answer": 1}


def test_home_work_counts_each_kind_of_unready_draft_in_one_query(django_assert_max_num_queries, commissioner, trust):
    from jointly.procurement.home import _short_of_a_gate
    from jointly.procurement.services import opportunities as services

    ready = complete(draft(trust, commissioner), commissioner)
    no_scale = complete(draft(trust, commissioner), commissioner)
    no_scale.scale.filter(score=3).delete()
    weights = complete(draft(trust, commissioner), commissioner)
    services.part_remove(opportunity=weights, by=commissioner, part="criteria", pk=weights.criteria.last().pk)
    bare = draft(trust, commissioner)
    with django_assert_max_num_queries(1):
        short = set(_short_of_a_gate(trust).values_list("pk", flat=True))
    assert short == {no_scale.pk, weights.pk, bare.pk} and ready.pk not in short


def test_home_work_for_providers_points_to_the_open_opportunities(provider_user, trust, records):
    from jointly.procurement.home import work

    (task,) = work(provider_user, trust)
    assert (task.text, task.href, task.count) == ("Opportunities open for bids", "/opportunities/", 1)
