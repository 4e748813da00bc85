"""Every placements page, for the right person, another trust's, a provider, an analyst (CONTRACTS_VIEW is not
enough), the lead professional and someone signed out; the provider's view holds no personal data; views audited."""

import pytest
from django.urls import reverse

from jointly.audit.models import AuditEntry
from jointly.placements.models import PlacementRequest
from jointly.placements.services import assessments, requests
from tests.conftest import signed_in_client

from .conftest import make_budget, make_request, offer_from, record_assessment

pytestmark = pytest.mark.django_db


def _status(client, url):
    return client.get(url).status_code


@pytest.fixture
def analyst_client(analyst):
    return signed_in_client(analyst)


@pytest.fixture
def holder_client(participant):
    return signed_in_client(participant)


@pytest.fixture
def world(trust, commissioner, participant, framework, buyer, provider_user):
    """A DPIA, a budget held by a participant (the lead professional), a sent request of that budget with
    personal details and one offer, and a draft request of no budget."""
    record_assessment(trust, commissioner)
    budget = make_budget(trust, commissioner, participant, amount="50000")
    placement = make_request(trust, commissioner, framework, buyer, budget=budget)
    assessments.child_details_record(request=placement, by=commissioner, school="Hilltop Primary")
    placement = requests.request_send(request=placement, by=commissioner)
    offer_from(placement, provider_user)
    draft = make_request(trust, commissioner, framework, buyer)
    return {"budget": budget, "request": placement, "draft": draft}


def test_the_trust_pages_are_the_commissioners(
    world, trust, framework, commissioner_client, other_commissioner_client, provider_client, analyst_client, holder_client, anonymous_client
):
    slug = trust.slug
    urls = [
        reverse("placements:trust", args=[slug]),
        reverse("placements:framework-add", args=[slug]),
        reverse("placements:framework", args=[slug, framework.pk]),
        reverse("placements:framework-provider-add", args=[slug, framework.pk]),
        reverse("placements:framework-trust-add", args=[slug, framework.pk]),
        reverse("placements:assessment", args=[slug]),
        reverse("placements:request-add", args=[slug]),
        reverse("placements:budget-add", args=[slug]),
    ]
    for url in urls:
        assert _status(commissioner_client, url) == 200, url
        assert _status(other_commissioner_client, url) == 404, url
        assert _status(provider_client, url) == 403, url
        assert _status(analyst_client, url) == 403, url  # CONTRACTS_VIEW is not enough
        assert _status(holder_client, url) == 403, url  # a budget is not the trust
        assert anonymous_client.get(url).status_code == 302, url


def test_the_request_pages_are_the_commissioners_and_the_lead_professionals(
    world, commissioner_client, other_commissioner_client, provider_client, analyst_client, holder_client, anonymous_client
):
    placement, draft = world["request"], world["draft"]
    for pk, holder_status in ((placement.pk, 200), (draft.pk, 403)):
        for name in ("request", "request-edit", "child-details", "request-send", "request-choose", "request-end", "request-cancel"):
            url = reverse(f"placements:{name}", args=[pk])
            assert _status(commissioner_client, url) == 200, url
            assert _status(holder_client, url) == holder_status, url
            assert _status(other_commissioner_client, url) == 404, url
            assert _status(provider_client, url) == 403, url
            assert _status(analyst_client, url) == 403, url
            assert anonymous_client.get(url).status_code == 302, url


def test_the_budget_pages_are_the_holders_and_the_commissioners(
    world, commissioner_client, holder_client, other_commissioner_client, provider_client, analyst_client, anonymous_client
):
    budget = world["budget"]
    for url in (
        reverse("placements:budget", args=[budget.pk]),
        reverse("placements:budget-line-add", args=[budget.pk]),
        reverse("placements:budget-revise", args=[budget.pk]),
        reverse("placements:budget-request-add", args=[budget.pk]),
    ):
        assert _status(commissioner_client, url) == 200, url
        assert _status(holder_client, url) == 200, url
        assert _status(other_commissioner_client, url) == 404, url
        assert _status(provider_client, url) == 403, url
        assert _status(analyst_client, url) == 403, url
        assert anonymous_client.get(url).status_code == 302, url
    mine = holder_client.get(reverse("placements:my-budgets"))
    assert mine.status_code == 200 and budget.reference in mine.text
    assert budget.reference not in commissioner_client.get(reverse("placements:my-budgets")).text


def test_the_provider_pages_show_only_requests_sent_to_it_and_no_personal_data(
    world, trust, commissioner, framework, buyer, other_provider_user, provider_client, commissioner_client, anonymous_client
):
    placement = world["request"]
    not_mine = requests.request_send(
        request=make_request(trust, commissioner, framework, buyer), by=commissioner, organisations=[other_provider_user.organisation]
    )
    listing = provider_client.get(reverse("placements:provider-requests"))
    assert listing.status_code == 200 and placement.reference in listing.text and not_mine.reference not in listing.text
    page = provider_client.get(reverse("placements:provider-request", args=[placement.pk]))
    assert page.status_code == 200 and "A stable foster family near" in page.text and "Hilltop" not in page.text
    for url in (reverse("placements:provider-request", args=[not_mine.pk]), reverse("placements:offer", args=[not_mine.pk])):
        assert _status(provider_client, url) == 404, url
    for url in (
        reverse("placements:provider-requests"),
        reverse("placements:provider-request", args=[placement.pk]),
        reverse("placements:offer", args=[placement.pk]),
    ):
        assert _status(commissioner_client, url) == 403, url
        assert anonymous_client.get(url).status_code == 302, url


def test_every_view_of_a_request_with_personal_data_is_audited(world, commissioner, commissioner_client, holder_client):
    placement = world["request"]
    before = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_type="placements.childdetails").count()
    page = commissioner_client.get(reverse("placements:request", args=[placement.pk]))
    assert "Hilltop Primary" in page.text
    holder_client.get(reverse("placements:request", args=[placement.pk]))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_type="placements.childdetails").count() == before + 2


def test_a_request_is_made_sent_offered_on_and_chosen_without_javascript(
    trust, framework, buyer, commissioner_client, provider_client, provider_user, other_provider_user
):
    response = commissioner_client.post(
        reverse("placements:request-add", args=[trust.slug]),
        {
            "framework": framework.pk,
            "buyer": buyer.pk,
            "kind": "fostering",
            "needs": "A stable foster family.",
            "outcomes": "Stays at the same school.",
            "starts_on_0": "1",
            "starts_on_1": "9",
            "starts_on_2": "2030",
            "duration_weeks": "8",
            "weekly_budget": "£1,000",
        },
    )
    placement = PlacementRequest.objects.get()
    assert response.status_code == 302 and placement.weekly_budget == 1000
    refused = commissioner_client.post(reverse("placements:child-details", args=[placement.pk]), {"school": "Hilltop Primary"})
    assert refused.status_code == 200 and "data protection impact assessment" in refused.text and "govuk-error-summary" in refused.text

    orgs = [provider_user.organisation_id, other_provider_user.organisation_id]
    assert commissioner_client.post(reverse("placements:request-send", args=[placement.pk]), {"organisations": orgs}).status_code == 302
    offer_data = {"weekly_price": "900", "starts_on_0": "1", "starts_on_1": "9", "starts_on_2": "2030", "how_outcomes_met": "Near school."}
    assert provider_client.post(reverse("placements:offer", args=[placement.pk]), offer_data).status_code == 302
    offer = placement.offers.get()
    compared = commissioner_client.get(reverse("placements:request", args=[placement.pk]))
    assert "£900.00" in compared.text and "£7,200.00" in compared.text

    empty = commissioner_client.post(reverse("placements:request-choose", args=[placement.pk]), {})
    assert empty.status_code == 200 and "Select the offer chosen" in empty.text
    chosen = commissioner_client.post(
        reverse("placements:request-choose", args=[placement.pk]),
        {"offer": offer.pk, "reasons": "Near school.", "others_reason": "Another was nearer."},
    )
    assert chosen.status_code == 302
    placement.refresh_from_db()
    assert placement.status == PlacementRequest.Status.PLACED and placement.contract.status == "active"


def test_the_lists_take_a_fixed_number_of_queries(
    world, trust, commissioner, framework, buyer, commissioner_client, provider_client, holder_client, django_assert_max_num_queries
):
    for _ in range(3):
        requests.request_send(request=make_request(trust, commissioner, framework, buyer), by=commissioner)
    with django_assert_max_num_queries(16):
        assert commissioner_client.get(reverse("placements:trust", args=[trust.slug])).status_code == 200
    with django_assert_max_num_queries(12):
        assert provider_client.get(reverse("placements:provider-requests")).status_code == 200
    with django_assert_max_num_queries(12):
        assert holder_client.get(reverse("placements:my-budgets")).status_code == 200


def test_the_lead_professional_requests_for_their_child_and_sees_their_work(
    world, trust, framework, buyer, participant, holder_client, provider_user, commissioner
):
    from jointly.placements import home

    budget = world["budget"]
    response = holder_client.post(
        reverse("placements:budget-request-add", args=[budget.pk]),
        {
            "framework": framework.pk,
            "buyer": buyer.pk,
            "budget": budget.pk,
            "kind": "short_breaks",
            "needs": "Short breaks at weekends.",
            "outcomes": "The family copes; the child enjoys weekends.",
            "starts_on_0": "1",
            "starts_on_1": "9",
            "starts_on_2": "2030",
            "duration_weeks": "6",
            "weekly_budget": "300",
        },
    )
    made = PlacementRequest.objects.get(kind="short_breaks")
    assert response.status_code == 302 and made.budget == budget and made.created_by == participant
    assert holder_client.get(reverse("placements:request", args=[made.pk])).status_code == 200

    assert [task.count for task in home.work(participant, trust)] == [1]
    assert [task.count for task in home.work(provider_user, trust)] == [0]  # it has offered on the one sent to it
    assert [task.count for task in home.work(commissioner, trust)] == [1]


def test_a_sharing_trust_uses_the_framework_but_only_the_lead_changes_it(framework, region, commissioner):
    from jointly.accounts.models import Role
    from jointly.placements.services import frameworks
    from tests.conftest import _person
    from tests.factories import TrustFactory

    cornwall = TrustFactory(name="Cornwall Children's Trust", slug="cornwall", region=region)
    frameworks.framework_trust_add(framework=framework, trust=cornwall, by=commissioner)
    client = signed_in_client(_person(Role.COMMISSIONER, cornwall))
    assert client.get(reverse("placements:framework", args=["cornwall", framework.pk])).status_code == 200
    assert client.get(reverse("placements:framework-provider-add", args=["cornwall", framework.pk])).status_code == 403
    assert client.get(reverse("placements:framework-trust-add", args=["cornwall", framework.pk])).status_code == 403


def test_the_holder_revises_the_budget_on_its_page_and_is_told_the_figures_below_what_is_used(world, participant, holder_client):
    from decimal import Decimal

    from jointly.placements.models import BudgetLine
    from jointly.placements.services import budgets

    budget = world["budget"]
    budgets.budget_line_add(
        budget=budget, by=participant, kind=BudgetLine.Kind.SPEND, amount=Decimal("2000"), description="Breaks", on_date=budget.starts_on
    )
    url = reverse("placements:budget-revise", args=[budget.pk])
    assert url in holder_client.get(reverse("placements:budget", args=[budget.pk])).text
    low = holder_client.post(url, {"amount": "1500", "reason": "Less needed"})
    assert low.status_code == 200 and "govuk-error-summary" in low.text
    assert "cannot be less than £2,000.00: £0.00 is already committed and £2,000.00 spent" in low.text
    empty = holder_client.post(url, {})
    assert "Enter the new budget" in empty.text and "Enter why the budget is changed" in empty.text
    assert holder_client.post(url, {"amount": "£60,000", "reason": "The panel agreed a longer placement."}).status_code == 302
    page = holder_client.get(reverse("placements:budget", args=[budget.pk]))
    assert "Budget revised from £50,000.00 to £60,000.00: The panel agreed a longer placement." in page.text


def test_a_draft_request_is_changed_on_its_form_and_refused_once_sent(world, commissioner_client):
    draft, sent = world["draft"], world["request"]
    page = commissioner_client.get(reverse("placements:request", args=[draft.pk]))
    assert reverse("placements:request-edit", args=[draft.pk]) in page.text
    assert reverse("placements:request-edit", args=[sent.pk]) not in commissioner_client.get(reverse("placements:request", args=[sent.pk])).text
    form = commissioner_client.get(reverse("placements:request-edit", args=[draft.pk]))
    version = form.context["form"]["version"].initial
    data = {
        "framework": draft.framework_id,
        "buyer": draft.buyer_id,
        "kind": "short_breaks",
        "needs": "Short breaks at weekends.",
        "outcomes": draft.outcomes,
        "starts_on_0": "1",
        "starts_on_1": "9",
        "starts_on_2": "2030",
        "duration_weeks": "6",
        "weekly_budget": "300",
        "version": version,
    }
    assert "govuk-error-summary" in commissioner_client.post(reverse("placements:request-edit", args=[draft.pk]), {**data, "needs": ""}).text
    assert commissioner_client.post(reverse("placements:request-edit", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.kind, draft.duration_weeks) == ("short_breaks", 6)
    stale = commissioner_client.post(reverse("placements:request-edit", args=[draft.pk]), {**data, "duration_weeks": "7"})
    assert stale.status_code == 200 and "Someone else changed this placement request" in stale.text
    refused = commissioner_client.post(reverse("placements:request-edit", args=[sent.pk]), {**data, "framework": sent.framework_id, "version": ""})
    assert refused.status_code == 200 and "can no longer be changed" in refused.text


def test_only_the_offering_provider_withdraws_its_offer_while_the_request_is_open(
    world, commissioner, provider_client, other_provider_client, commissioner_client, other_commissioner_client, holder_client, anonymous_client
):
    from jointly.placements.models import Offer

    placement = world["request"]
    url = reverse("placements:offer-withdraw", args=[placement.pk])
    assert url in provider_client.get(reverse("placements:provider-request", args=[placement.pk])).text
    assert _status(provider_client, url) == 200
    assert _status(other_provider_client, url) == 404  # sent to it too, but the offer is not its own
    for staff in (commissioner_client, other_commissioner_client, holder_client):
        assert _status(staff, url) == 403, staff
        assert staff.post(url).status_code == 403
    assert anonymous_client.get(url).status_code == 302
    assert provider_client.post(url).status_code == 302
    assert Offer.objects.get(request=placement).status == Offer.Status.WITHDRAWN
    assert _status(provider_client, url) == 404  # nothing left to withdraw
