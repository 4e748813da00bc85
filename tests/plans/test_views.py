"""Role tests for every page: the right people in, another trust's people get 404, others 403, anonymous to sign in."""

import pytest

from jointly.plans import services
from jointly.plans.models import CommissioningIntention, CostOption, MakeOrBuyAppraisal, PlanChange

from ..conftest import signed_in_client

pytestmark = pytest.mark.django_db

VIEW_PAGES = ["intentions/", "intentions/{i}/", "make-or-buy/", "make-or-buy/{a}/"]
MANAGE_PAGES = [
    "intentions/add/",
    "intentions/{i}/edit/",
    "intentions/{i}/publish/",
    "intentions/{i}/withdraw/",
    "make-or-buy/add/",
    "make-or-buy/{a}/options/add/",
    "make-or-buy/{a}/decide/",
]
PUBLIC_PAGES = ["forward-plan/", "forward-plan.csv", "forward-plan.atom", "forward-plan/subscribe/", "forward-plan/{p}/"]


@pytest.fixture
def records(trust, commissioner, draft, published_other):
    appraisal = services.appraisal_create(trust=trust, by=commissioner, service_name="Family support", unit_name="family")
    return {"i": draft.pk, "a": appraisal.pk, "p": published_other.pk}


@pytest.fixture
def published_other(trust, commissioner):
    from .conftest import make_intention

    return services.intention_publish(intention=make_intention(trust, commissioner, title="Open plan item"), by=commissioner)


def _urls(trust, pages, records):
    return [f"/plans/{trust.slug}/" + page.format(**records) for page in pages]


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
        response = client.get(url)
        assert response.status_code == 403, url


def test_another_trusts_commissioner_gets_not_found(other_commissioner_client, trust, records):
    for url in _urls(trust, VIEW_PAGES + MANAGE_PAGES, records):
        assert other_commissioner_client.get(url).status_code == 404, url


def test_records_of_another_trust_are_not_found_through_your_own_trust(commissioner_client, trust, other_trust, other_commissioner):
    from .conftest import make_intention

    theirs = make_intention(other_trust, other_commissioner)
    assert commissioner_client.get(f"/plans/{trust.slug}/intentions/{theirs.pk}/").status_code == 404
    appraisal = services.appraisal_create(trust=other_trust, by=other_commissioner, service_name="X", unit_name="y")
    assert commissioner_client.get(f"/plans/{trust.slug}/make-or-buy/{appraisal.pk}/").status_code == 404


def test_anonymous_people_are_sent_to_sign_in_from_staff_pages(anonymous_client, trust, records):
    for url in _urls(trust, VIEW_PAGES + MANAGE_PAGES, records):
        for method in ("get", "post"):
            response = getattr(anonymous_client, method)(url)
            assert response.status_code == 302 and response.url.startswith("/sign-in/?next="), url


def test_anonymous_people_read_the_public_pages(anonymous_client, trust, records):
    for url in _urls(trust, PUBLIC_PAGES, records) + [f"/plans/regions/{trust.region.slug}/forward-plan/"]:
        assert anonymous_client.get(url).status_code == 200, url


def test_staff_list_query_count(commissioner_client, trust, commissioner, django_assert_max_num_queries):
    from .conftest import make_intention

    for n in range(10):
        make_intention(trust, commissioner, title=f"Item {n}")
    with django_assert_max_num_queries(14):
        response = commissioner_client.get(f"/plans/{trust.slug}/intentions/")
    assert response.context["page_obj"].paginator.count == 10


def _date(prefix, day, month, year):
    return {f"{prefix}_0": day, f"{prefix}_1": month, f"{prefix}_2": year}


def test_a_commissioner_drafts_publishes_changes_and_withdraws(commissioner_client, trust, priority):
    data = {
        "title": "Speech and language support",
        "kind": "commission",
        "route": "competitive_flexible",
        "priorities": [priority.pk],
        "estimated_annual_value": "120,000",
        "total_value": "£360,000",
        "light_touch": "on",
        **_date("engagement_starts_on", 1, 2, 2027),
        **_date("tender_opens_on", 1, 4, 2027),
        **_date("award_on", 1, 7, 2027),
        **_date("service_starts_on", 1, 10, 2027),
    }
    response = commissioner_client.post(f"/plans/{trust.slug}/intentions/add/", data)
    intention = CommissioningIntention.objects.get()
    assert response.status_code == 302 and response.url == f"/plans/{trust.slug}/intentions/{intention.pk}/"
    assert (intention.total_value, intention.value_band, list(intention.priorities.all())) == (360000, "below_threshold", [priority])
    assert commissioner_client.post(f"/plans/{trust.slug}/intentions/{intention.pk}/publish/").status_code == 302
    data["total_value"] = "700000"
    commissioner_client.post(f"/plans/{trust.slug}/intentions/{intention.pk}/edit/", data)
    intention.refresh_from_db()
    assert (intention.status, intention.version, intention.value_band) == ("published", 2, "above_threshold")
    response = commissioner_client.post(f"/plans/{trust.slug}/intentions/{intention.pk}/withdraw/", {"reason": ""})
    assert "Enter why the intention is withdrawn" in response.content.decode()
    commissioner_client.post(f"/plans/{trust.slug}/intentions/{intention.pk}/withdraw/", {"reason": "The service moved in-house"})
    intention.refresh_from_db()
    assert intention.status == "withdrawn"
    assert list(PlanChange.objects.values_list("kind", flat=True)) == ["published", "changed", "withdrawn"]
    history = commissioner_client.get(f"/history/plans.commissioningintention/{intention.pk}/")
    assert history.status_code == 200 and "The service moved in-house" in history.content.decode()


def test_the_form_shows_dates_out_of_order_with_the_other_mistakes(commissioner_client, trust):
    data = {
        "title": "",
        "kind": "commission",
        "route": "open",
        "estimated_annual_value": "-1",
        "total_value": "100",
        **_date("tender_opens_on", 1, 4, 2027),
        **_date("award_on", 1, 2, 2027),
    }
    html = commissioner_client.post(f"/plans/{trust.slug}/intentions/add/", data).content.decode()
    assert "There is a problem" in html and "Enter a title for the intention" in html
    data["title"] = "Something"
    html = commissioner_client.post(f"/plans/{trust.slug}/intentions/add/", data).content.decode()
    assert "Enter the estimated annual value as £0 or more" in html
    assert "The date the contract is awarded must be on or after the date the tender opens" in html
    assert not CommissioningIntention.objects.exists()


def test_make_or_buy_through_the_pages(commissioner_client, commissioner, trust):
    commissioner_client.post(f"/plans/{trust.slug}/make-or-buy/add/", {"service_name": "Family support", "unit_name": "family supported for a year"})
    appraisal = MakeOrBuyAppraisal.objects.get()
    base = f"/plans/{trust.slug}/make-or-buy/{appraisal.pk}/"
    commissioner_client.post(
        base + "options/add/",
        {
            "name": "Council team",
            "kind": "in_house",
            "units_per_year": "50",
            "direct_costs": "100000",
            "premises_cost": "50000",
            "premises_total": "20",
            "premises_service": "4",
            "central_cost": "30000",
            "central_total": "10000",
            "central_service": "2500",
        },
    )
    response = commissioner_client.post(base + "options/add/", {"name": "Bid", "kind": "in_house", "units_per_year": "50", "quoted_full_cost": "1"})
    assert "Count an in-house service with full cost recovery" in response.content.decode()
    response = commissioner_client.post(
        base + "options/add/",
        {
            "name": "Bid",
            "kind": "external",
            "units_per_year": "50",
            "direct_costs": "1",
            "governance_cost": "10",
            "governance_total": "1",
            "governance_service": "2",
        },
    )
    assert "cannot be more than the organisation" in response.content.decode()
    commissioner_client.post(base + "options/add/", {"name": "VCS bid", "kind": "external", "units_per_year": "50", "quoted_full_cost": "110000"})
    html = commissioner_client.get(base).content.decode()
    assert "£117,500.00" in html and "£2,350.00" in html and "£2,200.00" in html
    commissioner_client.post(base + "decide/", {"decision": "external", "reasons": "Lower full cost per family and local reach"})
    appraisal.refresh_from_db()
    assert (appraisal.status, appraisal.decision, appraisal.decided_by) == ("decided", "external", commissioner)
    assert CostOption.objects.count() == 2


def test_two_people_changing_one_intention_cannot_overwrite_each_other(commissioner_client, commissioner, trust):
    import re

    from .conftest import make_intention

    intention = make_intention(trust, commissioner, title="Family support")
    edit_url = f"/plans/{trust.slug}/intentions/{intention.pk}/edit/"
    version = re.search(r'name="version" value="([0-9a-f]+)"', commissioner_client.get(edit_url).content.decode()).group(1)
    data = {
        "title": "Family support",
        "kind": intention.kind,
        "route": intention.route,
        "estimated_annual_value": "250000",
        "total_value": "750000",
        "version": version,
    }
    # Someone else saves first, from a form they opened at the same time.
    assert commissioner_client.post(edit_url, {**data, "description": "Their change"}).status_code == 302
    html = commissioner_client.post(edit_url, {**data, "description": "My change"}).content.decode()
    assert "There is a problem" in html and "Someone else changed this commissioning intention while you were editing it" in html
    intention.refresh_from_db()
    assert intention.description == "Their change"
