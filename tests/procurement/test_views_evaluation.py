"""Evaluation and award pages, for every role: the right person, a conflicted panel member, the
commissioner, another trust's user, a provider and the anonymous."""

import pytest
from django.urls import reverse

from jointly.accounts.models import Role
from jointly.procurement.models import AssessmentSummary, Opportunity, PanelMember, SelectionActivity
from jointly.procurement.services import award as award_services

from ..conftest import signed_in_client
from .evaluation_helpers import appoint, decided, declare_none, moderate_all, opportunity_in_evaluation, person, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(trust, commissioner, evaluator, analyst, board_member, other_commissioner, provider_user):
    """An opportunity in evaluation: the evaluator moderates; the analyst declared a conflict with the second bid."""
    evaluation = opportunity_in_evaluation(trust)
    moderator, conflicted = appoint(evaluation, commissioner, [(evaluator, PanelMember.Capacity.OFFICER), (analyst, PanelMember.Capacity.OFFICER)])
    declare_none(moderator, evaluation)
    declare_none(conflicted, evaluation, conflicted_with=(evaluation.bids[1],))
    clients = {
        "moderator": signed_in_client(evaluator),
        "conflicted": signed_in_client(analyst),
        "commissioner": signed_in_client(commissioner),
        "board": signed_in_client(board_member),
        "other trust": signed_in_client(other_commissioner),
        "provider": signed_in_client(provider_user),
        "bidder": signed_in_client(evaluation.bidders[0]),
    }
    return evaluation, clients


def _url(name, evaluation, *more):
    return reverse(f"evaluation:{name}", args=[evaluation.opportunity.pk, *more])


def _statuses(clients, url, method="get"):
    return {who: getattr(client, method)(url).status_code for who, client in clients.items()}


def _submitted(evaluation):
    for member in evaluation.members:
        score_all(member, evaluation)


def test_the_panel_page(world, client):
    evaluation, clients = world
    url = _url("panel", evaluation)
    assert _statuses(clients, url) == {
        "moderator": 403,
        "conflicted": 403,
        "commissioner": 200,
        "board": 403,
        "other trust": 404,
        "provider": 403,
        "bidder": 403,
    }
    assert client.get(url).status_code == 302  # anonymous: to sign in
    young = person(Role.PARTICIPANT, evaluation.opportunity.trust, full_name="Young Person")
    response = clients["commissioner"].post(url, {"person": young.pk, "capacity": "service_user"})
    assert response.status_code == 302
    assert PanelMember.objects.filter(person=young, capacity="service_user").exists()
    response = clients["commissioner"].post(url, {"person": "", "capacity": ""})
    assert "Select the person" in response.content.decode() or "Select a person" in response.content.decode()


def test_declarations_come_first_and_a_conflicted_member_cannot_open_the_bid(world, trust, commissioner, participant):
    evaluation, clients = world
    (newcomer,) = appoint(evaluation, commissioner, [(participant, PanelMember.Capacity.SERVICE_USER)])
    newcomer_client = signed_in_client(participant)
    bid = evaluation.bids[0]
    # Before declaring: no bid at all, and the scoring pages send them to the declarations.
    assert newcomer_client.get(_url("score-bid", evaluation, bid.pk)).status_code == 302
    assert newcomer_client.get(_url("scoring", evaluation))["Location"] == _url("declarations", evaluation)
    page = newcomer_client.get(_url("declarations", evaluation))
    assert page.status_code == 200 and "Bidder 3" in page.content.decode()
    refused = newcomer_client.post(_url("declarations", evaluation), {f"bid_{bid.pk}": "yes"})
    assert "Say what your conflict of interest with Bidder 1 is" in refused.content.decode()
    answers = {f"bid_{b.pk}": "no" for b in evaluation.bids}
    assert newcomer_client.post(_url("declarations", evaluation), answers).status_code == 302
    assert newcomer_client.get(_url("score-bid", evaluation, bid.pk)).status_code == 200

    url = _url("score-bid", evaluation, evaluation.bids[1].pk)
    statuses = _statuses(clients, url)
    assert statuses["moderator"] == 200
    assert statuses["conflicted"] == 403  # the declared conflict bars it
    assert "declared a conflict of interest" in clients["conflicted"].get(url).content.decode()
    assert {who: statuses[who] for who in ("commissioner", "board", "provider", "bidder")} == dict.fromkeys(
        ("commissioner", "board", "provider", "bidder"), 403
    )
    assert statuses["other trust"] == 404


def test_scoring_through_the_pages(world, django_assert_max_num_queries):
    evaluation, clients = world
    client = clients["moderator"]
    with django_assert_max_num_queries(25):
        page = client.get(_url("scoring", evaluation))
    assert page.status_code == 200
    bid = evaluation.bids[0]
    refused = client.post(_url("score-bid", evaluation, bid.pk), {f"score_{evaluation.quality.pk}": "9"})
    assert "Give the reason for the score for Quality of the service model" in refused.content.decode()
    saved = client.post(
        _url("score-bid", evaluation, bid.pk),
        {
            f"score_{evaluation.quality.pk}": "3",
            f"reason_{evaluation.quality.pk}": "Clear.",
            f"score_{evaluation.social_value.pk}": "2",
            f"reason_{evaluation.social_value.pk}": "Local.",
        },
    )
    assert saved.status_code == 302
    assert client.post(_url("scoring-submit", evaluation)).status_code == 302
    assert evaluation.members[0].scores.count() == 2
    assert PanelMember.objects.get(pk=evaluation.members[0].pk).scores_submitted_at is None  # still bids to score
    for who in ("commissioner", "provider"):
        assert clients[who].get(_url("scoring", evaluation)).status_code == 403
    assert clients["other trust"].get(_url("scoring", evaluation)).status_code == 404


def test_moderation_is_the_moderators(world):
    evaluation, clients = world
    _submitted(evaluation)
    for name, args in (("moderation", ()), ("moderate-bid", (evaluation.bids[0].pk,))):
        url = _url(name, evaluation, *args)
        statuses = _statuses(clients, url)
        assert statuses["moderator"] == 200
        assert {statuses[w] for w in ("conflicted", "commissioner", "board", "provider", "bidder")} == {403}
        assert statuses["other trust"] == 404
    response = clients["moderator"].post(
        _url("moderate-bid", evaluation, evaluation.bids[0].pk),
        {f"score_{evaluation.quality.pk}": "3", f"reason_{evaluation.quality.pk}": "Agreed.", f"score_{evaluation.social_value.pk}": "2"},
    )
    assert "Give the reason for the score for Social value" in response.content.decode()


def test_the_summary_shows_the_arithmetic_to_those_who_may_see_it(world, client, django_assert_max_num_queries):
    evaluation, clients = world
    url = _url("summary", evaluation)
    # Independence: a panel member who has not submitted is sent to their scoring.
    assert clients["moderator"].get(url).status_code == 302
    _submitted(evaluation)
    moderate_all(evaluation.members[0], evaluation)
    statuses = _statuses(clients, url)
    assert statuses == {
        "moderator": 200,
        "conflicted": 200,
        "commissioner": 200,
        "board": 200,
        "other trust": 404,
        "provider": 403,
        "bidder": 403,
    }
    assert client.get(url).status_code == 302
    with django_assert_max_num_queries(30):
        page = clients["commissioner"].get(url).content.decode()
    assert "3 ÷ 4 × 50 = 37.50" in page and "£60,000.00 (lowest price) ÷ £90,000.00 × 30 = 20.00" in page
    assert "Abnormally low price" in page
    conflicted_view = clients["conflicted"].get(url).content.decode()
    assert "Bidder 1" in conflicted_view and "Bidder 2" not in conflicted_view


def test_recording_service_users_part(world):
    evaluation, clients = world
    url = _url("activity-add", evaluation)
    assert _statuses(clients, url)["commissioner"] == 200
    assert clients["moderator"].get(url).status_code == 403
    import datetime

    today = datetime.date.today()
    response = clients["commissioner"].post(
        url,
        {
            "kind": "presentation",
            "bid": evaluation.bids[0].pk,
            "held_on_0": today.day,
            "held_on_1": today.month,
            "held_on_2": today.year,
            "who_took_part": "Four parents",
            "outcome": "They liked the evening drop-in.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert SelectionActivity.objects.get().bid == evaluation.bids[0]


def test_the_award_pages(world, board_member, commissioner):
    evaluation, clients = world
    _submitted(evaluation)
    moderate_all(evaluation.members[0], evaluation)
    url = _url("award-decide", evaluation)
    statuses = _statuses(clients, url)
    assert statuses["board"] == 200
    assert {statuses[w] for w in ("moderator", "conflicted", "commissioner", "provider", "bidder")} == {403}
    assert statuses["other trust"] == 404
    refused = clients["board"].post(url, {"standstill_days": "8"})
    assert "Give the reasons for the decision" in refused.content.decode()
    done = clients["board"].post(url, {"winner_0": evaluation.bids[2].pk, "reasons": "Highest score.", "standstill_days": "8"})
    assert done.status_code == 302
    evaluation.opportunity.refresh_from_db()
    assert evaluation.opportunity.status == Opportunity.Status.STANDSTILL

    award_url = _url("award", evaluation)
    statuses = _statuses(clients, award_url)
    assert statuses["commissioner"] == 200 and statuses["board"] == 200
    assert statuses["provider"] == 403 and statuses["other trust"] == 404
    assert clients["board"].post(_url("summaries-send", evaluation)).status_code == 403
    assert clients["commissioner"].post(_url("notice-publish", evaluation)).status_code == 302
    assert award_services.read.decision_for(evaluation.opportunity).notice_published_at is None  # summaries first
    clients["commissioner"].post(_url("summaries-send", evaluation))
    assert AssessmentSummary.objects.count() == 3


def test_a_bidder_sees_its_own_summary_and_no_one_elses(world, board_member, commissioner, client):
    evaluation, clients = world
    _submitted(evaluation)
    moderate_all(evaluation.members[0], evaluation)
    decision = decided(evaluation, board_member, winner=evaluation.bids[2])
    award_services.assessment_summaries_send(decision=decision, by=commissioner)
    own = AssessmentSummary.objects.get(bid=evaluation.bids[0])
    other = AssessmentSummary.objects.get(bid=evaluation.bids[1])
    page = clients["bidder"].get(reverse("evaluation:assessment-summary", args=[own.pk]))
    assert page.status_code == 200
    assert "The winning bid: Bidder 3" in page.content.decode()
    statuses = _statuses(clients, reverse("evaluation:assessment-summary", args=[other.pk]))
    assert statuses == {
        "moderator": 403,  # an evaluator's role does not see the procurement's records outside the panel
        "conflicted": 403,
        "commissioner": 200,
        "board": 200,
        "other trust": 404,
        "provider": 404,
        "bidder": 404,
    }
    assert client.get(reverse("evaluation:assessment-summary", args=[own.pk])).status_code == 302
    mine = clients["bidder"].get(reverse("evaluation:my-summaries")).content.decode()
    assert evaluation.opportunity.title in mine
    assert clients["commissioner"].get(reverse("evaluation:my-summaries")).status_code == 403


def test_before_the_closing_time_no_page_reads_a_bid(world):
    evaluation, clients = world
    Opportunity.objects.filter(pk=evaluation.opportunity.pk).update(status=Opportunity.Status.OPEN)
    assert clients["moderator"].get(_url("score-bid", evaluation, evaluation.bids[0].pk)).status_code == 403
    page = clients["commissioner"].get(_url("summary", evaluation)).content.decode()
    assert "The bids are sealed until the closing time" in page and "Bidder 1" not in page


def test_declaring_a_conflict_later_and_naming_a_moderator(world):
    evaluation, clients = world
    bid = evaluation.bids[0]
    url = _url("declare-conflict", evaluation, bid.pk)
    statuses = _statuses(clients, url)
    assert statuses["moderator"] == 200 and statuses["conflicted"] == 200
    assert _statuses(clients, _url("declare-conflict", evaluation, evaluation.bids[1].pk))["conflicted"] == 403
    assert {statuses[w] for w in ("commissioner", "board", "provider", "bidder")} == {403}
    assert statuses["other trust"] == 404
    refused = clients["conflicted"].post(url, {"details": ""})
    assert "Say what your conflict of interest with Bidder 1 is" in refused.content.decode()
    assert clients["conflicted"].post(url, {"details": "I used to work there."}).status_code == 302
    assert clients["conflicted"].get(_url("score-bid", evaluation, bid.pk)).status_code == 403

    second = evaluation.members[1]
    assert clients["moderator"].post(_url("panel-moderator", evaluation, second.pk)).status_code == 403
    assert clients["commissioner"].post(_url("panel-moderator", evaluation, second.pk)).status_code == 302
    second.refresh_from_db()
    assert second.is_moderator
    assert clients["commissioner"].post(_url("panel-end", evaluation, second.pk)).status_code == 302
    second.refresh_from_db()
    assert second.ended_at is not None


def test_the_home_page_work_of_a_panel_member_and_a_bidder(world, trust, commissioner, participant, board_member):
    from jointly.procurement.home_evaluation import work

    evaluation, _ = world
    appoint(evaluation, commissioner, [(participant, PanelMember.Capacity.SERVICE_USER)])
    assert [t.text for t in work(participant, trust)] == [f"Declare your interests: {evaluation.opportunity.title}"]
    moderator = evaluation.members[0]
    assert [t.href for t in work(moderator.person, trust)] == [_url("scoring", evaluation)]
    assert work(evaluation.bidders[0], trust) == []
