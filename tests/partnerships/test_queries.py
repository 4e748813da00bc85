"""List and profile pages cost the same number of queries however many rows they show."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jointly.partnerships.models import Body, Sector
from tests.factories import (
    BodyFactory,
    FilledSeatFactory,
    OrganisationFactory,
    PaperFactory,
    SeatFactory,
    TrustPartnerFactory,
    UserFactory,
)


def queries_for(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def add_bodies(trust, count):
    for _ in range(count):
        body = BodyFactory(trust=trust, kind=Body.Kind.BOARD)
        SeatFactory(body=body)
        holder = UserFactory(organisation=OrganisationFactory())
        FilledSeatFactory(body=body, holder=holder, holder_organisation=holder.organisation)
        FilledSeatFactory(
            body=body,
            sector=Sector.NHS,
            term_start=datetime.date.today(),
            term_end=datetime.date.today() + datetime.timedelta(days=20),
        )


def add_seats(body, count):
    forum = BodyFactory(trust=body.trust, kind=Body.Kind.VCS_FORUM)
    for _ in range(count):
        holder = UserFactory(organisation=OrganisationFactory())
        FilledSeatFactory(body=body, holder=holder, holder_organisation=holder.organisation, accountable_to=forum)
        SeatFactory(body=body, accountable_to=forum)
        PaperFactory(body=body)
        PaperFactory(body=body, confidential=True)


@pytest.mark.parametrize("who", ["commissioner_client", "provider_client"])
def test_organisation_list(request, who, settings, django_assert_max_num_queries):
    client = request.getfixturevalue(who)
    for _ in range(5):
        OrganisationFactory()
    few = queries_for(client, "/organisations/")
    for _ in range(40):
        OrganisationFactory()
    with django_assert_max_num_queries(few):
        response = client.get("/organisations/")
    assert len(response.context["page_obj"]) == settings.JOINTLY_PAGE_SIZE


def test_trust_page(commissioner_client, trust, django_assert_max_num_queries):
    add_bodies(trust, 2)
    for _ in range(2):
        TrustPartnerFactory(trust=trust)
    few = queries_for(commissioner_client, f"/partnerships/trusts/{trust.slug}/")
    add_bodies(trust, 15)
    for _ in range(20):
        TrustPartnerFactory(trust=trust)
    with django_assert_max_num_queries(few):
        response = commissioner_client.get(f"/partnerships/trusts/{trust.slug}/")
    assert len(response.context["bodies"]) == 17


@pytest.mark.parametrize("who", ["commissioner_client", "provider_client"])
def test_body_page(request, who, trust, django_assert_max_num_queries):
    client = request.getfixturevalue(who)
    body = BodyFactory(trust=trust, kind=Body.Kind.BOARD)
    path = f"/partnerships/trusts/{trust.slug}/bodies/{body.slug}/"
    add_seats(body, 2)
    few = queries_for(client, path)
    add_seats(body, 20)
    with django_assert_max_num_queries(few):
        response = client.get(path)
    assert len(response.context["seats"]) == 44


def test_representation_page(commissioner_client, trust, django_assert_max_num_queries):
    path = f"/partnerships/trusts/{trust.slug}/representation/"
    add_bodies(trust, 2)
    few = queries_for(commissioner_client, path)
    add_bodies(trust, 20)
    with django_assert_max_num_queries(few):
        response = commissioner_client.get(path)
    assert len(response.context["rows"]) == 22
    assert response.context["ending_count"] == 22


def test_region_list(commissioner_client, region, django_assert_max_num_queries):
    from tests.factories import TrustFactory

    TrustFactory(region=region)
    few = queries_for(commissioner_client, "/partnerships/")
    for _ in range(15):
        TrustFactory(region=region)
        TrustFactory()
    with django_assert_max_num_queries(few):
        commissioner_client.get("/partnerships/")


def test_organisation_page(commissioner_client, provider_org, trust, django_assert_max_num_queries):
    from tests.factories import TrustFactory

    few = queries_for(commissioner_client, f"/organisations/{provider_org.slug}/")
    for _ in range(10):
        TrustPartnerFactory(trust=TrustFactory(), organisation=provider_org)
    with django_assert_max_num_queries(few):
        commissioner_client.get(f"/organisations/{provider_org.slug}/")
