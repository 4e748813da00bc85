"""The needs assessment's forms and detail pages, checked with axe-core.

Loads the partnerships and assessment demos only: the needs demo's DfE import
takes about 20 seconds and these pages do not need its figures (the assessment
demo leaves out targets it has no data for). One national indicator is made
here, so the target and report card forms have one to offer. The assessment
home, lists, report card and published assessment are checked with the needs
pages, in test_needs_pages.py.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .configuration import restore_seeded_configuration
from .helpers import assert_accessible, signed_in_page, submit_empty, visit

pytestmark = pytest.mark.browser

ABSENCE_CODE = "browser-test/persistent-absence"


@pytest.fixture
def plymouth(demo):
    from jointly.assessment import demo as assessment_demo
    from jointly.needs.models import IndicatorDefinition, OutcomeArea, Polarity
    from jointly.partnerships.models import Trust

    restore_seeded_configuration()
    # Made before the demo loads, so the demo's report card takes it as a headline indicator.
    IndicatorDefinition.objects.create(
        code=ABSENCE_CODE,
        name=assessment_demo.ABSENCE,
        polarity=Polarity.LOWER_BETTER,
        outcome_area=OutcomeArea.objects.get(slug="enjoy-and-achieve", trust__isnull=True),
    )
    assessment_demo.load()
    return Trust.objects.get(slug="plymouth")


def test_the_assessment_forms_and_details_are_accessible(demo, plymouth, new_page, live_server):
    from jointly.assessment.models import EvidenceItem, NeedsAssessment, Priority, ReportCard
    from jointly.assessment.services.priorities import priority_create
    from jointly.needs.models import OutcomeArea

    trust = plymouth
    query = f"?trust={trust.slug}"

    # Anyone: the list of published needs assessments.
    public = new_page()
    visit(public, reverse("assessment:published-list"), heading="Published needs assessments")
    published = NeedsAssessment.objects.get(trust=trust, status=NeedsAssessment.Status.PUBLISHED)
    expect(public.get_by_role("link", name=published.title, exact=True)).to_be_visible()

    # A provider contributes evidence: the form, and the form sent empty.
    provider = signed_in_page(new_page, live_server, demo["provider"])
    visit(provider, reverse("assessment:evidence-submit") + query, heading="Contribute evidence")
    submit_empty(provider, "Save", expected_error="Enter a title for the evidence")

    # The analyst decides on the contribution still waiting.
    analyst = signed_in_page(new_page, live_server, demo["analyst"])
    waiting = EvidenceItem.objects.get(trust=trust, status=EvidenceItem.Status.SUBMITTED)
    visit(analyst, reverse("assessment:evidence-detail", args=[waiting.pk]), heading=waiting.title)
    expect(analyst.locator("main .govuk-tag")).to_have_text("Submitted")
    expect(analyst.get_by_role("group", name="Use this evidence in the needs assessment?")).to_be_visible()

    # The analyst adds a priority: the form, and the form sent empty.
    visit(analyst, reverse("assessment:priority-create") + query, heading="Add a priority")
    submit_empty(analyst, "Save", expected_error="Enter the priority")

    # A draft priority: its page, changing it, adding a target, then proposing it to the board.
    draft = priority_create(
        trust=trust,
        period="2027–2030",
        title="Children with special educational needs are in school every day",
        outcome_area=OutcomeArea.objects.get(slug="enjoy-and-achieve", trust__isnull=True),
        by=demo["analyst"],
    )
    visit(analyst, reverse("assessment:priority-detail", args=[draft.pk]), heading=draft.title, state="(a draft)")
    expect(analyst.locator("main .govuk-tag")).to_have_text("Draft")
    visit(analyst, reverse("assessment:priority-edit", args=[draft.pk]), heading="Change the priority")
    expect(analyst.get_by_label("Priority", exact=True)).to_have_value(draft.title)
    visit(analyst, reverse("assessment:target-add", args=[draft.pk]), heading="Add a target")
    expect(analyst.get_by_label("Indicator", exact=True).locator("option", has_text="persistently absent")).to_have_count(1)
    analyst.goto(reverse("assessment:priority-detail", args=[draft.pk]))
    analyst.get_by_role("button", name="Propose to the board", exact=True).click()
    expect(analyst.locator("main .govuk-tag")).to_have_text("Proposed to the board")
    draft.refresh_from_db()
    assert draft.status == Priority.Status.PROPOSED

    # A board member records the board's approval of the proposed priority.
    board = signed_in_page(new_page, live_server, demo["board"])
    visit(board, reverse("assessment:priority-approve", args=[draft.pk]), heading="Record the board's approval")
    expect(board.get_by_label("Board", exact=True)).to_be_visible()
    expect(board.locator(".govuk-error-summary")).to_have_count(0)

    # A button someone else overtook: the analyst's page still offers to withdraw the proposal, but the
    # proposal was withdrawn meanwhile. The page comes back with the refusal in its error summary.
    from jointly.assessment.services.priorities import priority_withdraw

    analyst.goto(reverse("assessment:priority-detail", args=[draft.pk]))
    priority_withdraw(priority=draft, by=demo["commissioner"])
    analyst.get_by_role("button", name="Withdraw the proposal", exact=True).click()
    summary = analyst.locator(".govuk-error-summary")
    expect(summary).to_contain_text("This priority is draft, so you cannot withdraw it.")
    assert analyst.title().startswith("Error: ")
    expect(summary).to_be_focused()
    assert_accessible(analyst, "(a button someone else overtook)")

    # The analyst writes the report cards: the population card, its partners and plan, and a service card's measures.
    card = ReportCard.objects.get(trust=trust, kind=ReportCard.Kind.POPULATION)
    visit(analyst, reverse("assessment:report-card-edit", args=[card.pk]), heading="Change the report card")
    expect(analyst.get_by_label(card.headline_indicators.get().name, exact=True)).to_be_checked()
    visit(analyst, reverse("assessment:action-add", args=[card.pk]), heading="Add an action")
    visit(analyst, reverse("assessment:partner-add", args=[card.pk]), heading="Add a partner")
    service = ReportCard.objects.get(trust=trust, kind=ReportCard.Kind.SERVICE)
    visit(analyst, reverse("assessment:measure-add", args=[service.pk]), heading="Add a performance measure")
    expect(analyst.get_by_role("group", name="Kind of measure")).to_be_visible()
