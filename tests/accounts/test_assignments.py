"""Per-object assignments: what a seat, a panel place or a declared conflict grants or bars on one object."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from jointly.accounts.models import Assignment, Role
from jointly.accounts.permissions import BARRING_KINDS, KIND_GRANTS, Perm, decide
from jointly.accounts.services import assignment_end, assignment_grant, assignments_end_on, person_deactivate
from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.partnerships import services as partnerships
from jointly.partnerships.models import ReportBack, Seat
from tests.factories import BodyFactory, FilledSeatFactory, SeatFactory, UserFactory


@pytest.fixture
def seat(trust):
    return SeatFactory(body=BodyFactory(trust=trust))


@pytest.fixture
def report_back(trust, provider_user, commissioner):
    seat = FilledSeatFactory(body=BodyFactory(trust=trust), holder=provider_user)
    return ReportBack.objects.create(seat=seat, holder=provider_user, held_on=datetime.date(2026, 1, 10), summary="Forum", recorded_by=commissioner)


def fresh(user):
    """The person as a new request sees them: nothing cached."""
    return type(user).objects.get(pk=user.pk)


def test_every_kind_is_in_the_catalogue():
    assert set(KIND_GRANTS) == set(Assignment.Kind.values)
    assert BARRING_KINDS <= set(Assignment.Kind.values)


def test_a_grant_allows_what_the_role_lacks_on_that_object_only(trust, seat, commissioner):
    evaluator = UserFactory(role=Role.EVALUATOR, trusts=[trust])
    assert not decide(evaluator, Perm.SEAT_REPORT_BACK, seat).allowed  # The role has no report-back.
    assignment_grant(person=evaluator, kind=Assignment.Kind.SEAT_HOLDER, obj=seat, by=commissioner)
    assert decide(fresh(evaluator), Perm.SEAT_REPORT_BACK, seat)
    other_seat = SeatFactory(body=seat.body)
    assert not decide(fresh(evaluator), Perm.SEAT_REPORT_BACK, other_seat).allowed
    # It grants only its own permissions: the seat's management stays with commissioners.
    assert not decide(fresh(evaluator), Perm.SEAT_MANAGE, seat).allowed


def test_a_grant_holds_whatever_trust_the_person_works_in(other_trust, seat, commissioner):
    # A provider user of another partnership holds one seat here: that seat is theirs to report on, nothing else is.
    outsider = UserFactory(role=Role.PROVIDER_USER, trusts=[other_trust])
    assignment_grant(person=outsider, kind=Assignment.Kind.SEAT_HOLDER, obj=seat, by=commissioner)
    outsider = fresh(outsider)
    assert decide(outsider, Perm.SEAT_REPORT_BACK, seat)
    assert not decide(outsider, Perm.TRUST_VIEW, seat).visible


@pytest.mark.parametrize("who", ["commissioner", "administrator"])
def test_a_declared_conflict_bars_everything_on_the_object_even_for_an_administrator(request, who, seat):
    person = request.getfixturevalue(who)
    assert decide(person, Perm.SEAT_MANAGE, seat)
    conflict = assignment_grant(person=person, kind=Assignment.Kind.CONFLICT, obj=seat, note="My partner runs the charity")
    for perm in (Perm.TRUST_VIEW, Perm.SEAT_MANAGE, Perm.AUDIT_VIEW, Perm.SEAT_REPORT_BACK):
        refused = decide(fresh(person), perm, seat)
        assert not refused.allowed and refused.visible
        assert "conflict of interest" in refused.reason
    assignment_end(assignment=conflict, note="Declared in error")
    assert decide(fresh(person), Perm.SEAT_MANAGE, seat)


def test_a_bar_wins_over_a_grant(seat, provider_user):
    assignment_grant(person=provider_user, kind=Assignment.Kind.SEAT_HOLDER, obj=seat)
    assignment_grant(person=provider_user, kind=Assignment.Kind.CONFLICT, obj=seat)
    assert not decide(fresh(provider_user), Perm.SEAT_REPORT_BACK, seat).allowed


def test_an_assignment_on_a_parent_covers_its_children(report_back, commissioner, other_provider_user):
    assert decide(commissioner, Perm.TRUST_VIEW, report_back)
    assignment_grant(person=commissioner, kind=Assignment.Kind.CONFLICT, obj=report_back.seat)
    refused = decide(fresh(commissioner), Perm.TRUST_VIEW, report_back)
    assert not refused.allowed and "conflict of interest" in refused.reason
    # Another person's assignment changes nothing for anyone else.
    assert decide(other_provider_user, Perm.TRUST_VIEW, report_back)


def test_the_seat_holders_grant_covers_only_the_seat_it_names(report_back, provider_user):
    # The report-back names its seat as parent, so the holder's SEAT_HOLDER grant applies there too.
    assert decide(fresh(provider_user), Perm.SEAT_REPORT_BACK, report_back)


def test_assignments_are_loaded_once_per_person_however_many_objects(trust, commissioner, provider_user, django_assert_num_queries):
    body = BodyFactory(trust=trust)
    seats = [SeatFactory(body=body) for _ in range(15)]
    for seat in seats[:5]:
        assignment_grant(person=provider_user, kind=Assignment.Kind.SEAT_HOLDER, obj=seat, by=commissioner)
    person = fresh(provider_user)
    seats = list(Seat.objects.filter(body=body).select_related("body"))
    ContentType.objects.get_for_model(Seat)  # Django caches content types for the process.
    # One query for the assignments, one for the person's trusts: the same for 15 seats as for one.
    with django_assert_num_queries(2):
        allowed = [decide(person, Perm.SEAT_REPORT_BACK, seat).allowed for seat in seats]
    assert sum(allowed) == 5


def test_objects_no_assignment_can_name_cost_no_query(trust, commissioner, django_assert_num_queries):
    body = BodyFactory(trust=trust)
    person = fresh(commissioner)
    with django_assert_num_queries(1):  # The person's trusts, once.
        for _ in range(5):
            assert decide(person, Perm.TRUST_VIEW, body)


# --- The services ----------------------------------------------------------


def test_granting_and_ending_are_audited_and_ending_keeps_the_row(seat, commissioner, provider_user):
    assignment = assignment_grant(person=provider_user, kind=Assignment.Kind.PANEL_MEMBER, obj=seat, by=commissioner, note=" Chair ")
    assert assignment.note == "Chair" and assignment.granted_by == commissioner and assignment.live
    entries = AuditEntry.objects.filter(object_type="accounts.assignment", object_id=str(assignment.pk))
    assert [(e.action, e.actor_id) for e in entries] == [("create", commissioner.pk)]
    assert entries.get().trust_id == seat.body.trust_id
    assignment_end(assignment=assignment, by=commissioner, note="Panel stood down")
    assignment.refresh_from_db()
    assert not assignment.live and "Panel stood down" in assignment.note
    assert [e.action for e in entries.all()] == ["update", "create"]
    with pytest.raises(FieldErrors):
        assignment_end(assignment=assignment, by=commissioner)


def test_granting_twice_gives_the_same_live_assignment(seat, provider_user):
    first = assignment_grant(person=provider_user, kind=Assignment.Kind.PANEL_MEMBER, obj=seat)
    assert assignment_grant(person=provider_user, kind=Assignment.Kind.PANEL_MEMBER, obj=seat) == first
    assert Assignment.objects.count() == 1


def test_an_unknown_kind_is_refused(seat, provider_user):
    with pytest.raises(FieldErrors) as refused:
        assignment_grant(person=provider_user, kind="owner", obj=seat)
    assert refused.value.errors == {"kind": "Select what the person's part is"}


def test_ending_every_assignment_of_a_kind_on_an_object(seat, provider_user, other_provider_user):
    for person in (provider_user, other_provider_user):
        assignment_grant(person=person, kind=Assignment.Kind.PANEL_MEMBER, obj=seat)
    assert assignments_end_on(obj=seat, kind=Assignment.Kind.PANEL_MEMBER) == 2
    assert not Assignment.objects.filter(ended_at__isnull=True).exists()


# --- Seats use them --------------------------------------------------------


def test_appointing_grants_the_report_back_and_vacating_ends_it(trust, seat, commissioner, provider_user, other_provider_user):
    partnerships.seat_appoint(
        seat=seat,
        holder=provider_user,
        holder_organisation=None,
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2027, 1, 1),
        by=commissioner,
    )
    held = Assignment.objects.get(kind=Assignment.Kind.SEAT_HOLDER, object_id=str(seat.pk))
    assert held.person == provider_user and held.granted_by == commissioner
    assert decide(fresh(provider_user), Perm.SEAT_REPORT_BACK, seat)
    assert not decide(fresh(other_provider_user), Perm.SEAT_REPORT_BACK, seat).allowed
    partnerships.seat_vacate(seat=seat, by=commissioner, reason="Stood down")
    held.refresh_from_db()
    assert held.ended_at is not None and "Stood down" in held.note
    refused = decide(fresh(provider_user), Perm.SEAT_REPORT_BACK, seat)
    assert refused.reason == "Only the seat's holder or a commissioner can record a report-back."


def test_the_holder_column_alone_no_longer_lets_anyone_report_back(seat, provider_user):
    # Set behind the services' back: without the assignment the column grants nothing.
    Seat.objects.filter(pk=seat.pk).update(status=Seat.Status.FILLED, holder=provider_user)
    seat.refresh_from_db()
    assert not decide(fresh(provider_user), Perm.SEAT_REPORT_BACK, seat).allowed


def test_deactivating_a_person_vacates_their_seats_and_ends_their_assignments(trust, administrator, provider_user):
    seat = FilledSeatFactory(body=BodyFactory(trust=trust), holder=provider_user)
    person_deactivate(user=provider_user, by=administrator, reason="Left the charity")
    seat.refresh_from_db()
    assert seat.status == Seat.Status.VACANT
    assert not Assignment.objects.filter(person=provider_user, ended_at__isnull=True).exists()


def test_the_migration_gives_every_filled_seat_its_holders_assignment(trust, provider_user):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("jointly.partnerships.migrations.0003_seat_holder_assignments")
    seat = SeatFactory(body=BodyFactory(trust=trust))
    Seat.objects.filter(pk=seat.pk).update(status=Seat.Status.FILLED, holder=provider_user)
    migration.add_holder_assignments(apps, None)
    migration.add_holder_assignments(apps, None)  # Run twice: still one.
    assert Assignment.objects.filter(kind="seat_holder", object_id=str(seat.pk), person=provider_user).count() == 1
    assert decide(fresh(provider_user), Perm.SEAT_REPORT_BACK, seat)
