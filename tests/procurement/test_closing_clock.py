"""The closing clock: open opportunities past their closing time move to evaluation, once; the seal then breaks."""

import datetime

import pytest
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.core.scheduling import for_each_due, registered_jobs
from jointly.procurement import tasks
from jointly.procurement.models import Opportunity
from jointly.procurement.sealing import BidsSealed, is_sealed, unsealed_bids
from jointly.procurement.services import bids as services

from .bids_helpers import complete_bid, open_opportunity, set_state

pytestmark = pytest.mark.django_db


def _closings(opportunity):
    return AuditEntry.objects.filter(object_type="procurement.opportunity", object_id=str(opportunity.pk), action="transition").count()


def test_the_job_is_registered():
    assert "jointly.procurement.tasks.close_opportunities_at_closing_time" in {job.name for job in registered_jobs()}


def test_closes_only_what_is_due_exactly_once(trust, provider_user):
    due = open_opportunity(trust=trust)
    bid = services.bid_submit(bid=complete_bid(due, provider_user), by=provider_user)
    set_state(due, closes_at=timezone.now() - datetime.timedelta(minutes=1))
    not_yet = open_opportunity(trust=trust)
    draft = set_state(open_opportunity(trust=trust), status=Opportunity.Status.DRAFT, closes_at=timezone.now() - datetime.timedelta(days=1))
    assert is_sealed(due)  # the time has passed but the status has not moved: still sealed

    assert tasks.close_opportunities_at_closing_time() == "1 opportunities closed for bids"
    assert tasks.close_opportunities_at_closing_time() == "0 opportunities closed for bids"

    due.refresh_from_db()
    assert due.status == Opportunity.Status.EVALUATION and _closings(due) == 1
    entry = AuditEntry.objects.get(object_type="procurement.opportunity", object_id=str(due.pk), action="transition")
    assert entry.actor is None and "unsealed" in entry.reason
    assert Opportunity.objects.get(pk=not_yet.pk).status == "open" and Opportunity.objects.get(pk=draft.pk).status == "draft"
    assert not is_sealed(due) and list(unsealed_bids(due)) == [bid]


def test_an_opportunity_whose_closing_time_moved_later_is_not_closed_by_a_stale_read(trust):
    opportunity = set_state(open_opportunity(trust=trust), closes_at=timezone.now() - datetime.timedelta(minutes=1))
    now = timezone.now()
    read = list(tasks.opportunities_past_closing(now=now))
    # Between the job's read and its write, the closing time is extended: the locked row says not yet.
    set_state(opportunity, closes_at=timezone.now() + datetime.timedelta(days=3))
    outcome = for_each_due(read, lambda item: tasks.opportunity_close(item, now=now) and None)
    assert outcome.done == 0 and len(outcome.refused) == 1
    assert Opportunity.objects.get(pk=opportunity.pk).status == "open"


def test_a_cancelled_procurement_never_opens_its_bids(trust, provider_user):
    opportunity = open_opportunity(trust=trust)
    services.bid_submit(bid=complete_bid(opportunity, provider_user), by=provider_user)
    set_state(opportunity, status=Opportunity.Status.CANCELLED, closes_at=timezone.now() - datetime.timedelta(days=1))
    tasks.close_opportunities_at_closing_time()
    opportunity.refresh_from_db()
    assert opportunity.status == "cancelled" and is_sealed(opportunity)
    with pytest.raises(BidsSealed, match="cancelled"):
        unsealed_bids(opportunity)
