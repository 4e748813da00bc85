"""The directory's tables of moves, and publishing that can never write back a state someone else changed."""

import pytest

from jointly.core.transitions import InvalidTransition, StaleEdit, version_of
from jointly.providers import services
from jointly.providers.models import DirectoryService, ProviderProfile, Revision
from jointly.providers.oruk_import import OrukImportError, oruk_import

from ..transitions import assert_moves_go_between_real_states, assert_services_make_only_table_moves
from .conftest import profile_data, service_data
from .test_import_oruk import FIRST_ID, oruk_service

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_run_at_once")]

STATEFUL = [DirectoryService, Revision]
Status = DirectoryService.Status


@pytest.mark.parametrize("model", STATEFUL, ids=lambda model: model.__name__)
def test_every_move_goes_between_real_states(model):
    assert_moves_go_between_real_states(model)


def test_every_move_the_services_make_is_in_a_table():
    assert_services_make_only_table_moves([services], STATEFUL)


def test_every_status_a_provider_can_propose_is_reached_by_one_move():
    targets = [move.target for move in DirectoryService.TRANSITIONS]
    assert sorted(targets) == sorted(Status.values)  # so publishing a version finds the one move to its status


def _stored(instance):
    return type(instance).objects.get(pk=instance.pk)


def _import(service, **changes):
    """An ORUK import publishing a new version of the service."""
    return services.directory_record_publish(
        organisation=service.organisation,
        kind=Revision.Kind.SERVICE,
        service=service,
        source=Revision.Source.IMPORT,
        data=service_data(service.areas.get().code, id=str(service.uuid), **changes),
    )


def test_publishing_a_new_status_is_a_recorded_move(published_service):
    from jointly.audit.models import AuditEntry

    _import(published_service, status=Status.TEMPORARILY_CLOSED)
    stored = _stored(published_service)
    assert (stored.status, stored.version) == (Status.TEMPORARILY_CLOSED, 2)
    move = AuditEntry.objects.get(object_type="providers.directoryservice", action=AuditEntry.Action.TRANSITION)
    assert (move.before["status"], move.after["status"]) == ("active", "temporarily closed")


def test_a_proposal_made_before_the_status_changed_cannot_bring_the_old_status_back(pending_change, published_service, commissioner):
    assert pending_change.data["status"] == Status.ACTIVE
    _import(published_service, status=Status.TEMPORARILY_CLOSED)
    with pytest.raises(InvalidTransition, match="^The service has changed since this change was proposed, so approving it would undo that"):
        services.revision_approve(revision=pending_change, by=commissioner)
    stored = _stored(published_service)
    assert (stored.status, stored.name, stored.version) == (Status.TEMPORARILY_CLOSED, "Young carers' club", 2)
    assert _stored(pending_change).status == Revision.Status.PENDING  # still there to turn down


def test_a_stale_copy_of_the_service_cannot_propose_over_a_later_version(published_service, provider_user):
    stale = DirectoryService.objects.get(pk=published_service.pk)
    version = version_of(stale)  # as the provider's form was shown
    _import(published_service, status=Status.TEMPORARILY_CLOSED)
    with pytest.raises(StaleEdit, match="^Someone else changed this directory service while you were editing it"):
        services.service_change_propose(
            organisation=stale.organisation,
            service=stale,
            by=provider_user,
            version=version,
            data=service_data(stale.areas.get().code, name="Renamed", status=stale.status),
        )
    assert not Revision.objects.filter(status=Revision.Status.PENDING).exists()
    assert _stored(published_service).status == Status.TEMPORARILY_CLOSED


def test_a_proposal_from_the_current_version_changes_the_status_by_its_move(published_service, provider_user, commissioner):
    _import(published_service, status=Status.TEMPORARILY_CLOSED)
    current = _stored(published_service)
    revision = services.service_change_propose(
        organisation=current.organisation,
        service=current,
        by=provider_user,
        version=version_of(current),
        data=service_data(current.areas.get().code, status=Status.ACTIVE),
    )
    services.revision_approve(revision=revision, by=commissioner)
    stored = _stored(published_service)
    assert (stored.status, stored.version) == (Status.ACTIVE, 3)


def test_a_service_closed_for_good_can_no_longer_be_changed(published_service, provider_user):
    _import(published_service, status=Status.DEFUNCT)
    closed = _stored(published_service)
    with pytest.raises(InvalidTransition, match="^This directory service is closed for good, so it can no longer be changed.$"):
        services.service_change_propose(
            organisation=closed.organisation,
            service=closed,
            by=provider_user,
            data=service_data(closed.areas.get().code),
        )
    with pytest.raises(InvalidTransition):
        _import(closed, status=Status.ACTIVE)
    assert _stored(published_service).status == Status.DEFUNCT


def test_an_import_reports_a_change_to_a_service_closed_for_good_by_its_record(trust):
    oruk_import(payload=[oruk_service(FIRST_ID, trust.area.code)])
    closed = oruk_service(FIRST_ID, trust.area.code, status="defunct")
    assert oruk_import(payload=[closed]).services_updated == 1
    assert oruk_import(payload=[closed]).unchanged == 1  # the same record again changes nothing
    with pytest.raises(OrukImportError) as refused:
        oruk_import(payload=[{**closed, "status": "active"}])
    assert [str(problem) for problem in refused.value.problems] == [
        "Record 1 ('Family mediation'): This service is closed for good in the directory, so it can no longer be changed. "
        "If it has started again, list it as a new service."
    ]
    assert DirectoryService.objects.get(uuid=FIRST_ID).status == Status.DEFUNCT


def test_a_change_decided_by_someone_else_cannot_be_decided_again(pending_change, commissioner, administrator, published_service):
    stale = Revision.objects.get(pk=pending_change.pk)  # the second commissioner's page, still pending
    services.revision_reject(revision=pending_change, by=commissioner, reason="Keep the old name")
    with pytest.raises(InvalidTransition, match="^This directory change is not approved, so you cannot approve it"):
        services.revision_approve(revision=stale, by=administrator)
    stored = _stored(pending_change)
    assert (stored.status, stored.decided_by, stored.decision_reason) == (Revision.Status.REJECTED, commissioner, "Keep the old name")
    assert _stored(published_service).name == "Young carers' club"


def test_a_superseded_proposal_cannot_be_approved(pending_change, published_service, provider_user, commissioner):
    services.service_change_propose(
        organisation=published_service.organisation,
        service=published_service,
        by=provider_user,
        data=service_data(published_service.areas.get().code, name="Carers' club"),
    )
    with pytest.raises(InvalidTransition, match="is replaced by a later proposal, so you cannot approve it"):
        services.revision_approve(revision=pending_change, by=commissioner)
    assert _stored(published_service).name == "Young carers' club"


def test_a_profile_change_proposed_before_an_import_changed_the_entry_is_refused(provider_org, provider_user, commissioner, trust):
    from .conftest import publish

    publish(provider_org, trust.area.code)
    proposal = services.profile_change_propose(
        organisation=provider_org,
        by=provider_user,
        data=profile_data(trust.area.code, description="Our own words"),
    )
    services.directory_record_publish(
        organisation=provider_org,
        kind=Revision.Kind.PROFILE,
        source=Revision.Source.IMPORT,
        data=profile_data(trust.area.code, description="From the charity's own system"),
    )
    with pytest.raises(InvalidTransition, match="^The organisation's details have changed since this change was proposed"):
        services.revision_approve(revision=proposal, by=commissioner)
    assert ProviderProfile.objects.get(organisation=provider_org).description == "From the charity's own system"


def test_a_profile_form_shown_before_the_entry_changed_is_refused(provider_org, provider_user, trust):
    from .conftest import publish

    publish(provider_org, trust.area.code)
    version = version_of(ProviderProfile.objects.get(organisation=provider_org))
    services.directory_record_publish(
        organisation=provider_org,
        kind=Revision.Kind.PROFILE,
        source=Revision.Source.IMPORT,
        data=profile_data(trust.area.code, description="Changed meanwhile"),
    )
    with pytest.raises(StaleEdit, match="^Someone else changed this directory entry while you were editing it"):
        services.profile_change_propose(organisation=provider_org, by=provider_user, version=version, data=profile_data(trust.area.code))
    assert not Revision.objects.filter(status=Revision.Status.PENDING).exists()
