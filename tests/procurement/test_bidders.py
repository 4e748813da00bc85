"""The bidders' view: what fits a provider, its bids and feedback, rating the process once after closing,
and the trust's list of ratings; for every kind of person."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jointly.core.errors import NON_FIELD, FieldErrors
from jointly.needs.models import OutcomeArea
from jointly.procurement import bidders
from jointly.procurement.models import Bid, Opportunity, ProcessRating
from jointly.procurement.services.ratings import rating_record
from jointly.providers.models import DirectoryService, ServiceOutcome
from jointly.providers.taxonomy import Approach, Tier
from tests.conftest import signed_in_client
from tests.factories import AreaFactory

from .factories import BidFactory, IntentionFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def outcome(slug):
    return OutcomeArea.objects.get(slug=slug, trust=None)


def serve(organisation, *, outcome_slug="stay-safe", areas=()):
    service = DirectoryService.objects.create(
        organisation=organisation, name="Young carers' groups", description="Weekly groups.", tier=Tier.TARGETED, approach=Approach.PREVENTION
    )
    ServiceOutcome.objects.create(service=service, outcome=outcome(outcome_slug))
    service.areas.set(areas)
    return service


def opened(opportunity, *, closes_in=datetime.timedelta(days=30)):
    # The opportunities' own services publish; here only the state the bidders' view reads is set.
    Opportunity.objects.filter(pk=opportunity.pk).update(status=Opportunity.Status.OPEN, closes_at=timezone.now() + closes_in)
    return Opportunity.objects.get(pk=opportunity.pk)


def closed(opportunity, status=Opportunity.Status.EVALUATION):
    Opportunity.objects.filter(pk=opportunity.pk).update(status=status, closes_at=timezone.now() - datetime.timedelta(days=1))
    return Opportunity.objects.get(pk=opportunity.pk)


def opportunity_for(trust, outcome_slug=None, **kwargs):
    intention = IntentionFactory(trust=trust, outcome_area=outcome(outcome_slug) if outcome_slug else None)
    return OpportunityFactory(trust=trust, intention=intention, **kwargs)


def test_an_open_opportunity_fits_on_the_outcome_and_the_place(provider_org, trust, other_trust):
    ward = AreaFactory(kind="ward", parent=trust.area)
    serve(provider_org, outcome_slug="stay-safe", areas=[ward])
    fits = opened(opportunity_for(trust, "stay-safe"))
    any_outcome = opened(opportunity_for(trust))
    elsewhere = opened(opportunity_for(other_trust, "stay-safe"))
    other_outcome = opened(opportunity_for(trust, "be-healthy"))
    draft = opportunity_for(trust, "stay-safe")
    past = opened(opportunity_for(trust, "stay-safe"), closes_in=-datetime.timedelta(hours=1))
    assert list(bidders.open_opportunities(provider_org)) == [fits, any_outcome]  # soonest closing first
    every = set(bidders.open_opportunities(provider_org, every=True))
    assert {fits, any_outcome, elsewhere, other_outcome} <= every and not {draft, past} & every


def test_with_nothing_in_the_directory_nothing_is_said_to_fit(provider_org, trust):
    opened(opportunity_for(trust, "stay-safe"))
    assert not bidders.fit_of(provider_org).known
    assert list(bidders.open_opportunities(provider_org)) == []
    assert len(bidders.open_opportunities(provider_org, every=True)) == 1


def test_upcoming_intentions_are_those_in_the_forward_plan_not_yet_published_as_opportunities(provider_org, trust):
    serve(provider_org, areas=[trust.area])
    today = timezone.localdate()
    coming = IntentionFactory(trust=trust, outcome_area=outcome("stay-safe"), tender_opens_on=today + datetime.timedelta(days=90))
    published = IntentionFactory(trust=trust, tender_opens_on=today + datetime.timedelta(days=60))
    opened(OpportunityFactory(trust=trust, intention=published))
    IntentionFactory(trust=trust, tender_opens_on=today - datetime.timedelta(days=1))
    IntentionFactory(trust=trust, status="draft", tender_opens_on=today + datetime.timedelta(days=30))
    assert list(bidders.upcoming_intentions(provider_org)) == [coming]


def test_bids_are_the_organisations_own_and_rating_is_offered_once_closed(provider_org, other_provider_org, trust):
    open_one = opened(opportunity_for(trust))
    done = closed(opportunity_for(trust))
    BidFactory(opportunity=open_one, organisation=provider_org)
    BidFactory(opportunity=done, organisation=provider_org, status=Bid.Status.SUBMITTED)
    BidFactory(opportunity=done, organisation=other_provider_org)
    lines = {line.bid.opportunity: line for line in bidders.bids_of(provider_org)}
    assert set(lines) == {open_one, done}
    assert (lines[open_one].can_rate, lines[done].can_rate) == (False, True)


def test_rating_the_process_once_after_closing(provider_org, provider_user, other_provider_org, trust):
    open_one = opened(opportunity_for(trust))
    BidFactory(opportunity=open_one, organisation=provider_org)
    with pytest.raises(FieldErrors) as refused:
        rating_record(opportunity=open_one, organisation=provider_org, by=provider_user, rating=4)
    assert refused.value.errors[NON_FIELD] == "You can rate the process once the opportunity has closed"
    done = closed(open_one, Opportunity.Status.AWARDED)
    with pytest.raises(FieldErrors) as refused:
        rating_record(opportunity=done, organisation=provider_org, by=provider_user, rating=6, comment="x" * 2001)
    assert set(refused.value.errors) == {"rating", "comment"}
    rating = rating_record(opportunity=done, organisation=provider_org, by=provider_user, rating=2, comment="Too little time.")
    assert (rating.rating, rating.comment) == (2, "Too little time.")
    with pytest.raises(FieldErrors) as refused:
        rating_record(opportunity=done, organisation=provider_org, by=provider_user, rating=5)
    assert "already rated" in refused.value.errors[NON_FIELD]
    with pytest.raises(FieldErrors) as refused:
        rating_record(opportunity=done, organisation=other_provider_org, by=None, rating=5)
    assert refused.value.errors[NON_FIELD] == "Only organisations that bid can rate the process of an opportunity"


# --- Pages --------------------------------------------------------------------


@pytest.fixture
def bidding(provider_org, trust):
    serve(provider_org, areas=[trust.area])
    open_one = opened(opportunity_for(trust, "stay-safe", title="Young carers support"))
    done = closed(opportunity_for(trust, title="Short breaks"))
    BidFactory(opportunity=done, organisation=provider_org, status=Bid.Status.SUBMITTED)
    return open_one, done


@pytest.mark.parametrize(
    ("who", "status"),
    [("provider_user", 200), ("administrator", 200), ("other_provider_user", 404), ("commissioner", 404), ("other_commissioner", 404)],
)
def test_who_sees_an_organisations_bidders_view(request, provider_org, bidding, who, status, django_assert_max_num_queries):
    client = signed_in_client(request.getfixturevalue(who))
    with django_assert_max_num_queries(25):
        response = client.get(reverse("bidders:organisation", args=[provider_org.slug]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Young carers support" in html and "Short breaks" in html and "Rate the process" in html
        assert "Not complete" in html


def test_anonymous_people_are_asked_to_sign_in(client, provider_org, trust):
    for address in (reverse("bidders:organisation", args=[provider_org.slug]), reverse("bidders:trust-ratings", args=[trust.slug])):
        response = client.get(address)
        assert response.status_code == 302 and response.url.startswith("/sign-in/")


def test_the_bidders_home_shows_the_persons_organisation(provider_org, provider_client, commissioner_client, bidding):
    assert "Young carers support" in provider_client.get(reverse("bidders:home")).content.decode()
    assert commissioner_client.get(reverse("bidders:home")).status_code == 403


def test_rating_through_the_page(provider_org, provider_client, other_provider_client, bidding):
    _, done = bidding
    address = reverse("bidders:rate", args=[provider_org.slug, done.pk])
    response = provider_client.post(address, {})
    assert "Select a rating from 1" in response.content.decode()
    response = provider_client.post(address, {"rating": "3", "comment": "The clarifications helped."})
    assert response.status_code == 302
    assert ProcessRating.objects.get().rating == 3
    assert "Your organisation has already rated this process" in provider_client.get(address).content.decode()
    assert other_provider_client.get(address).status_code == 404


def test_an_opportunity_not_bid_for_is_not_the_organisations_to_rate(provider_org, provider_client, trust):
    done = closed(opportunity_for(trust))
    assert provider_client.get(reverse("bidders:rate", args=[provider_org.slug, done.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [("commissioner", 200), ("analyst", 200), ("board_member", 200), ("provider_user", 403), ("other_commissioner", 404), ("administrator", 200)],
)
def test_who_sees_the_trusts_ratings(request, provider_org, provider_user, trust, bidding, who, status, django_assert_max_num_queries):
    _, done = bidding
    rating_record(opportunity=done, organisation=provider_org, by=provider_user, rating=2, comment="Too little time to form a consortium.")
    client = signed_in_client(request.getfixturevalue(who))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("bidders:trust-ratings", args=[trust.slug]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Too little time to form a consortium." in html and "Short breaks" in html
        assert provider_org.name not in html  # shown without the rater's name


def test_a_trust_with_ratings_elsewhere_lists_none(other_trust, other_commissioner_client):
    response = other_commissioner_client.get(reverse("bidders:trust-ratings", args=[other_trust.slug]))
    assert "No process has been rated yet." in response.content.decode()
