"""Pages from the smaller apps, checked with axe-core: the API documentation,
changing an authority's statistical neighbours, and one indicator import's page.

They need only the partnerships demo (its fifteen authorities are enough for a
list of ten neighbours); the import is a small CSV written by the test.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import signed_in_page, visit

pytestmark = pytest.mark.browser

# A DfE-style file for Plymouth with one count that is neither a number nor a suppression code.
IMPORT_CSV = """\
time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,la_name,new_la_code,population_count,population_estimate,number,rate_per_10000
2023,Reporting year,Local authority,E92000001,England,E12000009,South West,879,Plymouth,E06000026,Children ceasing to be looked after each year,51956,177,34
2023,Reporting year,Local authority,E92000001,England,E12000009,South West,879,Plymouth,E06000026,Children looked after at 31 March each year,51956,lots,96
"""


def test_the_api_neighbours_and_import_pages_are_accessible(demo, new_page, live_server, tmp_path):
    from jointly.needs import services as needs_services
    from jointly.needs.models import ImportRun
    from jointly.partnerships.models import Trust
    from jointly.places import selectors as places_selectors

    # The API's documentation is for anyone.
    public = new_page()
    visit(public, reverse("core:api-docs"), heading="Jointly API")
    expect(public.get_by_role("table")).to_contain_text("/api/v1/")

    # An analyst changes the statistical neighbours of their own trust's authority.
    plymouth = Trust.objects.select_related("area").get(slug="plymouth")
    authority = plymouth.area
    analyst = demo["analyst"]
    page = signed_in_page(new_page, live_server, analyst)
    visit(page, reverse("places:neighbours-change", args=[authority.code]), heading=f"Change the statistical neighbours of {authority.name}")
    for rank in range(1, 11):
        page.get_by_label(re.compile(rf"^Neighbour {rank}\b")).select_option(index=rank)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2023")
    page.get_by_label("Where this list comes from").fill("DfE children's services statistical neighbour benchmarking tool, 2023")
    page.get_by_role("button", name="Save the neighbours", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/places/{authority.code}/neighbours/$"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text(f"The statistical neighbours of {authority.name} are saved.")
    assert len(places_selectors.neighbour_list(authority=authority)) == 10

    # An import the analyst ran for their trust, rejected with its problem row listed.
    path = tmp_path / "plymouth_cla.csv"
    path.write_text(IMPORT_CSV, encoding="utf-8")
    run, imported = needs_services.indicators_import_path(
        path=path,
        format="dfe",
        spec={"indicator_columns": ["number"], "indicator_filter_columns": ["population_count"]},
        trust=plymouth,
        by=analyst,
    )
    assert imported and run.status == ImportRun.Status.REJECTED
    visit(page, reverse("needs:import-detail", args=[run.pk]), heading=f"Import of {path.name}")
    problems = page.get_by_role("table")
    expect(problems).to_contain_text("Problems in the file")
    expect(problems).to_contain_text("'lots' is neither a number nor a suppression code")
