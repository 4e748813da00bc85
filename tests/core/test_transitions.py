"""The one way to change a state, and to edit a record that has one: checked, locked, applied and audited."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import (
    InvalidTransition,
    Move,
    StaleEdit,
    Transitions,
    actions,
    available,
    edit,
    state_label,
    transition,
    version_of,
)
from jointly.plans import services
from jointly.plans.models import CommissioningIntention

from ..plans.conftest import make_intention

Status = CommissioningIntention.Status


@pytest.fixture
def intention(trust, commissioner):
    return make_intention(trust, commissioner)


def _stored(instance):
    return type(instance).objects.get(pk=instance.pk)


def test_a_move_changes_the_state_and_the_other_fields_and_is_audited_once(intention, commissioner):
    before = AuditEntry.objects.count()
    result = transition(
        instance=intention, move="withdraw", by=commissioner, reason="No longer needed", changes={"withdrawn_reason": "No longer needed"}
    )
    stored = _stored(intention)
    assert result.status == stored.status == Status.WITHDRAWN
    assert stored.withdrawn_reason == "No longer needed"
    entries = AuditEntry.objects.order_by("id")[before:]
    assert [entry.action for entry in entries] == [AuditEntry.Action.TRANSITION]
    assert ("status", "draft", "withdrawn") in entries[0].changed_fields()
    assert entries[0].reason == "No longer needed" and entries[0].actor == commissioner


def test_a_move_without_a_reason_records_its_label(intention, commissioner):
    transition(instance=intention, move="publish", by=commissioner)
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.TRANSITION).latest("id")
    assert entry.reason == "Publish"


def test_a_wrong_state_is_refused_in_words_not_codes(intention, commissioner):
    services.intention_withdraw(intention=intention, by=commissioner, reason="Not needed")
    with pytest.raises(InvalidTransition) as refused:
        transition(instance=intention, move="publish", by=commissioner)
    assert str(refused.value) == ("This commissioning intention is withdrawn, so you cannot publish it. You can publish it only when it is draft.")
    assert refused.value.current == Status.WITHDRAWN and refused.value.target == Status.PUBLISHED


def test_the_state_is_checked_on_the_stored_row_not_the_stale_copy(intention, commissioner):
    stale = CommissioningIntention.objects.get(pk=intention.pk)
    services.intention_withdraw(intention=intention, by=commissioner, reason="Not needed")
    assert stale.status == Status.DRAFT  # the copy still says draft
    with pytest.raises(InvalidTransition):
        transition(instance=stale, move="publish", by=commissioner)
    assert _stored(intention).status == Status.WITHDRAWN


def test_a_check_refuses_on_the_locked_row_and_nothing_is_written(intention, commissioner):
    before = AuditEntry.objects.count()
    with pytest.raises(InvalidTransition, match="Not today"):
        transition(instance=intention, move="publish", by=commissioner, check=lambda row: "Not today")
    assert _stored(intention).status == Status.DRAFT
    assert AuditEntry.objects.count() == before


def test_a_failed_save_leaves_no_audit_entry_and_no_change(intention, commissioner):
    from django.db import IntegrityError

    before = AuditEntry.objects.count()
    with pytest.raises(IntegrityError):
        # The database refuses a negative value: nothing is half-written.
        transition(instance=intention, move="publish", by=commissioner, changes={"total_value": -1})
    assert AuditEntry.objects.count() == before
    assert _stored(intention).status == Status.DRAFT


def test_an_unknown_move_is_a_programming_error(intention, commissioner):
    with pytest.raises(ImproperlyConfigured):
        transition(instance=intention, move="explode", by=commissioner)


def test_a_table_refuses_two_moves_of_one_name():
    with pytest.raises(ImproperlyConfigured):
        Transitions(Move("go", ["a"], "b"), Move("go", ["b"], "c"))


def test_state_labels_read_as_words(intention):
    assert state_label(intention) == "draft"
    assert state_label(intention, Status.WITHDRAWN) == "withdrawn"


# --- What a page offers ---------------------------------------------------------


def test_available_offers_the_moves_of_the_state_to_people_with_the_permission(intention, commissioner, board_member):
    assert [move.name for move in available(intention, commissioner)] == ["publish", "withdraw"]
    assert available(intention, board_member) == []  # board members see plans but do not manage them


def test_available_offers_nothing_to_another_trusts_commissioner(intention, other_commissioner):
    assert available(intention, other_commissioner) == []


def test_available_follows_the_state(intention, commissioner):
    published = services.intention_publish(intention=intention, by=commissioner)
    assert [move.name for move in available(published, commissioner)] == ["withdraw"]
    withdrawn = services.intention_withdraw(intention=published, by=commissioner, reason="Not needed")
    assert available(withdrawn, commissioner) == []
    assert actions(withdrawn, commissioner, edit_perm="plans.manage") == {"moves": {}, "can_edit": False}


def test_a_guard_hides_the_move_it_would_refuse(intention, commissioner):
    table = Transitions(Move("publish", [Status.DRAFT], Status.PUBLISHED, perm="plans.manage", guard=lambda row: "No"))
    original = CommissioningIntention.TRANSITIONS
    CommissioningIntention.TRANSITIONS = table
    try:
        assert available(intention, commissioner) == []
        with pytest.raises(InvalidTransition, match="No"):
            transition(instance=intention, move="publish", by=commissioner)
    finally:
        CommissioningIntention.TRANSITIONS = original


# --- Editing ----------------------------------------------------------------------


def test_edit_saves_only_the_fields_it_changes(intention, commissioner):
    stale = CommissioningIntention.objects.get(pk=intention.pk)
    services.intention_withdraw(intention=intention, by=commissioner, reason="Not needed")
    # Edits through a copy loaded before the withdrawal: the whole-row save of old would write 'draft' back.
    CommissioningIntention.TRANSITIONS, original = Transitions(*CommissioningIntention.TRANSITIONS), CommissioningIntention.TRANSITIONS
    try:
        with edit(stale) as row:
            row.description = "Changed"
    finally:
        CommissioningIntention.TRANSITIONS = original
    stored = _stored(intention)
    assert stored.description == "Changed"
    assert stored.status == Status.WITHDRAWN


def test_edit_is_refused_in_a_state_that_allows_no_edits(intention, commissioner):
    stale = CommissioningIntention.objects.get(pk=intention.pk)
    services.intention_withdraw(intention=intention, by=commissioner, reason="Not needed")
    with pytest.raises(InvalidTransition, match="This commissioning intention is withdrawn, so it can no longer be changed."):
        with edit(stale) as row:
            row.title = "Revived"
    assert _stored(intention).title != "Revived"


def test_edit_refuses_a_change_someone_overtook(intention, commissioner):
    shown = version_of(intention)
    with edit(intention) as row:
        row.description = "Someone else's change"
    with pytest.raises(StaleEdit, match="Someone else changed this commissioning intention while you were editing it"):
        with edit(intention, version=shown) as row:
            row.description = "Mine"
    assert _stored(intention).description == "Someone else's change"


def test_edit_with_the_current_version_goes_ahead(intention):
    with edit(intention, version=version_of(_stored(intention))) as row:
        row.description = "Mine"
    assert _stored(intention).description == "Mine"


def test_edit_cannot_change_the_state(intention):
    with pytest.raises(ImproperlyConfigured):
        with edit(intention) as row:
            row.status = Status.PUBLISHED
    assert _stored(intention).status == Status.DRAFT


def test_edit_writes_nothing_when_the_block_fails(intention):
    with pytest.raises(FieldErrors):
        with edit(intention) as row:
            row.title = "Half"
            raise FieldErrors({"title": "No"})
    assert _stored(intention).title != "Half"


def test_an_edit_is_audited_as_one_change(intention):
    before = AuditEntry.objects.count()
    with edit(intention) as row:
        row.description = "Changed"
    entries = list(AuditEntry.objects.order_by("id")[before:])
    assert [entry.action for entry in entries] == [AuditEntry.Action.UPDATE]
    assert ("description", "", "Changed") in entries[0].changed_fields()


def test_an_edit_that_changes_nothing_saves_nothing(intention):
    before = AuditEntry.objects.count()
    with edit(intention):
        pass
    assert AuditEntry.objects.count() == before
