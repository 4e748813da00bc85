"""Provider-maintained records: proposals wait for a partner trust's commissioner, then are published."""

import pytest
from django.core import mail

from jointly.audit.models import AuditEntry
from jointly.core.errors import FieldErrors
from jointly.core.transitions import InvalidTransition
from jointly.providers import selectors, services
from jointly.providers.models import DirectoryService, Revision

from .conftest import profile_data, service_data

pytestmark = pytest.mark.usefixtures("tasks_run_at_once")  # emails are sent by a task


def test_a_proposal_changes_nothing_public_until_approved(pending_change, published_service):
    published_service.refresh_from_db()
    assert published_service.name == "Young carers' club"
    assert pending_change.status == Revision.Status.PENDING
    assert selectors.published_services().get().name == "Young carers' club"


def test_approval_publishes_the_new_version_and_keeps_the_old(pending_change, commissioner, published_service):
    services.revision_approve(revision=pending_change, by=commissioner)
    published_service.refresh_from_db()
    assert published_service.name == "Young carers' club (new name)"
    assert published_service.version == 2
    versions = list(selectors.versions_of_service(service=published_service))
    assert [v.version for v in versions] == [2, 1]
    assert versions[1].data["name"] == "Young carers' club"
    assert versions[0].decided_by == commissioner


def test_approval_is_a_recorded_transition(pending_change, commissioner):
    services.revision_approve(revision=pending_change, by=commissioner, reason="Checked with the provider")
    entry = AuditEntry.objects.filter(object_type="providers.revision", action=AuditEntry.Action.TRANSITION).get()
    assert entry.before["status"] == "pending" and entry.after["status"] == "approved"
    assert entry.reason == "Checked with the provider"


def test_a_decided_change_cannot_be_decided_again(pending_change, commissioner, published_service):
    services.revision_approve(revision=pending_change, by=commissioner)
    with pytest.raises(InvalidTransition) as refused:
        services.revision_approve(revision=pending_change, by=commissioner)  # a copy still saying pending
    assert str(refused.value) == (
        "This directory change is approved and published, so you cannot approve it. You can approve it only when it is waiting for approval."
    )
    with pytest.raises(InvalidTransition, match="so you cannot reject it"):
        services.revision_reject(revision=pending_change, by=commissioner, reason="No")
    published_service.refresh_from_db()
    assert published_service.version == 2  # published once


def test_rejection_needs_a_reason_and_leaves_the_service_alone(pending_change, commissioner, published_service):
    with pytest.raises(FieldErrors) as refused:
        services.revision_reject(revision=pending_change, by=commissioner, reason="  ")
    assert refused.value.errors == {"reason": "Say why the change is not approved, so the provider can put it right"}
    services.revision_reject(revision=pending_change, by=commissioner, reason="Please keep the old name")
    published_service.refresh_from_db()
    assert published_service.name == "Young carers' club"
    assert Revision.objects.get(pk=pending_change.pk).decision_reason == "Please keep the old name"


def test_the_provider_is_told_the_decision(pending_change, commissioner, provider_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.revision_reject(revision=pending_change, by=commissioner, reason="Please keep the old name")
    assert mail.outbox[0].to == [provider_user.email]
    assert "Please keep the old name" in mail.outbox[0].body


def test_a_later_proposal_replaces_an_earlier_pending_one(pending_change, published_service, provider_user):
    later = services.service_change_propose(
        organisation=published_service.organisation,
        service=published_service,
        data=service_data(published_service.areas.get().code, name="Carers' club"),
        by=provider_user,
    )
    assert Revision.objects.get(pk=pending_change.pk).status == Revision.Status.SUPERSEDED
    assert later.status == Revision.Status.PENDING


def test_a_new_service_appears_only_after_approval(provider_org, provider_user, commissioner, trust):
    revision = services.service_change_propose(organisation=provider_org, data=service_data(trust.area.code), by=provider_user)
    assert not DirectoryService.objects.exists()
    services.revision_approve(revision=revision, by=commissioner)
    service = selectors.published_services().get()
    assert str(service.uuid) == revision.data["id"]
    assert service.locations.get().postcode == "PL1 3EZ"
    assert [t.weekday for t in service.opening_times.all()] == ["TU"]
    assert provider_org.provider_profile.is_published


def test_profile_changes_are_approved_the_same_way(provider_org, provider_user, commissioner, trust):
    revision = services.profile_change_propose(organisation=provider_org, data=profile_data(trust.area.code), by=provider_user)
    assert not selectors.published_profiles().exists()
    services.revision_approve(revision=revision, by=commissioner)
    profile = selectors.published_profiles().get()
    assert profile.staff_band == "1-9"
    assert {row.group for row in profile.group_rows.all()} == {"young_carers", "gypsy_roma_traveller"}
    accreditation = profile.accreditations.get()
    assert (accreditation.body, accreditation.rating, str(accreditation.awarded_on)) == ("Ofsted", "Good", "2024-03-01")


def test_locations_keep_their_ids_across_versions(pending_change, commissioner, published_service):
    before = published_service.locations.get().uuid
    services.revision_approve(revision=pending_change, by=commissioner)
    assert published_service.locations.get().uuid == before


def test_publishing_the_same_record_twice_records_one_version(provider_org, trust):
    from .conftest import publish

    service = publish(provider_org, trust.area.code)
    again = services.directory_record_publish(
        organisation=provider_org,
        kind=Revision.Kind.SERVICE,
        service=service,
        data=service_data(
            trust.area.code,
            id=str(service.uuid),
            opening_times=[{"id": str(service.opening_times.get().uuid), "weekday": "TU", "opens_at": "16:00", "closes_at": "18:00"}],
            locations=[{**service_data(trust.area.code)["locations"][0], "id": str(service.locations.get().uuid)}],
        ),
        source=Revision.Source.IMPORT,
    )
    assert again is None
    assert service.revisions.count() == 1


def test_a_version_names_its_outcome_areas_even_by_an_older_code(db):
    from jointly.providers.presenters import service_rows

    rows = dict(service_rows({"outcome_areas": ["be-healthy", "positive_contribution", "not_an_outcome"]}))
    assert rows["Outcomes"] == "Be healthy, Make a positive contribution, not_an_outcome"
