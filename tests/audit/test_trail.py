"""Every create, change, delete, transition and confidential read leaves one audit entry."""

import datetime

import pytest

from jointly.audit.models import AuditEntry
from jointly.audit.services import acting_as, audit_view, snapshot
from jointly.core.transitions import InvalidTransition
from jointly.partnerships import services
from jointly.partnerships.models import Organisation, Seat, Sector
from tests.factories import BodyFactory, PaperFactory, SeatFactory, UserFactory


def entries_for(instance):
    return AuditEntry.objects.filter(object_type=instance._meta.label_lower, object_id=str(instance.pk)).order_by("id")


@pytest.fixture
def organisation(commissioner):
    with acting_as(commissioner):
        return services.organisation_create(name="Plymouth Young Carers", sector=Sector.VCS, legal_form="cio", contact_email="hello@pyc.example")


def test_create_is_recorded_with_the_after_values_and_the_actor(organisation, commissioner):
    [entry] = entries_for(organisation)
    assert entry.action == AuditEntry.Action.CREATE
    assert entry.before is None
    assert entry.after["name"] == "Plymouth Young Carers"
    assert entry.after["contact_email"] == "hello@pyc.example"
    assert entry.actor == commissioner
    assert entry.actor_label == f"Amina Commissioner <{commissioner.email}>"
    assert entry.object_repr == "Plymouth Young Carers"
    assert entry.trust_id is None


def test_update_records_before_and_after_of_what_changed(organisation, commissioner):
    with acting_as(commissioner):
        services.organisation_update(organisation=organisation, name="Plymouth Young Carers CIO")
    update = entries_for(organisation).last()
    assert update.action == AuditEntry.Action.UPDATE
    assert update.before["name"] == "Plymouth Young Carers"
    assert update.after["name"] == "Plymouth Young Carers CIO"
    assert update.changed_fields() == [("name", "Plymouth Young Carers", "Plymouth Young Carers CIO")]
    assert update.actor == commissioner


def test_saving_without_a_change_writes_nothing(organisation):
    count = entries_for(organisation).count()
    Organisation.objects.get(pk=organisation.pk).save()
    services.organisation_update(organisation=organisation, name=organisation.name)
    assert entries_for(organisation).count() == count


def test_delete_is_recorded_with_the_last_values(trust, commissioner):
    body = BodyFactory(trust=trust, name="Task group")
    pk = body.pk
    with acting_as(commissioner):
        body.delete()
    entry = AuditEntry.objects.filter(object_type="partnerships.body", object_id=str(pk)).order_by("id").last()
    assert entry.action == AuditEntry.Action.DELETE
    assert entry.before["name"] == "Task group"
    assert entry.after is None
    assert entry.trust_id == trust.pk
    assert entry.actor == commissioner


def test_entries_belong_to_the_records_trust(trust):
    body = BodyFactory(trust=trust)
    seat = SeatFactory(body=body)
    assert entries_for(body).get().trust_id == trust.pk
    assert entries_for(seat).get().trust_id == trust.pk


def test_work_outside_a_request_is_by_the_system(db):
    body = BodyFactory()
    entry = entries_for(body).get()
    assert entry.actor is None
    assert entry.actor_label == "system"


def test_passwords_are_never_kept_in_the_trail(db):
    person = UserFactory()
    entry = entries_for(person).get()
    assert "password" not in entry.after
    assert "last_login" not in entry.after
    assert entry.after["email"] == person.email


def test_snapshot_keeps_json_safe_values(trust):
    paper = PaperFactory(body=BodyFactory(trust=trust), meeting_date=datetime.date(2026, 3, 27))
    data = snapshot(paper)
    assert data["meeting_date"] == "2026-03-27"
    assert isinstance(data["created_at"], str)
    assert data["body_id"] == paper.body_id


def test_a_signed_in_request_attributes_entries_to_its_person(commissioner_client, commissioner, provider_org):
    response = commissioner_client.post(
        f"/organisations/{provider_org.slug}/change/",
        {"name": "Young Carers Project CIO", "sector": provider_org.sector, "legal_form": provider_org.legal_form},
    )
    assert response.status_code == 302
    entry = entries_for(provider_org).last()
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == commissioner
    assert entry.after["name"] == "Young Carers Project CIO"


def test_acting_as_is_undone_after_the_block(commissioner):
    with acting_as(commissioner):
        BodyFactory()
    later = BodyFactory()
    assert entries_for(later).get().actor is None


# --- Transitions -----------------------------------------------------------


@pytest.fixture
def vacant_seat(trust):
    return SeatFactory(body=BodyFactory(trust=trust))


def test_a_transition_writes_one_entry_with_its_reason(vacant_seat, commissioner, provider_user):
    before = entries_for(vacant_seat).count()
    services.seat_appoint(
        seat=vacant_seat,
        holder=provider_user,
        holder_organisation=provider_user.organisation,
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2027, 12, 31),
        by=commissioner,
        reason="Elected by the VCS forum",
    )
    new = list(entries_for(vacant_seat)[before:])
    assert [entry.action for entry in new] == [AuditEntry.Action.TRANSITION]
    entry = new[0]
    assert entry.reason == "Elected by the VCS forum"
    assert entry.before["status"] == Seat.Status.VACANT
    assert entry.after["status"] == Seat.Status.FILLED
    assert entry.after["holder_id"] == provider_user.pk
    assert entry.actor == commissioner


def test_a_refused_transition_writes_nothing(vacant_seat, commissioner):
    before = entries_for(vacant_seat).count()
    with pytest.raises(InvalidTransition):
        services.seat_vacate(seat=vacant_seat, by=commissioner, reason="Not filled")
    assert entries_for(vacant_seat).count() == before


def test_after_a_transition_ordinary_saves_are_audited_again(vacant_seat, commissioner, provider_user):
    seat = services.seat_appoint(
        seat=vacant_seat,
        holder=provider_user,
        holder_organisation=None,
        term_start=datetime.date(2026, 1, 1),
        term_end=datetime.date(2026, 12, 31),
        by=commissioner,
    )
    seat.represents = "Children's centres"
    seat.save()
    assert entries_for(seat).last().action == AuditEntry.Action.UPDATE


# --- Reading confidential records -----------------------------------------


def test_reading_a_confidential_paper_is_recorded(commissioner_client, commissioner, trust):
    paper = PaperFactory(body=BodyFactory(trust=trust), confidential=True)
    before = entries_for(paper).count()
    assert commissioner_client.get(f"/partnerships/papers/{paper.pk}/").status_code == 200
    entry = entries_for(paper).last()
    assert entries_for(paper).count() == before + 1
    assert entry.action == AuditEntry.Action.VIEW
    assert entry.actor == commissioner
    assert entry.trust_id == trust.pk


def test_reading_an_ordinary_paper_is_not_recorded(commissioner_client, trust):
    paper = PaperFactory(body=BodyFactory(trust=trust), confidential=False)
    before = entries_for(paper).count()
    assert commissioner_client.get(f"/partnerships/papers/{paper.pk}/").status_code == 200
    assert entries_for(paper).count() == before


def test_a_refused_read_is_not_recorded_as_a_read(provider_client, trust):
    paper = PaperFactory(body=BodyFactory(trust=trust), confidential=True)
    before = entries_for(paper).count()
    assert provider_client.get(f"/partnerships/papers/{paper.pk}/").status_code == 403
    assert entries_for(paper).count() == before


def test_audit_view_names_the_reader(commissioner, trust):
    paper = PaperFactory(body=BodyFactory(trust=trust), confidential=True)
    entry = audit_view(instance=paper, by=commissioner)
    assert entry.action == AuditEntry.Action.VIEW
    assert entry.before is None and entry.after is None
    assert entry.actor_label.endswith(f"<{commissioner.email}>")
