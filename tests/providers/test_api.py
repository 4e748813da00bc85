"""The directory's API: the same rules and permissions as the pages, errors as problem bodies."""

import json

from jointly.providers.models import Revision

from .conftest import service_data

API = "/api/v1/directory"


def _post(client, path, body):
    return client.post(API + path, json.dumps(body), content_type="application/json")


def test_provider_proposes_a_service_and_commissioner_approves_it(provider_client, commissioner_client, provider_org, trust):
    response = _post(provider_client, f"/organisations/{provider_org.slug}/services", service_data(trust.area.code))
    assert response.status_code == 201, response.content
    revision_id = response.json()["id"]
    assert response.json()["status"] == "pending"
    queue = commissioner_client.get(API + "/changes").json()
    assert [item["id"] for item in queue["items"]] == [revision_id]
    decided = _post(commissioner_client, f"/changes/{revision_id}/decision", {"decision": "approve"})
    assert decided.status_code == 200
    assert decided.json()["status"] == "approved" and decided.json()["version"] == 1


def test_bad_service_is_a_problem_body_naming_the_field(provider_client, provider_org, trust):
    response = _post(
        provider_client,
        f"/organisations/{provider_org.slug}/services",
        service_data(trust.area.code, area_codes=["E06999999"], cost="fee", fee_amount="-1"),
    )
    assert response.status_code == 400
    body = response.json()
    fields = {error["field"] for error in body["errors"]}
    assert fields == {"area_codes", "fee_amount"}
    assert not Revision.objects.exists()


def test_roles(provider_client, other_provider_client, other_commissioner_client, anonymous_client, pending_change, provider_org, trust):
    assert _post(other_provider_client, f"/organisations/{provider_org.slug}/services", service_data(trust.area.code)).status_code == 403
    assert _post(provider_client, f"/changes/{pending_change.pk}/decision", {"decision": "approve"}).status_code == 403
    assert _post(other_commissioner_client, f"/changes/{pending_change.pk}/decision", {"decision": "approve"}).status_code == 404
    assert other_commissioner_client.get(f"{API}/changes/{pending_change.pk}").status_code == 404
    assert provider_client.get(f"{API}/changes/{pending_change.pk}").status_code == 200
    assert provider_client.get(f"{API}/changes").status_code == 403
    assert anonymous_client.get(f"{API}/changes").status_code == 401
    assert Revision.objects.get(pk=pending_change.pk).status == "pending"


def test_rejecting_needs_a_reason_and_deciding_twice_is_a_conflict(commissioner_client, pending_change):
    assert _post(commissioner_client, f"/changes/{pending_change.pk}/decision", {"decision": "reject"}).status_code == 400
    assert _post(commissioner_client, f"/changes/{pending_change.pk}/decision", {"decision": "reject", "reason": "No"}).status_code == 200
    response = _post(commissioner_client, f"/changes/{pending_change.pk}/decision", {"decision": "reject", "reason": "No"})
    assert response.status_code == 409 and response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == (
        "This directory change is not approved, so you cannot reject it. You can reject it only when it is waiting for approval."
    )


def test_a_bad_decision_names_its_field(commissioner_client, pending_change):
    response = _post(commissioner_client, f"/changes/{pending_change.pk}/decision", {"decision": "maybe"})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "decision", "message": "The decision must be 'approve' or 'reject'"}]
    assert Revision.objects.get(pk=pending_change.pk).status == "pending"


def test_approving_a_change_to_a_service_that_moved_on_is_a_conflict(commissioner_client, pending_change, published_service):
    from jointly.providers import services

    services.directory_record_publish(
        organisation=published_service.organisation,
        kind=Revision.Kind.SERVICE,
        service=published_service,
        source=Revision.Source.IMPORT,
        data=service_data(published_service.areas.get().code, id=str(published_service.uuid), status="inactive"),
    )
    response = _post(commissioner_client, f"/changes/{pending_change.pk}/decision", {"decision": "approve"})
    assert response.status_code == 409
    assert response.json()["detail"].startswith("The service has changed since this change was proposed")
    published_service.refresh_from_db()
    assert (published_service.status, published_service.version) == ("inactive", 2)


def test_the_endpoints_are_described_in_the_openapi_document(anonymous_client, db):
    paths = anonymous_client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/directory/changes/{revision_id}/decision" in paths
    assert "/api/v1/directory/organisations/{slug}/services" in paths


def test_the_directory_link_is_in_everyone_s_navigation(anonymous_client, provider_client, db):
    assert 'href="/directory/"' in anonymous_client.get("/").content.decode()
    assert 'href="/directory/"' in provider_client.get("/").content.decode()
