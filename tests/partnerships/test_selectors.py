"""Partnership reads: the representation check and the lists, narrowed to what a person may see."""

import datetime

import pytest

from jointly.partnerships import selectors
from jointly.partnerships.models import Body, Seat, Sector
from tests.factories import BodyFactory, FilledSeatFactory, OrganisationFactory, SeatFactory, TrustFactory, UserFactory

TODAY = datetime.date(2026, 5, 1)


def filled(body, *, sector=Sector.VCS, ends_in_days=300, **extra):
    return FilledSeatFactory(
        body=body,
        sector=sector,
        term_start=TODAY - datetime.timedelta(days=10),
        term_end=TODAY + datetime.timedelta(days=ends_in_days),
        **extra,
    )


def row_for(rows, body):
    [row] = [row for row in rows if row.body == body]
    return row


def test_a_planning_body_without_a_filled_vcs_seat_is_flagged(trust):
    board = BodyFactory(trust=trust, kind=Body.Kind.BOARD)
    SeatFactory(body=board, sector=Sector.VCS)  # vacant
    filled(board, sector=Sector.NHS)
    row = row_for(selectors.representation_for(trust=trust, today=TODAY), board)
    assert row.needs_vcs_seat and not row.has_vcs_seat
    assert row.missing_vcs and row.has_flags


def test_a_filled_vcs_seat_clears_the_flag(trust):
    group = BodyFactory(trust=trust, kind=Body.Kind.COMMISSIONING_GROUP)
    filled(group)
    row = row_for(selectors.representation_for(trust=trust, today=TODAY), group)
    assert row.has_vcs_seat and not row.missing_vcs
    assert not row.has_flags


@pytest.mark.parametrize("kind", [Body.Kind.VCS_FORUM, Body.Kind.SHADOW_BOARD])
def test_bodies_that_do_not_plan_or_commission_need_no_vcs_seat(trust, kind):
    forum = BodyFactory(trust=trust, kind=kind)
    row = row_for(selectors.representation_for(trust=trust, today=TODAY), forum)
    assert not row.needs_vcs_seat and not row.missing_vcs


@pytest.mark.parametrize("kind", Body.NEEDS_VCS_SEAT)
def test_every_planning_kind_needs_a_vcs_seat(trust, kind):
    body = BodyFactory(trust=trust, kind=kind)
    assert row_for(selectors.representation_for(trust=trust, today=TODAY), body).missing_vcs


def test_every_vacancy_is_listed(trust):
    board = BodyFactory(trust=trust, kind=Body.Kind.BOARD)
    first = SeatFactory(body=board, title="A seat")
    second = SeatFactory(body=board, title="B seat", sector=Sector.NHS)
    filled(board)
    row = row_for(selectors.representation_for(trust=trust, today=TODAY), board)
    assert row.vacancies == [first, second]


@pytest.mark.parametrize(("days", "flagged"), [(0, True), (1, True), (59, True), (60, True), (61, False), (200, False)])
def test_terms_ending_within_sixty_days_are_flagged(trust, days, flagged):
    board = BodyFactory(trust=trust, kind=Body.Kind.BOARD)
    seat = filled(board, ends_in_days=days)
    row = row_for(selectors.representation_for(trust=trust, today=TODAY), board)
    assert (seat in row.ending_soon) is flagged


def test_a_term_that_already_ended_is_not_ending_soon(trust):
    board = BodyFactory(trust=trust)
    filled(board, ends_in_days=-1)
    assert row_for(selectors.representation_for(trust=trust, today=TODAY), board).ending_soon == []


def test_the_warning_period_is_configuration(trust, settings):
    settings.JOINTLY_TERM_ENDING_WARNING_DAYS = 90
    board = BodyFactory(trust=trust)
    seat = filled(board, ends_in_days=75)
    assert seat in row_for(selectors.representation_for(trust=trust, today=TODAY), board).ending_soon


def test_only_the_trusts_own_bodies_are_checked(trust, other_trust):
    BodyFactory(trust=other_trust)
    mine = BodyFactory(trust=trust)
    assert [row.body for row in selectors.representation_for(trust=trust, today=TODAY)] == [mine]


def test_representation_takes_two_queries_however_many_bodies(trust, django_assert_num_queries):
    for _ in range(8):
        body = BodyFactory(trust=trust, kind=Body.Kind.BOARD)
        SeatFactory(body=body)
        filled(body, holder_organisation=OrganisationFactory())
        filled(body, ends_in_days=30, sector=Sector.NHS)
    with django_assert_num_queries(2):
        rows = selectors.representation_for(trust=trust, today=TODAY)
        # Reading what the page shows costs nothing more.
        for row in rows:
            for seat in row.ending_soon:
                str(seat.holder), str(seat.holder_organisation)
    assert len(rows) == 8


def test_seats_with_ended_terms(trust):
    body = BodyFactory(trust=trust)
    ended = filled(body, ends_in_days=-1)
    filled(body, ends_in_days=0)
    SeatFactory(body=body)
    assert list(selectors.seats_with_ended_terms(today=TODAY)) == [ended]


# --- Lists narrowed to the person -------------------------------------------


def test_trusts_visible_to_a_member(commissioner, trust, other_trust):
    assert list(selectors.trusts_visible_to(user=commissioner)) == [trust]


def test_trusts_visible_to_an_administrator(administrator, trust, other_trust):
    assert set(selectors.trusts_visible_to(user=administrator)) == {trust, other_trust}


def test_trusts_visible_to_a_regional_lead(regional_lead, trust, other_trust, region):
    neighbour = TrustFactory(region=region)
    assert set(selectors.trusts_visible_to(user=regional_lead)) == {trust, neighbour}


def test_organisations_matching_name_number_and_sector(db):
    carers = OrganisationFactory(name="Young Carers", charity_number="1123456")
    OrganisationFactory(name="Youth Clubs", sector=Sector.PRIVATE)
    assert list(selectors.organisations_matching(query="carers")) == [carers]
    assert list(selectors.organisations_matching(query="1123456")) == [carers]
    assert list(selectors.organisations_matching(query="Young", sector=Sector.VCS)) == [carers]
    assert list(selectors.organisations_matching(sector=Sector.NHS)) == []


def test_confidential_papers_only_for_roles_that_may_read_them(trust, commissioner, provider_user):
    from tests.factories import PaperFactory

    body = BodyFactory(trust=trust)
    open_paper = PaperFactory(body=body)
    secret = PaperFactory(body=body, confidential=True)
    assert set(selectors.body_papers(body=body, user=commissioner)) == {open_paper, secret}
    assert list(selectors.body_papers(body=body, user=provider_user)) == [open_paper]


def test_organisation_people_are_the_active_ones(provider_org, provider_user):
    UserFactory(organisation=provider_org, is_active=False)
    assert list(selectors.organisation_people(organisation=provider_org)) == [provider_user]


def test_body_counts_filled_and_all_seats(trust):
    body = BodyFactory(trust=trust)
    SeatFactory(body=body)
    filled(body)
    [counted] = selectors.trust_bodies(trust=trust)
    assert (counted.filled_count, counted.seat_count) == (1, 2)
    assert Seat.objects.filter(body=body).count() == 2


def test_a_significant_providers_seat_is_not_vcs_representation(trust):
    """Hand-worked: a commissioning group with two filled seats.

    Seat 1: significant provider, held by a charity (sector VCS).  -> not VCS representation.
    Seat 2: statutory partner (the council).                       -> not VCS representation.
    No VCS forum representative's seat is filled, so the group is flagged, and the provider's seat is
    listed beside the flag. Filling a vacant VCS forum representative's seat then clears it.
    """
    group = BodyFactory(trust=trust, kind=Body.Kind.COMMISSIONING_GROUP)
    provider = filled(group, sector=Sector.VCS, seat_type=Seat.SeatType.SIGNIFICANT_PROVIDER, title="Significant provider")
    filled(group, sector=Sector.LOCAL_AUTHORITY, seat_type=Seat.SeatType.STATUTORY_PARTNER)
    row = row_for(selectors.representation_for(trust=trust, today=TODAY), group)
    assert row.missing_vcs and not row.has_vcs_seat
    assert row.provider_seats == [provider]

    filled(group, sector=Sector.VCS, seat_type=Seat.SeatType.VCS_FORUM_REPRESENTATIVE)
    assert not row_for(selectors.representation_for(trust=trust, today=TODAY), group).missing_vcs


def test_a_vacant_forum_representatives_seat_does_not_count(trust):
    """One VCS forum representative's seat, vacant: the body is flagged and the vacancy listed."""
    board = BodyFactory(trust=trust, kind=Body.Kind.BOARD)
    vacant = SeatFactory(body=board, seat_type=Seat.SeatType.VCS_FORUM_REPRESENTATIVE)
    row = row_for(selectors.representation_for(trust=trust, today=TODAY), board)
    assert row.missing_vcs and row.vacancies == [vacant]
