"""Writes to the service map: each rule, and that nothing is half-saved."""

import pytest

from jointly.assessment.models import Priority
from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.mapping import selectors, services
from jointly.mapping.models import EfficacyJudgement, MapEntry, MappedPriority, PriorityGroup

from ..assessment.factories import EvidenceFactory, PriorityFactory
from .factories import directory_service


@pytest.fixture
def service(trust):
    return directory_service(trust=trust, areas=[trust.area])


def test_mapping_a_service_to_the_trusts_priorities(trust, service, priority, commissioner):
    second = PriorityFactory(trust=trust)
    entry = services.map_entry_create(trust=trust, service=service, priorities=[priority, second, priority], note=" Why ", by=commissioner)
    assert set(entry.priorities.all()) == {priority, second}
    assert entry.note == "Why" and entry.created_by == commissioner
    assert AuditEntry.objects.filter(object_type__icontains="mappedpriority", trust_id=trust.pk).count() == 2


def test_a_service_needs_at_least_one_priority(trust, service, commissioner):
    with pytest.raises(FieldErrors) as error:
        services.map_entry_create(trust=trust, service=service, priorities=[], by=commissioner)
    assert error.value.errors == {"priorities": "Select at least one priority the service serves"}
    assert not MapEntry.objects.exists()


def test_another_trusts_priority_is_refused_and_nothing_is_saved(trust, other_trust, service, priority, commissioner):
    theirs = PriorityFactory(trust=other_trust, title="Essex priority")
    with pytest.raises(FieldErrors) as error:
        services.map_entry_create(trust=trust, service=service, priorities=[priority, theirs], by=commissioner)
    assert "Essex priority is another trust's priority" in error.value.errors["priorities"]
    assert not MapEntry.objects.exists() and not MappedPriority.objects.exists()


def test_a_retired_priority_is_refused(trust, service, commissioner):
    retired = PriorityFactory(trust=trust, status=Priority.Status.RETIRED, title="Old")
    with pytest.raises(FieldErrors, match="Old is retired"):
        services.map_entry_create(trust=trust, service=service, priorities=[retired], by=commissioner)


def test_a_service_is_mapped_once_per_trust(trust, service, priority, commissioner):
    services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)
    with pytest.raises(FieldErrors, match="already on the map"):
        services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)


def test_changing_priorities_adds_and_removes_rows(trust, service, priority, commissioner):
    second, third = PriorityFactory(trust=trust), PriorityFactory(trust=trust)
    entry = services.map_entry_create(trust=trust, service=service, priorities=[priority, second], by=commissioner)
    services.map_entry_set_priorities(entry=entry, priorities=[second, third], note="Changed", by=commissioner)
    entry.refresh_from_db()
    assert set(entry.priorities.all()) == {second, third} and entry.note == "Changed"
    with pytest.raises(FieldErrors):
        services.map_entry_set_priorities(entry=entry, priorities=[], by=commissioner)
    assert set(entry.priorities.all()) == {second, third}


def test_priority_groups_are_set_and_unknown_ones_refused(priority, commissioner):
    services.priority_groups_set(priority=priority, groups=["young_carers", "neet"], by=commissioner)
    services.priority_groups_set(priority=priority, groups=["neet", "care_leavers"], by=commissioner)
    assert set(PriorityGroup.objects.filter(priority=priority).values_list("group", flat=True)) == {"neet", "care_leavers"}
    with pytest.raises(FieldErrors, match="Select groups from the list"):
        services.priority_groups_set(priority=priority, groups=["dragons"], by=commissioner)


def test_a_judgement_is_recorded_and_earlier_ones_kept(trust, service, priority, commissioner):
    entry = services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)
    item = EvidenceFactory(trust=trust)
    first = services.judgement_record(entry=entry, rating="no_evidence_yet", evidence_summary="New.", by=commissioner)
    second = services.judgement_record(entry=entry, rating="strong", evidence_summary=" Trial. ", evidence=[item], by=commissioner)
    assert list(entry.judgements.all()) == [second, first]  # newest first: the current one
    assert second.evidence_summary == "Trial." and list(second.evidence.all()) == [item]


def test_a_judgement_needs_a_rating_and_evidence_from_this_trust(trust, other_trust, service, priority, commissioner):
    entry = services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)
    theirs = EvidenceFactory(trust=other_trust, title="Essex evidence")
    with pytest.raises(FieldErrors) as error:
        services.judgement_record(entry=entry, rating="excellent", evidence_summary=" ", evidence=[theirs], by=commissioner)
    assert set(error.value.errors) == {"rating", "evidence_summary", "evidence"}
    assert not EfficacyJudgement.objects.exists()


def test_taking_a_service_off_the_map_keeps_its_judgements_and_mapping_it_again_brings_them_back(trust, service, priority, commissioner):
    entry = services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)
    judgement = services.judgement_record(entry=entry, rating="promising", evidence_summary="Good attendance.", by=commissioner)
    with pytest.raises(FieldErrors) as error:
        services.map_entry_remove(entry=entry, reason="  ", by=commissioner)
    assert error.value.errors == {"reason": "Enter why the service is coming off the map"}

    services.map_entry_remove(entry=entry, reason="It closed", by=commissioner)
    entry.refresh_from_db()
    assert (entry.status, entry.removed_reason) == (MapEntry.Status.REMOVED, "It closed")
    assert not MappedPriority.objects.exists() and EfficacyJudgement.objects.get() == judgement
    removal = AuditEntry.objects.get(object_type="mapping.mapentry", action=AuditEntry.Action.TRANSITION)
    assert (removal.reason, removal.actor_id) == ("It closed", commissioner.pk)
    assert AuditEntry.objects.filter(object_type="mapping.mappedpriority", action=AuditEntry.Action.DELETE).count() == 1
    assert list(selectors.entries_for(trust=trust)) == []
    assert service in selectors.candidate_services(trust=trust)
    off = "^This service map entry is taken off the map, so it can no longer be changed.$"
    with pytest.raises(InvalidTransition, match=off):
        services.map_entry_set_priorities(entry=entry, priorities=[priority], by=commissioner)
    with pytest.raises(InvalidTransition, match=off):
        services.judgement_record(entry=entry, rating="strong", evidence_summary="x", by=commissioner)
    assert EfficacyJudgement.objects.get() == judgement
    with pytest.raises(
        InvalidTransition,
        match="^This service map entry is taken off the map, so you cannot remove it. You can remove it only when it is on the map.$",
    ):
        services.map_entry_remove(entry=entry, reason="Again", by=commissioner)

    again = services.map_entry_create(trust=trust, service=service, priorities=[priority], note="Reopened", by=commissioner)
    assert again.pk == entry.pk and again.status == MapEntry.Status.ON_MAP and again.removed_reason == ""
    assert list(again.judgements.all()) == [judgement] and again.note == "Reopened"
    assert list(selectors.entries_for(trust=trust)) == [again]
    with pytest.raises(FieldErrors) as error:
        services.map_entry_create(trust=trust, service=service, priorities=[priority], by=commissioner)
    assert "already on the map" in error.value.errors["service"]
