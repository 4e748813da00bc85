"""The seat's table of moves, and edits that can never write back a holder someone else ended."""

import datetime

import pytest

from jointly.accounts.models import Assignment
from jointly.core.transitions import StaleEdit, version_of
from jointly.partnerships import rules, services, tasks
from jointly.partnerships.models import Body, Organisation, Seat, Sector
from tests.factories import BodyFactory, SeatFactory

from ..transitions import assert_moves_go_between_real_states, assert_services_make_only_table_moves

pytestmark = pytest.mark.django_db

S = Seat.Status


def test_every_move_goes_between_real_states():
    assert_moves_go_between_real_states(Seat)
    assert {move.name: (move.sources, move.target) for move in Seat.TRANSITIONS} == {
        "appoint": ((S.VACANT,), S.FILLED),
        "vacate": ((S.FILLED,), S.VACANT),
    }


def test_every_move_the_services_make_is_in_the_table_and_none_names_its_states():
    assert_services_make_only_table_moves([services, rules, tasks], [Seat])


@pytest.fixture
def board(trust):
    return BodyFactory(trust=trust, kind=Body.Kind.BOARD)


@pytest.fixture
def held(board, provider_user, commissioner):
    return services.seat_appoint(
        seat=SeatFactory(body=board, title="Provider seat"),
        holder=provider_user,
        holder_organisation=provider_user.organisation,
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        by=commissioner,
    )


def _stored(seat) -> Seat:
    return Seat.objects.get(pk=seat.pk)


def _describe(seat, **changes):
    details = {"title": seat.title, "sector": seat.sector, "seat_type": seat.seat_type, "represents": seat.represents}
    return {**details, **changes}


def test_a_stale_copy_cannot_put_a_holder_back_after_the_term_ends(held, provider_user, commissioner):
    stale = Seat.objects.get(pk=held.pk)
    services.seat_vacate(seat=held, by=commissioner, reason="Stepped down")
    assert (stale.status, stale.holder) == (S.FILLED, provider_user)  # the copy still says filled
    changed = services.seat_update(seat=stale, **_describe(stale, title="Provider representative"))
    stored = _stored(held)
    assert changed.title == stored.title == "Provider representative"
    assert (stored.status, stored.holder, stored.holder_organisation, stored.term_end) == (S.VACANT, None, None, None)
    # The holder's assignment stays ended too: they cannot report back.
    assert not Assignment.objects.filter(person=provider_user, kind=Assignment.Kind.SEAT_HOLDER, ended_at__isnull=True).exists()


def test_a_stale_copy_cannot_empty_a_seat_filled_since(board, provider_user, commissioner):
    seat = SeatFactory(body=board)
    stale = Seat.objects.get(pk=seat.pk)
    services.seat_appoint(
        seat=seat,
        holder=provider_user,
        holder_organisation=None,
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2026, 12, 31),
        by=commissioner,
    )
    services.seat_update(seat=stale, **_describe(stale, title="Renamed"))
    stored = _stored(seat)
    assert (stored.status, stored.holder, stored.title) == (S.FILLED, provider_user, "Renamed")


def test_a_seat_changed_since_its_form_was_shown_is_refused(held, commissioner):
    version = version_of(held)
    services.seat_vacate(seat=held, by=commissioner, reason="Stepped down")
    with pytest.raises(StaleEdit, match="Someone else changed this seat while you were editing it"):
        services.seat_update(seat=held, version=version, **_describe(held, title="My title"))
    assert _stored(held).title == "Provider seat"


def test_a_report_back_names_the_holder_of_the_locked_seat_not_a_stale_copy(held, board, provider_user, other_provider_user, commissioner):
    stale = Seat.objects.get(pk=held.pk)
    services.seat_vacate(seat=held, by=commissioner, reason="Stepped down")
    services.seat_appoint(
        seat=held,
        holder=other_provider_user,
        holder_organisation=None,
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        by=commissioner,
    )
    report = services.report_back_record(seat=stale, held_on=datetime.date(2026, 3, 1), summary="What we agreed", by=commissioner)
    assert report.holder == other_provider_user


def test_an_organisation_changed_since_its_form_was_shown_is_refused(provider_org):
    version = version_of(provider_org)
    services.organisation_update(organisation=provider_org, description="Their change")
    with pytest.raises(StaleEdit, match="Someone else changed this organisation while you were editing it"):
        services.organisation_update(organisation=provider_org, version=version, description="My change")
    assert Organisation.objects.get(pk=provider_org.pk).description == "Their change"
    services.organisation_update(organisation=provider_org, version=version_of(Organisation.objects.get(pk=provider_org.pk)), description="My change")
    assert Organisation.objects.get(pk=provider_org.pk).description == "My change"


def test_an_organisation_update_saves_only_what_it_changes(provider_org):
    stale = Organisation.objects.get(pk=provider_org.pk)
    services.organisation_update(organisation=provider_org, contact_name="Someone new")
    services.organisation_update(organisation=stale, description="Carers' support")
    stored = Organisation.objects.get(pk=provider_org.pk)
    assert (stored.contact_name, stored.description) == ("Someone new", "Carers' support")


def test_every_duplicate_identifier_is_named_at_once(db):
    from tests.factories import OrganisationFactory

    OrganisationFactory(name="Charity Here", charity_number="1123456")
    OrganisationFactory(name="Company Here", company_number="01234567")
    with pytest.raises(services.DuplicateOrganisation) as duplicate:
        services.organisation_create(
            name="New", sector=Sector.VCS, legal_form="cio", charity_number="1123456", company_number="01234567", ppon="nonsense"
        )
    assert set(duplicate.value.errors) == {"charity_number", "company_number", "ppon"}
    assert "Company Here is already registered with this company number" in duplicate.value.errors["company_number"]
