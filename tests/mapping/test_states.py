"""The service map's table of moves, and changes that can never write back a state someone else changed."""

import pytest

from jointly.core.transitions import InvalidTransition, StaleEdit, version_of
from jointly.mapping import services
from jointly.mapping.models import EfficacyJudgement, MapEntry, MappedPriority

from ..assessment.factories import PriorityFactory
from ..transitions import assert_moves_go_between_real_states, assert_services_make_only_table_moves
from .factories import directory_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(trust, priority, commissioner):
    service = directory_service(trust=trust, areas=[trust.area], name="Homework club")
    return services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)


def _stored(instance):
    return type(instance).objects.get(pk=instance.pk)


def test_every_move_goes_between_real_states():
    assert_moves_go_between_real_states(MapEntry)


def test_every_move_the_services_make_is_in_the_table():
    assert_services_make_only_table_moves([services], [MapEntry])


def test_a_stale_copy_cannot_change_the_priorities_of_a_service_taken_off_the_map(entry, trust, priority, commissioner):
    stale = MapEntry.objects.get(pk=entry.pk)
    services.map_entry_remove(entry=entry, reason="It closed", by=commissioner)
    assert stale.status == MapEntry.Status.ON_MAP  # the copy still says on the map
    with pytest.raises(InvalidTransition, match="^This service map entry is taken off the map, so it can no longer be changed.$"):
        services.map_entry_set_priorities(entry=stale, priorities=[priority], note="Still needed", by=commissioner)
    stored = _stored(entry)
    assert (stored.status, stored.removed_reason, stored.note) == (MapEntry.Status.REMOVED, "It closed", "")
    assert not MappedPriority.objects.exists()


def test_a_stale_copy_cannot_judge_a_service_taken_off_the_map(entry, commissioner):
    stale = MapEntry.objects.get(pk=entry.pk)
    services.map_entry_remove(entry=entry, reason="It closed", by=commissioner)
    with pytest.raises(InvalidTransition):
        services.judgement_record(entry=stale, rating="strong", evidence_summary="A trial", by=commissioner)
    assert not EfficacyJudgement.objects.exists()
    assert _stored(entry).status == MapEntry.Status.REMOVED


def test_changing_the_note_keeps_the_state_the_entry_has(entry, priority, commissioner, trust):
    stale = MapEntry.objects.get(pk=entry.pk)
    services.map_entry_remove(entry=entry, reason="It closed", by=commissioner)
    services.map_entry_create(trust=trust, service=entry.service, priorities=[priority], note="Back", by=commissioner)
    changed = services.map_entry_set_priorities(entry=stale, priorities=[priority], note="Changed", by=commissioner)
    stored = _stored(entry)
    assert changed.note == stored.note == "Changed"
    assert stored.status == MapEntry.Status.ON_MAP and stored.removed_reason == ""  # not written back from the copy


def test_priorities_changed_since_the_form_was_shown_are_not_overwritten(entry, trust, priority, commissioner):
    second = PriorityFactory(trust=trust, title="Second")
    version = version_of(entry)
    services.map_entry_set_priorities(entry=entry, priorities=[priority, second], by=commissioner)
    with pytest.raises(StaleEdit, match="^Someone else changed this service map entry while you were editing it"):
        services.map_entry_set_priorities(entry=entry, priorities=[priority], version=version, by=commissioner)
    assert set(_stored(entry).priorities.all()) == {priority, second}
    services.map_entry_set_priorities(entry=entry, priorities=[priority], version=version_of(_stored(entry)), by=commissioner)
    assert list(_stored(entry).priorities.all()) == [priority]


def test_removing_twice_is_refused_in_words(entry, commissioner):
    stale = MapEntry.objects.get(pk=entry.pk)
    services.map_entry_remove(entry=entry, reason="It closed", by=commissioner)
    with pytest.raises(InvalidTransition) as refused:
        services.map_entry_remove(entry=stale, reason="Again", by=commissioner)
    assert str(refused.value) == (
        "This service map entry is taken off the map, so you cannot remove it. You can remove it only when it is on the map."
    )
    assert _stored(entry).removed_reason == "It closed"
