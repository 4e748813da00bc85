"""The evaluation API is the panel's (after their own scores) and the procurement's managers';
awards are public once the standstill has ended."""

import datetime

import pytest

from jointly.procurement.services import award as award_services

from ..conftest import signed_in_client
from .evaluation_helpers import appoint, decided, declare_none, moderate_all, opportunity_in_evaluation, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(trust, commissioner, evaluator, analyst):
    evaluation = opportunity_in_evaluation(trust)
    moderator, conflicted = appoint(evaluation, commissioner, [(evaluator, "officer"), (analyst, "officer")])
    declare_none(moderator, evaluation)
    declare_none(conflicted, evaluation, conflicted_with=(evaluation.bids[1],))
    return evaluation


def test_the_evaluation_is_the_panels(evaluation, evaluator, analyst, commissioner, other_commissioner, provider_user, anonymous_client):
    url = f"/api/v1/procurement/opportunities/{evaluation.opportunity.pk}/evaluation"
    assert signed_in_client(evaluator).get(url).status_code == 403  # not yet submitted their own
    for member in evaluation.members:
        score_all(member, evaluation)
    moderate_all(evaluation.members[0], evaluation)
    body = signed_in_client(evaluator).get(url).json()
    assert [(r["organisation"], r["total"], r["rank"]) for r in body["results"]] == [
        ("Bidder 3", "77.50", 1),
        ("Bidder 1", "67.50", 2),
        ("Bidder 2", "65.50", 3),
    ]
    assert body["results"][0]["abnormally_low_price"].startswith("The price, £60,000.00, is below 80%")
    conflicted = signed_in_client(analyst).get(url).json()
    assert [r["organisation"] for r in conflicted["results"]] == ["Bidder 3", "Bidder 1"]
    assert signed_in_client(commissioner).get(url).status_code == 200
    assert signed_in_client(other_commissioner).get(url).status_code == 404
    assert signed_in_client(provider_user).get(url).status_code == 403
    assert anonymous_client.get(url).status_code == 401


def test_awards_are_public_once_awarded(evaluation, board_member, commissioner, anonymous_client, monkeypatch):
    for member in evaluation.members:
        score_all(member, evaluation)
    moderate_all(evaluation.members[0], evaluation)
    decision = decided(evaluation, board_member, winner=evaluation.bids[2])
    award_services.assessment_summaries_send(decision=decision, by=commissioner)
    award_services.award_notice_publish(decision=decision, by=commissioner, today=datetime.date(2026, 12, 18))
    award = decision.awards.get()
    assert anonymous_client.get("/api/v1/procurement/awards").json()["count"] == 0
    assert anonymous_client.get(f"/api/v1/procurement/awards/{award.pk}").status_code == 404
    award_services.award_conclude(decision=decision, today=datetime.date(2027, 1, 5))
    body = anonymous_client.get("/api/v1/procurement/awards").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["supplier"], item["value"], item["status"], item["ocid"]) == (
        "Bidder 3",
        "60000.00",
        "ready_for_contract",
        evaluation.opportunity.ocid,
    )
    assert anonymous_client.get(f"/api/v1/procurement/awards/{award.pk}").json()["standstill_ends_on"] == "2027-01-04"
