"""The seal: before the closing time no one but the bidder reads a bid (administrators included), and every
refused attempt is recorded. Pages and the API are tested in test_views_bids and test_api_bids."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.http import Http404

from jointly.accounts.models import Assignment
from jointly.accounts.services import assignment_grant
from jointly.audit.models import AppendOnlyError
from jointly.procurement.models import Opportunity, SealAttempt
from jointly.procurement.sealing import BidsSealed, is_sealed, unsealed_bids
from jointly.procurement.selectors import bids as selectors
from jointly.procurement.services import bids as services
from tests.conftest import signed_in_client

from ..factories import UserFactory
from .bids_helpers import close_now, complete_bid, open_opportunity

pytestmark = pytest.mark.django_db


@pytest.fixture
def opportunity(trust):
    return open_opportunity(trust=trust)


@pytest.fixture
def bid(opportunity, provider_user):
    return services.bid_submit(bid=complete_bid(opportunity, provider_user), by=provider_user)


@pytest.fixture
def panel_member(trust, opportunity):
    person = UserFactory(role="evaluator", trusts=[trust])
    assignment_grant(person=person, kind=Assignment.Kind.PANEL_MEMBER, obj=opportunity)
    return person


def test_the_bidders_own_people_read_their_bid(bid, provider_user, trust, provider_org):
    colleague = UserFactory(role="provider_user", organisation=provider_org, trusts=[trust])
    for person in (provider_user, colleague):
        assert selectors.own_bid(person, bid.pk) == bid
    assert list(selectors.own_bids(colleague)) == [bid]
    assert not SealAttempt.objects.exists()


@pytest.mark.parametrize(
    "who, refusal",
    [
        ("commissioner", BidsSealed),
        ("administrator", BidsSealed),
        ("analyst", BidsSealed),
        ("board_member", BidsSealed),
        ("other_provider_user", Http404),
        ("panel_member", Http404),
        ("other_commissioner", Http404),
    ],
)
def test_everyone_else_is_refused_and_the_attempt_recorded(request, bid, who, refusal):
    person = request.getfixturevalue(who)
    with pytest.raises(refusal):
        selectors.own_bid(person, bid.pk)
    with pytest.raises(refusal):
        selectors.own_attachment(person, bid.pk, 1)
    assert not selectors.own_bids(person).filter(pk=bid.pk).exists()
    attempts = SealAttempt.objects.filter(by=person, bid=bid, opportunity=bid.opportunity)
    assert attempts.count() == 2 and attempts.first().channel == "page"


def test_unsealed_bids_refuses_and_records_until_the_clock_closes_the_opportunity(opportunity, bid, commissioner, administrator):
    with pytest.raises(BidsSealed, match="sealed until"):
        unsealed_bids(opportunity, by=administrator)
    assert SealAttempt.objects.get().by == administrator
    close_now(opportunity, status=Opportunity.Status.OPEN)  # time passed, status not moved: still sealed
    with pytest.raises(BidsSealed):
        unsealed_bids(opportunity, by=commissioner)
    close_now(opportunity)
    assert not is_sealed(opportunity) and list(unsealed_bids(opportunity, by=commissioner)) == [bid]
    assert SealAttempt.objects.count() == 2


def test_after_the_seal_the_bidders_pages_are_still_the_bidders_own(opportunity, bid, commissioner, other_provider_user):
    close_now(opportunity)
    with pytest.raises(PermissionDenied, match="evaluation pages"):
        selectors.own_bid(commissioner, bid.pk)
    with pytest.raises(Http404):
        selectors.own_bid(other_provider_user, bid.pk)
    assert not SealAttempt.objects.exists()


@pytest.mark.parametrize("who", ["administrator", "commissioner", "provider_user"])
def test_history_of_a_sealed_bid_is_withheld_and_the_look_recorded(request, bid, who):
    person = request.getfixturevalue(who)
    answer = bid.answers.first()
    for label, pk in (("procurement.bid", bid.pk), ("procurement.bidanswer", answer.pk), ("procurement.bidoverhead", bid.overheads.first().pk)):
        page = signed_in_client(person).get(f"/history/{label}/{pk}/")
        api = signed_in_client(person).get(f"/api/v1/history/{label}/{pk}")
        assert page.status_code in (403, 404) and api.status_code in (403, 404)
        for response in (page, api):
            body = response.content.decode()
            assert answer.text not in body and "118500" not in body and "118,500" not in body
    if who != "provider_user":  # the bidder may see its own bid; its role just has no history pages
        assert SealAttempt.objects.filter(by=person, channel="history").exists()


def test_the_seal_attempts_are_append_only(bid, commissioner):
    with pytest.raises(BidsSealed):
        selectors.own_bid(commissioner, bid.pk)
    attempt = SealAttempt.objects.get()
    with pytest.raises(AppendOnlyError):
        attempt.save()
    with pytest.raises(AppendOnlyError):
        attempt.delete()
    with pytest.raises(AppendOnlyError):
        SealAttempt.objects.update(what="nothing")
    with pytest.raises(AppendOnlyError):
        SealAttempt.objects.all().delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE procurement_sealattempt SET what = 'nothing'",
        "DELETE FROM procurement_sealattempt",
        "REPLACE INTO procurement_sealattempt (id, at, by_label, opportunity_id, channel, what) SELECT id, at, '', opportunity_id, 'x', 'y' FROM procurement_sealattempt",
    ],
    ids=["update", "delete", "replace"],
)
def test_the_database_refuses_changing_a_seal_attempt_behind_the_models_back(bid, commissioner, statement):
    if statement.startswith("REPLACE") and connection.vendor != "sqlite":
        statement = statement.replace("REPLACE INTO", "INSERT INTO") + " ON CONFLICT (id) DO UPDATE SET what = excluded.what"
    with pytest.raises(BidsSealed):
        selectors.own_bid(commissioner, bid.pk)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert SealAttempt.objects.get().channel != "x"


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_seal_attempts_and_puts_their_guard_back(commissioner, trust, provider_user):
    opportunity = open_opportunity(trust=trust)
    bid = complete_bid(opportunity, provider_user)
    with pytest.raises(BidsSealed):
        selectors.own_bid(commissioner, bid.pk)
    call_command("flush", interactive=False, verbosity=0)
    assert not SealAttempt.objects.exists()
    SealAttempt.objects.create(opportunity_id=1, channel="page", what="a bid")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM procurement_sealattempt")


def test_there_is_no_django_admin_to_read_bids_through(administrator_client):
    assert administrator_client.get("/admin/").status_code == 404
    assert administrator_client.get("/admin/procurement/bid/").status_code == 404
