"""Bids: start, answer (word limits), submit (every problem at once, receipt), withdraw, replace; late bids refused."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.procurement.models import Bid, Opportunity
from jointly.procurement.services import bids as services

from ..factories import OrganisationFactory, UserFactory
from .bids_helpers import complete_bid, open_opportunity, set_state
from .factories import LotFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def opportunity(trust):
    return open_opportunity(trust=trust)


def test_a_provider_starts_a_bid_for_its_own_organisation(opportunity, provider_user, provider_org):
    bid = services.bid_start(opportunity=opportunity, by=provider_user)
    assert (bid.status, bid.organisation, bid.created_by, bid.version) == ("draft", provider_org, provider_user, 1)
    with pytest.raises(FieldErrors, match="already has a bid"):
        services.bid_start(opportunity=opportunity, by=provider_user)


def test_only_provider_people_start_bids(opportunity, commissioner, administrator):
    for person in (commissioner, administrator):  # an administrator has no organisation to bid for
        with pytest.raises(PermissionDenied):
            services.bid_start(opportunity=opportunity, by=person)
    assert not Bid.objects.exists()


def test_an_opportunity_with_lots_needs_one_of_its_lots(opportunity, provider_user, trust):
    lot = LotFactory(opportunity=opportunity)
    other = LotFactory(opportunity=open_opportunity(trust=trust))
    with pytest.raises(FieldErrors) as refused:
        services.bid_start(opportunity=opportunity, by=provider_user)
    assert "lot" in refused.value.errors
    with pytest.raises(FieldErrors):
        services.bid_start(opportunity=opportunity, by=provider_user, lot=other)
    assert services.bid_start(opportunity=opportunity, by=provider_user, lot=lot).lot == lot


def test_answers_over_the_word_limit_are_refused_and_what_was_saved_is_kept(opportunity, provider_user):
    bid = services.bid_start(opportunity=opportunity, by=provider_user)
    first, second = opportunity.questions.all()
    services.bid_answers_save(bid=bid, by=provider_user, answers={first.pk: "Saved before.", second.pk: ""})
    with pytest.raises(FieldErrors) as refused:
        services.bid_answers_save(bid=bid, by=provider_user, answers={first.pk: "word " * 51, second.pk: "Fine."})
    assert refused.value.errors == {f"answer_{first.pk}": "Answer in 50 words or fewer: this answer has 51"}
    assert [answer.text for answer in bid.answers.all()] == ["Saved before."]


def test_submit_lists_every_problem_at_once(opportunity, provider_user):
    bid = services.bid_start(opportunity=opportunity, by=provider_user)
    first, second = opportunity.questions.all()
    with pytest.raises(FieldErrors) as refused:
        services.bid_submit(bid=bid, by=provider_user)
    assert set(refused.value.errors) == {f"answer_{first.pk}", f"answer_{second.pk}", "price", "direct_staff", "units", "unit_name"}
    assert Bid.objects.get(pk=bid.pk).status == "draft"


def test_an_optional_question_may_be_left(opportunity, provider_user):
    question = opportunity.questions.last()
    question.required = False
    question.save()
    bid = services.bid_start(opportunity=opportunity, by=provider_user)
    services.bid_answers_save(bid=bid, by=provider_user, answers={opportunity.questions.first().pk: "Yes."})
    assert set(services.bid_problems(bid)) == {"price", "direct_staff", "units", "unit_name"}


def test_submitting_gives_a_receipt_emailed_to_the_bidder(opportunity, provider_user, provider_org, django_capture_on_commit_callbacks):
    bid = complete_bid(opportunity, provider_user)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.bid_submit(bid=bid, by=provider_user)
    assert submitted.status == "submitted" and submitted.submitted_by == provider_user
    assert submitted.receipt.startswith(f"BID-{bid.pk}-1-") and len(submitted.receipt) == len(f"BID-{bid.pk}-1-") + 8
    assert abs(submitted.submitted_at - timezone.now()) < datetime.timedelta(minutes=1)
    [message] = mail.outbox
    assert sorted(message.to) == sorted({provider_user.email, provider_org.contact_email})
    assert submitted.receipt in message.body and opportunity.title in message.subject
    # Once submitted, the bid cannot be changed in place.
    with pytest.raises(InvalidTransition, match="replace it"):
        services.bid_answers_save(bid=submitted, by=provider_user, answers={})


def test_withdraw_with_or_without_a_reason(opportunity, provider_user):
    bid = services.bid_withdraw(bid=complete_bid(opportunity, provider_user), by=provider_user, reason="We cannot staff it")
    assert (bid.status, bid.withdrawn_reason) == ("withdrawn", "We cannot staff it")
    entry = AuditEntry.objects.filter(object_type="procurement.bid", object_id=str(bid.pk), action="transition").get()
    assert entry.reason == "We cannot staff it"
    # A withdrawn bid leaves room for a new one.
    again = complete_bid(opportunity, provider_user)
    assert services.bid_withdraw(bid=again, by=provider_user).withdrawn_reason == ""


def test_replace_drafts_a_copy_that_supersedes_the_old_only_when_submitted(opportunity, provider_user):
    old = services.bid_submit(bid=complete_bid(opportunity, provider_user), by=provider_user)
    new = services.bid_replace(bid=old, by=provider_user)
    assert (new.status, new.version, new.supersedes, new.price) == ("draft", 2, old, old.price)
    assert [a.text for a in new.answers.all()] == [a.text for a in old.answers.all()]
    assert {row.pool for row in new.overheads.all()} == {"premises", "central", "governance"}
    # Until the new version is submitted the old one stands; only one replacement at a time.
    assert Bid.objects.get(pk=old.pk).status == "submitted"
    with pytest.raises(InvalidTransition, match="already being drafted"):
        services.bid_replace(bid=old, by=provider_user)
    services.bid_answers_save(bid=new, by=provider_user, answers={opportunity.questions.first().pk: "A better answer."})
    services.bid_submit(bid=new, by=provider_user)
    old.refresh_from_db()
    assert old.status == "superseded" and old.answers.first().text == "We know the pastoral lead in every school."
    assert AuditEntry.objects.filter(object_type="procurement.bid", object_id=str(old.pk), action="transition").count() == 2
    assert Bid.objects.filter(opportunity=opportunity, status="submitted").get() == new


def test_another_organisations_people_cannot_touch_the_bid(opportunity, provider_user, other_provider_user):
    bid = complete_bid(opportunity, provider_user)
    for write in (
        lambda: services.bid_answers_save(bid=bid, by=other_provider_user, answers={}),
        lambda: services.bid_submit(bid=bid, by=other_provider_user),
        lambda: services.bid_withdraw(bid=bid, by=other_provider_user),
        lambda: services.bid_pricing_save(bid=bid, by=other_provider_user, price="1"),
    ):
        with pytest.raises(PermissionDenied):
            write()
    assert Bid.objects.get(pk=bid.pk).status == "draft"


@pytest.mark.parametrize("moved_on", [False, True], ids=["clock not run", "clock run"])
def test_late_bids_are_refused_by_the_write_whether_or_not_the_clock_ran(opportunity, provider_user, moved_on):
    draft = complete_bid(opportunity, provider_user)
    other_user = UserFactory(role="provider_user", organisation=OrganisationFactory())
    submitted = services.bid_submit(bid=complete_bid(opportunity, other_user), by=other_user)
    set_state(
        opportunity,
        closes_at=timezone.now() - datetime.timedelta(seconds=1),
        status=Opportunity.Status.EVALUATION if moved_on else None,
    )
    attempts = [
        lambda: services.bid_start(opportunity=opportunity, by=UserFactory(role="provider_user", organisation=OrganisationFactory())),
        lambda: services.bid_answers_save(bid=draft, by=provider_user, answers={}),
        lambda: services.bid_pricing_save(bid=draft, by=provider_user, price="1"),
        lambda: services.bid_submit(bid=draft, by=provider_user),
        lambda: services.bid_withdraw(bid=submitted, by=other_user),
        lambda: services.bid_replace(bid=submitted, by=other_user),
    ]
    for attempt in attempts:
        with pytest.raises(services.LateBid) as refused:
            attempt()
        assert ("closed for bids at" in str(refused.value)) or moved_on
    assert Bid.objects.get(pk=draft.pk).status == "draft" and Bid.objects.get(pk=submitted.pk).status == "submitted"
    assert Bid.objects.count() == 2


def test_the_deadline_is_the_databases_clock_on_the_locked_row(opportunity, provider_user, monkeypatch):
    # The application's clock says there is an hour to go; the database's (and the row's closing time) say it has passed.
    bid = complete_bid(opportunity, provider_user)
    set_state(opportunity, closes_at=timezone.now() - datetime.timedelta(seconds=5))
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() - datetime.timedelta(hours=1))
    with pytest.raises(services.LateBid):
        services.bid_submit(bid=bid, by=provider_user)


def test_the_demo_bids(trust, provider_user, other_provider_user, provider_org):
    from jointly.procurement.demo_bids import add_demo_bids

    opportunity = open_opportunity(trust=trust)
    submitted, draft = add_demo_bids(opportunity)
    assert submitted.status == "submitted" and submitted.members.count() == 1
    assert draft.status == "draft" and services.price_below_full_cost(draft) is not None
    assert add_demo_bids(set_state(open_opportunity(trust=trust), status="draft")) == []


def test_a_replacement_can_be_submitted_after_the_bid_it_replaces_was_withdrawn(opportunity, provider_user):
    old = services.bid_submit(bid=complete_bid(opportunity, provider_user), by=provider_user)
    new = services.bid_replace(bid=old, by=provider_user)
    services.bid_withdraw(bid=old, by=provider_user)
    assert services.bid_submit(bid=new, by=provider_user).status == "submitted"
    assert Bid.objects.get(pk=old.pk).status == "withdrawn"
