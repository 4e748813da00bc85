"""API: the published plan is open; drafts and appraisals need the same permissions as the pages."""

import pytest

from jointly.plans import services

from .conftest import make_intention

pytestmark = pytest.mark.django_db


def test_the_published_plan_is_open_and_filterable(anonymous_client, trust, published, priority, commissioner):
    make_intention(trust, commissioner, title="Draft")
    services.intention_publish(
        intention=make_intention(
            trust, commissioner, title="Grant", kind="commission", route="grant", estimated_annual_value="10000", total_value="10000"
        ),
        by=commissioner,
    )
    body = anonymous_client.get(f"/api/v1/plans/{trust.slug}/forward-plan").json()
    assert body["count"] == 2
    item = next(i for i in body["items"] if i["id"] == published.pk)
    assert item["total_value_inc_vat"] == "750000.00" and item["value_band"] == "above_threshold"
    assert item["priority_ids"] == [priority.pk] and item["tender_opens_on"] == "2027-03-01"
    assert "status" not in item
    assert [i["title"] for i in anonymous_client.get(f"/api/v1/plans/{trust.slug}/forward-plan?route=grant").json()["items"]] == ["Grant"]
    region = anonymous_client.get(f"/api/v1/plans/regions/{trust.region.slug}/forward-plan").json()
    assert region["count"] == 2
    assert anonymous_client.get("/api/v1/plans/nowhere/forward-plan").status_code == 404


def test_staff_endpoints_follow_the_page_permissions(
    anonymous_client, commissioner_client, other_commissioner_client, provider_client, trust, draft, commissioner
):
    services.appraisal_create(trust=trust, by=commissioner, service_name="Family support", unit_name="family")
    for path in (f"/api/v1/plans/{trust.slug}/intentions", f"/api/v1/plans/{trust.slug}/make-or-buy"):
        assert anonymous_client.get(path).status_code == 401
        assert other_commissioner_client.get(path).status_code == 404
        assert provider_client.get(path).status_code == 403
        assert commissioner_client.get(path).status_code == 200
    items = commissioner_client.get(f"/api/v1/plans/{trust.slug}/intentions").json()["items"]
    assert [(i["title"], i["status"]) for i in items] == [("Family support service", "draft")]
    [appraisal] = commissioner_client.get(f"/api/v1/plans/{trust.slug}/make-or-buy").json()
    assert appraisal["service_name"] == "Family support" and appraisal["options"] == []
