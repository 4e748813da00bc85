"""The supplier passport in a bid: the opportunity asks only what the passport does not hold by its closing date."""

import datetime

import pytest
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.procurement.models import Bid, Opportunity
from jointly.procurement.services import bids as services
from jointly.procurement.services import opportunities as opportunity_services

from ..factories import OrganisationFactory
from ..passport.conftest import complete, insurance
from .bids_helpers import complete_bid, open_opportunity

pytestmark = pytest.mark.django_db
STANDARD = ["core", "ppon", "policy:safeguarding", "insurance:public_liability"]


@pytest.fixture
def opportunity(trust):
    return open_opportunity(trust=trust, passport_requirements=STANDARD)


def test_a_bid_from_an_organisation_with_no_passport_is_asked_for_what_it_lacks(opportunity, provider_user):
    bid = complete_bid(opportunity, provider_user)

    problems = services.bid_problems(bid)

    assert "Core information" in problems["passport"] and "PPON" in problems["passport"]
    with pytest.raises(FieldErrors) as refused:
        services.bid_submit(bid=bid, by=provider_user)
    assert set(refused.value.errors) == {"passport"}
    assert Bid.objects.get(pk=bid.pk).status == Bid.Status.DRAFT


def test_a_passport_that_holds_everything_asks_nothing_more(opportunity, provider_user, provider_org):
    complete(provider_org, today=timezone.localdate())
    bid = complete_bid(opportunity, provider_user)

    assert services.passport_problems(bid) == {}
    assert services.bid_submit(bid=bid, by=provider_user).status == Bid.Status.SUBMITTED


def test_an_item_that_expires_before_the_closing_date_is_asked_again(opportunity, provider_user, provider_org):
    today = timezone.localdate()
    complete(provider_org, today=today)
    closing = timezone.localtime(opportunity.closes_at).date()
    insurance(provider_org, "public_liability", expires_on=closing - datetime.timedelta(days=1), today=today)
    bid = complete_bid(opportunity, provider_user)

    assert "Public liability" in services.passport_problems(bid)["passport"]
    assert "expired on" in services.passport_problems(bid)["passport"]


def test_an_opportunity_asking_nothing_of_the_passport_asks_nothing(trust, provider_user):
    bid = complete_bid(open_opportunity(trust=trust, passport_requirements=[]), provider_user)

    assert services.passport_problems(bid) == {}


def test_a_consortium_members_gaps_are_shown_but_do_not_bar_the_bid(opportunity, provider_user, provider_org):
    complete(provider_org, today=timezone.localdate())
    bid = complete_bid(opportunity, provider_user)
    member = OrganisationFactory()
    services.consortium_member_add(bid=bid, by=provider_user, organisation=member, role="Sessions", work_share="20", money_share="20")
    services.consortium_lead_role_save(bid=bid, by=provider_user, lead_role="Leads")

    gaps = services.member_passport_gaps(bid)

    assert [gap.key for gap in gaps[member]] == ["core", "ppon", "policy:safeguarding", "insurance:public_liability"]
    assert services.bid_submit(bid=bid, by=provider_user).status == Bid.Status.SUBMITTED


def test_a_new_opportunity_asks_the_usual_passport_set_and_refuses_unknown_parts(trust, commissioner):
    from .factories import IntentionFactory

    opportunity = opportunity_services.opportunity_create(intention=IntentionFactory(trust=trust), by=commissioner, route="open")
    assert "policy:safeguarding" in opportunity.passport_requirements

    with pytest.raises(FieldErrors) as refused:
        opportunity_services.opportunity_update(opportunity=opportunity, by=commissioner, passport_requirements=["policy:astrology"])
    assert "policy:astrology" in refused.value.errors["passport_requirements"]
    assert Opportunity.objects.get(pk=opportunity.pk).passport_requirements == opportunity.passport_requirements
