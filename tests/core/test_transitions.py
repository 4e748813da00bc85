"""The one way to change a state: checked, locked, applied and audited together."""

import pytest

from jointly.audit.models import AuditEntry
from jointly.core.transitions import InvalidTransition, transition
from jointly.partnerships.models import Seat
from tests.factories import FilledSeatFactory, SeatFactory


def test_transition_changes_the_state_and_the_other_fields(trust, commissioner, provider_user):
    seat = SeatFactory()
    result = transition(
        instance=seat,
        to=Seat.Status.FILLED,
        allowed_from=[Seat.Status.VACANT],
        by=commissioner,
        reason="Appointed",
        changes={"holder": provider_user},
    )
    assert result.status == Seat.Status.FILLED
    stored = Seat.objects.get(pk=seat.pk)
    assert stored.status == Seat.Status.FILLED and stored.holder == provider_user


def test_a_wrong_state_is_refused_with_a_clear_message(db):
    seat = FilledSeatFactory()
    with pytest.raises(InvalidTransition) as refused:
        transition(instance=seat, to=Seat.Status.FILLED, allowed_from=[Seat.Status.VACANT], by=None)
    assert refused.value.current == Seat.Status.FILLED
    assert refused.value.target == Seat.Status.FILLED
    assert str(refused.value) == "This seat is filled; it can only become filled when it is vacant."


def test_a_failed_save_leaves_no_audit_entry_and_no_change(db):
    from django.db import IntegrityError

    seat = SeatFactory()
    before = AuditEntry.objects.count()
    with pytest.raises(IntegrityError):
        # A filled seat needs a holder: the database refuses, and nothing is half-written.
        transition(instance=seat, to=Seat.Status.FILLED, allowed_from=[Seat.Status.VACANT], by=None)
    assert AuditEntry.objects.count() == before
    assert Seat.objects.get(pk=seat.pk).status == Seat.Status.VACANT


def test_the_transition_entry_carries_old_and_new_state(commissioner):
    seat = FilledSeatFactory()
    transition(
        instance=seat,
        to=Seat.Status.VACANT,
        allowed_from=[Seat.Status.FILLED],
        by=commissioner,
        reason="Resigned",
        changes={"holder": None, "term_start": None, "term_end": None},
    )
    entry = AuditEntry.objects.filter(object_type="partnerships.seat", object_id=str(seat.pk)).order_by("id").last()
    assert entry.action == AuditEntry.Action.TRANSITION
    assert ("status", "filled", "vacant") in entry.changed_fields()
    assert entry.reason == "Resigned"
    assert entry.actor == commissioner
