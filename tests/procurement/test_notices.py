"""Transparency notices: which are needed, their drafts, their due dates and marking them published."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.procurement import notices
from jointly.procurement.models import Notice, Opportunity, RouteKind

from .factories import LotFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def _move(opportunity, status, **fields):
    # The opportunity services (issue 10, item 1) live on another branch: set the state as they would.
    Opportunity.objects.filter(pk=opportunity.pk).update(status=status, published_at=timezone.now(), **fields)
    return Opportunity.objects.get(pk=opportunity.pk)


def _kinds(opportunity):
    return [rule.kind for rule in notices.needed(opportunity)]


def test_a_competitive_procedure_needs_a_tender_notice_and_engagement_adds_uk2(trust):
    opportunity = OpportunityFactory(trust=trust, route=RouteKind.OPEN)
    assert _kinds(opportunity) == ["UK4"]
    opportunity.intention.engagement_starts_on = datetime.date(2026, 9, 1)
    assert _kinds(opportunity) == ["UK2", "UK4"]


def test_a_direct_award_needs_a_transparency_notice_not_a_tender_notice(trust):
    assert _kinds(OpportunityFactory(trust=trust, route=RouteKind.DIRECT_AWARD)) == ["UK5"]


def test_award_contract_details_and_termination_come_with_their_states(trust):
    opportunity = OpportunityFactory(trust=trust, route=RouteKind.OPEN)
    assert "UK6" in _kinds(_move(opportunity, Opportunity.Status.STANDSTILL))
    assert {"UK6", "UK7"} <= set(_kinds(_move(opportunity, Opportunity.Status.AWARDED)))
    assert _kinds(_move(opportunity, Opportunity.Status.CANCELLED)) == ["UK12"]


def test_drafts_come_from_the_opportunity_and_say_whether_each_lot_suits_smes_and_vcses(trust, commissioner):
    opportunity = OpportunityFactory(trust=trust, title="Young carers support")
    LotFactory(opportunity=opportunity, number=1, title="North", suitable_for_vcse=True)
    [uk4] = notices.notices_draft(opportunity=opportunity, by=commissioner)
    assert uk4.kind == "UK4" and uk4.content["Title"] == "Young carers support"
    assert uk4.content["Lot 1: North"] == "Suitable for VCSEs."
    again = notices.notices_draft(opportunity=opportunity, by=commissioner)
    assert [notice.pk for notice in again] == [uk4.pk]  # drafting twice makes no second notice


def test_the_contract_details_notice_is_due_30_days_after_signing_or_120_for_light_touch(trust, commissioner):
    opportunity = _move(OpportunityFactory(trust=trust, route=RouteKind.OPEN), Opportunity.Status.AWARDED)
    Opportunity.objects.filter(pk=opportunity.pk).update(light_touch=False)
    opportunity.refresh_from_db()
    uk7 = next(notice for notice in notices.notices_draft(opportunity=opportunity, by=commissioner) if notice.kind == "UK7")
    assert uk7.due_on is None
    signed = datetime.date(2027, 4, 1)
    assert notices.notice_set_clock(notice=uk7, by=commissioner, starts_on=signed).due_on == datetime.date(2027, 5, 1)
    Opportunity.objects.filter(pk=opportunity.pk).update(light_touch=True)
    uk7 = Notice.objects.get(pk=uk7.pk)
    assert notices.notice_set_clock(notice=uk7, by=commissioner, starts_on=signed).due_on == datetime.date(2027, 7, 30)


def test_a_notice_is_marked_published_once_with_a_real_date(trust, commissioner):
    [uk4] = notices.notices_draft(opportunity=OpportunityFactory(trust=trust), by=commissioner)
    with pytest.raises(FieldErrors):
        notices.notice_publish(notice=uk4, by=commissioner, published_on=timezone.localdate() + datetime.timedelta(days=1))
    published = notices.notice_publish(notice=uk4, by=commissioner, published_on=timezone.localdate(), platform_reference="CDP-123")
    assert published.status == "published" and published.platform_reference == "CDP-123"
    with pytest.raises(InvalidTransition):
        notices.notice_publish(notice=published, by=commissioner, published_on=timezone.localdate())


def test_the_dated_rules_in_force_are_those_of_the_day(trust):
    assert notices.rules_in_force(datetime.date(2024, 1, 1)) == {}
    assert set(notices.rules_in_force(datetime.date(2026, 1, 1))) == {"UK2", "UK4", "UK5", "UK6", "UK7", "UK12"}


def test_the_notices_pages_are_the_commissioners(
    trust, commissioner, commissioner_client, other_commissioner_client, provider_client, anonymous_client, django_assert_max_num_queries
):
    opportunity = OpportunityFactory(trust=trust)
    [uk4] = notices.notices_draft(opportunity=opportunity, by=commissioner)
    urls = [
        reverse("notices:list", args=[trust.slug]),
        reverse("notices:opportunity", args=[trust.slug, opportunity.pk]),
        reverse("notices:detail", args=[trust.slug, uk4.pk]),
    ]
    for url in urls:
        assert commissioner_client.get(url).status_code == 200, url
        assert other_commissioner_client.get(url).status_code == 404, url
        assert provider_client.get(url).status_code == 403, url
        assert anonymous_client.get(url).status_code == 302, url
    with django_assert_max_num_queries(14):
        commissioner_client.get(urls[0])
    today = timezone.localdate()
    response = commissioner_client.post(
        urls[2],
        {"form": "published", "published-published_on_0": today.day, "published-published_on_1": today.month, "published-published_on_2": today.year},
    )
    assert response.status_code == 302 and Notice.objects.get(pk=uk4.pk).status == "published"
    assert commissioner_client.post(urls[1]).status_code == 302
