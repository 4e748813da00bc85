"""The needs and needs-assessment pages, checked with axe-core, on the demo data.

The needs demo imports real DfE files and takes about 20 seconds, so it is
loaded once, in one long test that walks every page as the people who use it.
"""

import pytest
from django.db.models import Count
from django.urls import reverse

from .configuration import restore_seeded_configuration
from .helpers import signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def needs_demo(demo):
    from jointly.assessment import demo as assessment_demo
    from jointly.consultations import demo as consultations_demo
    from jointly.needs import demo as needs_demo_loader
    from jointly.partnerships.models import Trust

    if not needs_demo_loader.DFE.is_dir():
        pytest.skip(f"the published DfE statistics are not at {needs_demo_loader.DFE}")
    restore_seeded_configuration()
    needs_demo_loader.load()
    consultations_demo.load()
    assessment_demo.load()
    return Trust.objects.select_related("area").get(slug="plymouth")


def test_the_needs_and_assessment_pages_are_accessible(demo, needs_demo, new_page, live_server):
    from jointly.assessment.models import NeedsAssessment, ReportCard
    from jointly.assessment.services.assessments import assessment_new_draft
    from jointly.needs.models import Observation

    trust = needs_demo
    analyst = demo["analyst"]
    page = signed_in_page(new_page, live_server, analyst)

    # The area profile and an indicator with its charts.
    visit(page, reverse("needs_profile:profile", args=[trust.slug]))
    # The indicator with the most values for Plymouth: a trend, so every chart has something to draw.
    indicator = (
        Observation.objects.filter(area=trust.area, value__isnull=False)
        .values("indicator")
        .annotate(n=Count("pk"))
        .order_by("-n", "indicator")
        .first()["indicator"]
    )
    visit(page, reverse("needs_profile:indicator", args=[trust.slug, indicator]))
    figures = page.locator("figure")
    assert figures.count() >= 2, "the indicator page draws its trend and comparison charts"
    assert page.locator("figure:has(svg):has(table)").count() == figures.count(), "every chart comes with its data table"

    # Imports: the list, the upload form and the form sent empty.
    visit(page, reverse("needs:import-list"))
    visit(page, reverse("needs:import-upload"))
    submit_empty(page, "Check and import", expected_error="Choose a CSV file to upload")
    visit(page, reverse("places:neighbours", args=[trust.area.code]))

    # Changing how a trust's own indicator is described, and the form sent without a name.
    from jointly.needs.models import IndicatorDefinition

    own = IndicatorDefinition.objects.create(code="plymouth/local-1", name="Children missing from home, local count", trust=trust)
    visit(page, reverse("needs:indicator-edit", args=[own.pk]))
    page.get_by_label("Name", exact=True).fill("")
    submit_empty(page, "Save changes", expected_error="Enter the indicator's name")

    # The needs assessment: home, evidence, priorities, a report card and a draft.
    visit(page, reverse("assessment:home"))
    visit(page, reverse("assessment:evidence-list"))
    visit(page, reverse("assessment:priority-list"))
    card = ReportCard.objects.filter(trust=trust).order_by("pk").first()
    visit(page, reverse("assessment:report-card-detail", args=[card.pk]))
    published = NeedsAssessment.objects.get(trust=trust, status=NeedsAssessment.Status.PUBLISHED)
    draft = assessment_new_draft(assessment=published, by=analyst)
    visit(page, reverse("assessment:assessment-detail", args=[draft.pk]), state="(a draft)")

    # What anyone can read: the indicator list and the published needs assessment.
    public = new_page()
    visit(public, reverse("needs:indicator-list"))
    visit(public, reverse("assessment:published", args=[published.pk]), heading=published.title)
