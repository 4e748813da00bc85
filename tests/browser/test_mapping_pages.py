"""The service map pages, checked with axe-core: the map, a priority's map with its ward map, a service, and each form.

Loads the partnerships, assessment, providers, resources and mapping demos once per run;
gives Plymouth three small wards with shapes so the priority's ward map is drawn.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import signed_in_page, submit_empty, visit
from .snapshots import bring_to

pytestmark = pytest.mark.browser


@pytest.fixture
def plymouth(demo):
    from jointly.assessment import demo as assessment_demo
    from jointly.mapping import demo as mapping_demo
    from jointly.partnerships.models import Trust
    from jointly.places.models import Area
    from jointly.providers import demo as providers_demo
    from jointly.resources import demo as resources_demo

    def build():
        restore_seeded_configuration()
        assessment_demo.load()
        providers_demo.load()
        resources_demo.load()
        mapping_demo.load()
        trust = Trust.objects.select_related("area").get(slug="plymouth")
        for n in range(3):
            square = [
                [-4.2 + n * 0.02, 50.36],
                [-4.18 + n * 0.02, 50.36],
                [-4.18 + n * 0.02, 50.38],
                [-4.2 + n * 0.02, 50.38],
                [-4.2 + n * 0.02, 50.36],
            ]
            Area.objects.create(
                code=f"E0500{n:04d}",
                name=f"Illustrative ward {n + 1}",
                kind=Area.Kind.WARD,
                boundary_year=2023,
                parent=trust.area,
                shape={"type": "Polygon", "coordinates": [square]},
            )

    bring_to("mapping", build)  # once per run, then copied back (snapshots.py)
    return Trust.objects.select_related("area").get(slug="plymouth")


def test_the_service_map_pages_are_accessible(demo, plymouth, new_page, live_server):
    from jointly.mapping.models import EfficacyJudgement
    from jointly.mapping.selectors import current_priorities

    slug = plymouth.slug
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("mapping:map", args=[slug]), heading="Service map")
    priority = current_priorities(trust=plymouth).order_by("title").first()
    visit(page, reverse("mapping:priority", args=[slug, priority.pk]), heading=priority.title)
    assert page.locator("figure svg[role=img]").count() == 1, "the ward map is drawn"
    entry = EfficacyJudgement.objects.filter(entry__trust=plymouth).order_by("pk").first().entry
    visit(page, reverse("mapping:service", args=[slug, entry.pk]), heading=entry.service.name)

    visit(page, reverse("mapping:service-add", args=[slug]), heading="Add a service to the map")
    submit_empty(page, "Save", expected_error="Select the service to add to the map")
    visit(page, reverse("mapping:service-priorities", args=[slug, entry.pk]))
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    submit_empty(page, "Save", expected_error="Select at least one priority the service serves")
    visit(page, reverse("mapping:judgement-add", args=[slug, entry.pk]))
    submit_empty(page, "Record the judgement", expected_error="Select how strong the evidence is that the service works")
    # The groups form may be saved empty (a priority for all children), so it is checked as it first shows.
    visit(page, reverse("mapping:priority-groups", args=[slug, priority.pk]))


def test_taking_a_service_off_the_map_is_accessible(demo, plymouth, new_page, live_server):
    from jointly.mapping.models import MapEntry

    slug = plymouth.slug
    entry = MapEntry.objects.filter(trust=plymouth, status=MapEntry.Status.ON_MAP).order_by("pk").first()
    page = signed_in_page(new_page, live_server, demo["commissioner"])
    visit(page, reverse("mapping:service", args=[slug, entry.pk]), heading=entry.service.name)
    page.get_by_role("link", name="Take this service off the map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Take {entry.service.name} off the map?")
    submit_empty(page, "Take it off the map", expected_error="Enter why the service is coming off the map")
    page.get_by_label("Why is the service coming off the map?").fill("The service closed in March")
    page.get_by_role("button", name="Take it off the map").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("is off the map")
    entry.refresh_from_db()
    assert entry.status == MapEntry.Status.REMOVED
